"""A Kivy screen as an accessible-node tree (accessibility.nodes), for the audit and speech.

Only widgets with an accessible description become nodes; plain layouts are looked through,
their described descendants joining the nearest described ancestor.  Geometry is given in
dp with the origin at the top left (the tree format's convention), colours by the theme role
each widget is painted with, so the audit checks exactly what is drawn.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kivy.core.window import Window
from kivy.metrics import Metrics
from kivy.uix.textinput import TextInput
from kivy.uix.widget import Widget

from accessibility.nodes import AccessibleNode, Bounds, Role, ScreenTree
from accessibility.themes import Theme
from mobile.a11y.focus import focusables, is_shown
from mobile.a11y.widgets import Accessible


def _dp(pixels: float) -> float:
    return round(pixels / Metrics.density, 1)


def bounds_of(widget: Widget) -> Bounds:
    x, y = widget.to_window(widget.x, widget.y)
    top = Window.height - (y + widget.height)
    return Bounds(_dp(x), _dp(top), _dp(widget.width), _dp(widget.height))


def content_size_of(widget: Widget) -> tuple[float, float] | None:
    if isinstance(widget, TextInput):
        return None  # a field scrolls its own text; its box is what must fit
    texture = getattr(widget, "texture_size", None)
    if not texture or not getattr(widget, "text", ""):
        return None
    return (_dp(texture[0]), _dp(texture[1]))


def role_colour(theme: Theme, role: str) -> str | None:
    return getattr(theme, role, None) if role else None


def node_of(widget: Any, theme: Theme, focus_index: int | None,
            children: tuple[AccessibleNode, ...]) -> AccessibleNode:
    text = getattr(widget, "text", None)
    is_field = isinstance(widget, TextInput)
    return AccessibleNode(
        role=Role(widget.a11y_role),
        name=widget.a11y_name,
        id=widget.a11y_id,
        text=None if is_field or not text else str(text),
        value=widget.a11y_value or None,
        states=widget.a11y_state_set(),
        hint=widget.a11y_hint or None,
        error=widget.a11y_error or None,
        placeholder=(widget.hint_text or None) if is_field else None,
        bounds=bounds_of(widget),
        content_size=content_size_of(widget),
        font_size=round(widget.font_size / Metrics.density, 1) if hasattr(widget, "font_size")
        else None,
        bold=bool(getattr(widget, "bold", False)),
        foreground=role_colour(theme, getattr(widget, "fg_role", "")),
        background=role_colour(theme, getattr(widget, "bg_role", "")),
        border=role_colour(theme, getattr(widget, "border_role", "")),
        placeholder_colour=theme.placeholder if is_field else None,
        focus_index=focus_index,
        children=children,
    )


def _nodes(widget: Widget, theme: Theme, order: dict[int, int]) -> Iterator[AccessibleNode]:
    if not is_shown(widget):
        return
    inner = tuple(
        node for child in reversed(widget.children) for node in _nodes(child, theme, order)
    )
    if isinstance(widget, Accessible):
        yield node_of(widget, theme, order.get(id(widget)), inner)
    else:
        yield from inner


def export_screen(screen: Any, theme: Theme, locale: str, font: str | None) -> ScreenTree:
    """The accessible tree of ``screen`` as it is laid out now."""
    order = {id(widget): index for index, widget in enumerate(focusables(screen))}
    children = tuple(
        node for child in reversed(screen.children) for node in _nodes(child, theme, order)
    )
    root = AccessibleNode(
        role=Role.SCREEN,
        name=screen.title,
        id=screen.name,
        bounds=bounds_of(screen),
        background=theme.background,
        children=children,
    )
    return ScreenTree(
        root=root,
        screen=screen.name,
        locale=locale,
        theme=theme.name,
        font=font,
        font_scale=float(Metrics.fontscale),
    )
