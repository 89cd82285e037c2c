"""The theme's colours as Kivy RGBA lists, by role: what the kv rules paint with."""

from __future__ import annotations

from kivy.utils import get_color_from_hex

from accessibility.themes import Theme

THEME_ROLES = ("background", "surface", "text", "text_secondary", "placeholder", "primary",
               "on_primary", "border", "focus", "error", "link")


def palette(theme: Theme) -> dict[str, list[float]]:
    colours = {role: get_color_from_hex(getattr(theme, role)) for role in THEME_ROLES}
    colours[""] = [0.0, 0.0, 0.0, 0.0]  # "no colour": a widget that paints no background
    return colours
