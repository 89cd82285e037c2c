"""Xizmat's Kivy client: screens in .kv, behaviour in Python, the API reached over HTTP only."""
