"""Fonts that have every character of every locale.

Kivy's bundled Roboto lacks U+02BB (ʻ in Oʻzbekiston, toʻlov) and U+202F (the narrow
no-break space CLDR puts in some numbers): they would show as boxes.  DejaVu Sans covers
Latin, Cyrillic and both, so it is registered under Kivy's default family name "Roboto";
TextInput and every Label then use it without naming a font.  Kivy ships DejaVuSans regular
only; bold comes from Debian's fonts-dejavu-core, with regular standing in where that is
missing (text is still readable, only not bold).
"""

from __future__ import annotations

from pathlib import Path

import kivy

KIVY_FONTS = Path(kivy.__file__).resolve().parent / "data" / "fonts"
REGULAR = KIVY_FONTS / "DejaVuSans.ttf"
SYSTEM_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
BOLD_CANDIDATES = (SYSTEM_DEJAVU / "DejaVuSans-Bold.ttf",)


def bold_font() -> Path:
    for candidate in BOLD_CANDIDATES:
        if candidate.exists():
            return candidate
    return REGULAR


def register_fonts() -> Path:
    """Make "Roboto" (Kivy's default family) DejaVu Sans; return the regular font's path."""
    from kivy.core.text import LabelBase

    bold = str(bold_font())
    LabelBase.register(
        name="Roboto",
        fn_regular=str(REGULAR),
        fn_bold=bold,
        fn_italic=str(REGULAR),
        fn_bolditalic=bold,
    )
    return REGULAR
