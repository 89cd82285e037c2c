"""Xizmat's accessibility toolkit: speech, announcements, themes and contrast, type, audit.

It imports neither Kivy nor Flask (only :mod:`locales`, the standard library, pyttsx3 and
fontTools), so the mobile client, the server and the tests all use it as is.

- :mod:`accessibility.nodes` - the accessible node (role, name, state, value, hint, error,
  bounds, font size, colours, focus index, children) and the saved-tree format below.
- :mod:`accessibility.announcements` - pure functions from nodes and events to sentences.
- :mod:`accessibility.speech` - the speech facade, its worker thread and its backends.
- :mod:`accessibility.contrast`, :mod:`accessibility.themes`, :mod:`accessibility.typescale`.
- :mod:`accessibility.audit` and the ``xizmat-audit`` command (:mod:`accessibility.audit_cli`).

Saved tree format (JSON, UTF-8; the mobile client exports one per screen)::

    {
      "format": "xizmat-accessibility-tree",   # required, exactly this
      "version": 1,                            # required
      "screen": "apply_step_1",                # which screen (free text, for reports)
      "locale": "uz_Latn",                     # the locale the names are in
      "theme": "default",                      # a name from accessibility.themes.THEMES
      "font": "/path/DejaVuSans.ttf",          # the font the text is drawn with (optional)
      "font_scale": 1.0,                       # the user's type scale, 1.0 to 3.0
      "root": <node>
    }

A node is an object; only ``role`` is required::

    {
      "role": "text_field",            # accessibility.nodes.Role values
      "id": "phone",                   # the widget's id, used in findings
      "name": "Telefon raqami",        # accessible name, already localized
      "text": "Telefon raqami",        # the text it shows, if any
      "value": "+998 90 123 45 67",    # current value, if any
      "states": ["required"],          # accessibility.nodes.State values
      "hint": "...", "error": "...", "placeholder": "...",
      "bounds": [x, y, width, height], # dp, origin top left, y downwards
      "content_size": [width, height], # dp the laid-out text needs
      "font_size": 16,                 # sp, after the user's scale
      "bold": false,
      "foreground": "#1B1B1F", "background": "#FFFFFF", "border": "#6E7179",
      "placeholder_colour": "#5C5F66", # colours #RRGGBB or #RRGGBBAA
      "focus_index": 3,                # keyboard order; absent when not focusable
      "children": [<node>, ...]
    }
"""
