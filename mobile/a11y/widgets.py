"""Widgets that carry their own accessible description (role, name, state, value, hint).

Kivy has no bridge to TalkBack, VoiceOver or AT-SPI, so the app speaks for itself: every
interactive widget keeps its description in the ``a11y_*`` properties below (bound in kv to
the current locale's texts), :mod:`mobile.a11y.export` turns a screen into an
:class:`accessibility.nodes.AccessibleNode` tree for the audit and announcements, and a
future native bridge can read the same properties.
"""

from __future__ import annotations

from typing import Any

from kivy.properties import (
    BooleanProperty,
    ListProperty,
    NumericProperty,
    ObjectProperty,
    StringProperty,
)
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.textinput import TextInput

from accessibility.nodes import INTERACTIVE_ROLES, Role, State
from mobile.a11y.wrapping import WrappingLabel


class Accessible:
    """Mixin: the accessible description of a widget and how the keyboard acts on it."""

    a11y_role = StringProperty(Role.TEXT.value)
    a11y_name = StringProperty("")
    a11y_hint = StringProperty("")
    a11y_value = StringProperty("")
    a11y_error = StringProperty("")
    a11y_id = StringProperty("")
    #: Extra states beyond those the widget knows itself (checked, disabled ...).
    a11y_states = ListProperty()
    #: Drawn as the focus ring; set by the focus manager, never by hand.
    a11y_focused = BooleanProperty(False)
    #: Theme roles the widget is painted with (accessibility.themes.Theme attribute names),
    #: read by the kv rules to draw and by the export to report the colours to the audit.
    fg_role = StringProperty("text")
    bg_role = StringProperty("")
    border_role = StringProperty("")

    @property
    def a11y_focusable(self) -> bool:
        return Role(self.a11y_role) in INTERACTIVE_ROLES

    def a11y_state_set(self) -> frozenset[State]:
        states = {State(state) for state in self.a11y_states}
        if getattr(self, "disabled", False):
            states.add(State.DISABLED)
        return frozenset(states)

    def a11y_activate(self) -> bool:
        """What Enter and Space do; False when the widget has no action."""
        return False


class XLabel(Accessible, WrappingLabel):
    """Text that wraps between words to its width and grows in height (reflow at any type
    size)."""


class XHeading(XLabel):
    a11y_role = StringProperty(Role.HEADING.value)
    #: Size in sp at 100 % (24 for a screen title, 20 for a section).
    base_size = NumericProperty(24)


class XButton(Accessible, ButtonBehavior, WrappingLabel):
    """A button whose name is its text unless told otherwise; at least 48 dp high."""

    a11y_role = StringProperty(Role.BUTTON.value)
    #: "primary" (filled) or "secondary" (outlined); only the look differs.
    kind = StringProperty("primary")

    def a11y_activate(self) -> bool:
        if self.disabled:
            return False
        self.dispatch("on_press")
        self.dispatch("on_release")
        return True


class XListItem(XButton):
    """An entry of an :class:`XList`: arrow keys move between the entries."""

    kind = StringProperty("item")
    #: What the entry stands for (a service id, an application id ...).
    payload = ObjectProperty(None, allownone=True)


class XRow(XListItem):
    """A read-only entry of a list (a log record): focusable, so that the arrow keys read the
    list row by row, but with nothing to activate (said as a list item, not a button)."""

    a11y_role = StringProperty(Role.LIST_ITEM.value)

    @property
    def a11y_focusable(self) -> bool:
        return True

    def a11y_activate(self) -> bool:
        return False


class XList(Accessible, BoxLayout):
    """A vertical list; its items are reached with the arrow keys as well as Tab."""

    a11y_role = StringProperty(Role.LIST.value)


class XChoice(Accessible, ButtonBehavior, WrappingLabel):
    """A check box, radio button or switch drawn as text with a state glyph.

    Drawing the state as a glyph of the text font keeps it in the text colour of the theme
    (Kivy's CheckBox images are pale grey on white, under 3:1).
    """

    a11y_role = StringProperty(Role.CHECKBOX.value)
    checked = BooleanProperty(False)
    label = StringProperty("")
    value = ObjectProperty(None, allownone=True)
    #: Radio buttons of one group uncheck each other.
    group_name = StringProperty("")
    glyph = StringProperty("")

    def a11y_state_set(self) -> frozenset[State]:
        states = set(super().a11y_state_set())
        states.add(State.CHECKED if self.checked else State.UNCHECKED)
        return frozenset(states)

    def on_release(self) -> None:
        if self.a11y_role == Role.RADIO.value:
            if not self.checked:
                self.checked = True
                self._uncheck_siblings()
        else:
            self.checked = not self.checked

    def _uncheck_siblings(self) -> None:
        if self.parent is None:
            return
        for sibling in self.parent.children:
            if sibling is not self and isinstance(sibling, XChoice) and (
                sibling.group_name == self.group_name
            ):
                sibling.checked = False

    def a11y_activate(self) -> bool:
        if self.disabled:
            return False
        self.dispatch("on_press")
        self.dispatch("on_release")
        return True


class XTextField(Accessible, TextInput):
    """A text field that never swallows Tab and hands navigation keys to the focus manager."""

    a11y_role = StringProperty(Role.TEXT_FIELD.value)
    #: Enter submits the form (dispatches on_text_validate) instead of moving to the next field.
    submits = BooleanProperty(False)
    #: The focus manager that owns navigation (set by the app at start).
    navigator: Any = None

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("write_tab", False)
        kwargs.setdefault("multiline", False)
        super().__init__(**kwargs)

    def keyboard_on_key_down(
        self, window: Any, keycode: tuple[int, str], text: str | None, modifiers: list[str]
    ) -> bool:
        name = keycode[1]
        navigation = {"tab", "escape"} | ({"enter", "up", "down"} if not self.multiline else set())
        if "ctrl" in modifiers and name == "r":
            navigation = navigation | {"r"}
        navigator = XTextField.navigator
        if name in navigation and navigator is not None:
            return bool(navigator.handle_key(name, modifiers))
        return bool(super().keyboard_on_key_down(window, keycode, text, modifiers))

    def a11y_activate(self) -> bool:
        self.focus = True
        return True
