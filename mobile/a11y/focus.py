"""Keyboard focus in reading order, for people who use keys (or switches) alone.

Kivy's FocusBehavior handles only Tab and Escape, does not skip invisible widgets and does
not scroll; this manager owns focus for the whole app instead.  Reading order is the widget
tree read top to bottom (Kivy keeps children in reverse order).  Tab / Shift+Tab move through
every visible, enabled, interactive widget of the current screen; Enter and Space activate;
Up / Down move between the items of a list; Escape goes back; Ctrl+R repeats the last
announcement.  A ScrollView scrolls the focused widget into view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from kivy.core.window import Window
from kivy.metrics import dp
from kivy.uix.scrollview import ScrollView
from kivy.uix.widget import Widget

from mobile.a11y.widgets import Accessible, XChoice, XList, XListItem, XTextField

#: SDL keycodes of the keys the manager handles when no text field has the keyboard.
KEY_NAMES = {9: "tab", 13: "enter", 271: "enter", 32: "spacebar", 27: "escape",
             273: "up", 274: "down", 114: "r"}


def is_shown(widget: Widget) -> bool:
    """False when the widget or an ancestor is transparent, disabled, or has no size."""
    node: Any = widget
    while node is not None and node is not node.parent:
        if getattr(node, "opacity", 1) <= 0 or getattr(node, "disabled", False):
            return False
        if node.width <= 0 or node.height <= 0:
            return False
        node = node.parent
    return True


def reading_order(root: Widget) -> Iterator[Widget]:
    """Every widget under ``root`` (itself first), top to bottom as a reader meets them."""
    yield root
    for child in reversed(root.children):
        yield from reading_order(child)


def focusables(root: Widget) -> list[Widget]:
    return [
        widget for widget in reading_order(root)
        if isinstance(widget, Accessible) and widget.a11y_focusable and is_shown(widget)
    ]


def settle_scroll(view: ScrollView) -> None:
    """Stop the scroll effect where the view now is.

    Setting ``scroll_y`` leaves Kivy's effect behind: one still bouncing (after the content
    grew under it, say) keeps moving and drags the view back, off the focused widget.
    """
    effect = view.effect_y
    if effect is not None:
        effect.velocity = 0
        effect.value = effect.max * view.scroll_y


class FocusManager:
    """One focus for the app: which widget has it, and what each key does with it."""

    def __init__(
        self,
        root_provider: Callable[[], Widget | None],
        on_focus: Callable[[Widget], None],
        on_back: Callable[[], bool],
        on_repeat: Callable[[], None],
        on_value: Callable[[Widget], None] | None = None,
    ) -> None:
        self._root_provider = root_provider
        self._on_focus = on_focus
        self._on_back = on_back
        self._on_repeat = on_repeat
        self._on_value = on_value
        self.focused: Widget | None = None
        XTextField.navigator = self
        Window.bind(on_key_down=self._on_window_key_down)

    def stop(self) -> None:
        Window.unbind(on_key_down=self._on_window_key_down)
        if XTextField.navigator is self:
            XTextField.navigator = None

    def order(self) -> list[Widget]:
        root = self._root_provider()
        return focusables(root) if root is not None else []

    def focus(self, widget: Widget | None, *, speak: bool = True) -> None:
        previous = self.focused
        if previous is not None and previous is not widget:
            previous.a11y_focused = False
            if isinstance(previous, XTextField):
                previous.focus = False
        self.focused = widget
        if widget is None:
            return
        widget.a11y_focused = True
        if isinstance(widget, XTextField) and not widget.focus:
            widget.focus = True
        self._scroll_into_view(widget)
        if speak:
            self._on_focus(widget)

    def focus_first(self, *, speak: bool = False) -> None:
        order = self.order()
        self.focus(order[0] if order else None, speak=speak)

    def move(self, step: int) -> None:
        order = self.order()
        if not order:
            return
        if self.focused in order:
            index = (order.index(self.focused) + step) % len(order)
        else:
            index = 0 if step > 0 else len(order) - 1
        self.focus(order[index])

    def move_in_list(self, step: int) -> bool:
        """Up/Down: the previous or next item of the focused item's list (no wrapping)."""
        widget = self.focused
        if not isinstance(widget, XListItem) or not isinstance(widget.parent, XList):
            return False
        items = [item for item in focusables(widget.parent) if isinstance(item, XListItem)]
        index = items.index(widget) + step if widget in items else -1
        if 0 <= index < len(items):
            self.focus(items[index])
        return True

    def handle_key(self, name: str, modifiers: list[str] | tuple[str, ...]) -> bool:
        """Act on one key; True when it was ours (the caller then stops its dispatch)."""
        if name == "tab":
            if {"ctrl", "alt", "meta"} & set(modifiers):
                return False
            self.move(-1 if "shift" in modifiers else 1)
            return True
        if name == "r" and "ctrl" in modifiers:
            self._on_repeat()
            return True
        if name in ("enter", "spacebar"):
            widget = self.focused
            if isinstance(widget, XTextField) and name == "enter":
                if widget.submits:
                    widget.dispatch("on_text_validate")
                else:
                    self.move(1)
                return True
            if widget is None or not widget.a11y_activate():
                return False
            # A control that stays on screen says its new state ("checked"); one that opened
            # another screen has said nothing, and the new screen speaks for itself.
            if isinstance(widget, XChoice) and self._on_value is not None:
                self._on_value(widget)
            return True
        if name in ("up", "down"):
            return self.move_in_list(-1 if name == "up" else 1)
        if name == "escape":
            return self._on_back()
        return False

    def _on_window_key_down(
        self, _window: Any, key: int, _scancode: int, _codepoint: str | None, modifiers: list[str]
    ) -> bool:
        name = KEY_NAMES.get(key)
        if name is None or (name == "r" and "ctrl" not in modifiers):
            return False
        if isinstance(self.focused, XTextField) and self.focused.focus and name != "escape":
            return False  # the field's own keyboard handler routes these to handle_key
        return self.handle_key(name, modifiers)

    @staticmethod
    def _scroll_into_view(widget: Widget) -> None:
        node = widget.parent
        while node is not None and node is not node.parent:
            if isinstance(node, ScrollView):
                node.scroll_to(widget, padding=dp(24), animate=False)
                settle_scroll(node)
                return
            node = node.parent
