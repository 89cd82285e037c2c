"""The bridge from Kivy widgets to accessible nodes: descriptions, focus, speech, export."""
