"""A labelled control with its hint and its error: the unit every form is built of.

The visible label, the hint and the error are also the control's accessible name, hint and
error, so what is seen and what is heard never drift apart.
"""

from __future__ import annotations

from typing import Any

from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from mobile.a11y.widgets import XLabel


class FieldBlock(BoxLayout):
    label = StringProperty("")
    hint = StringProperty("")
    error = StringProperty("")
    #: How to say the label and hint where the written ones rely on sight (format examples,
    #: abbreviations): the service definition's ``spoken`` texts.
    spoken_label = StringProperty("")
    spoken_hint = StringProperty("")
    #: The control (an XTextField, or a group of XChoice): set by add_control.
    control = ObjectProperty(None, allownone=True)
    name = StringProperty("")

    def add_control(self, control: Any) -> None:
        self.control = control
        self.ids.slot.add_widget(control)
        self._describe()

    def on_error(self, *_args: Any) -> None:
        self._describe()

    def on_label(self, *_args: Any) -> None:
        self._describe()

    def on_hint(self, *_args: Any) -> None:
        self._describe()

    def targets(self) -> list[Any]:
        """The widgets that carry the description (the control, or each choice of a group)."""
        control = self.control
        if control is None:
            return []
        if hasattr(control, "a11y_role") and control.a11y_role != "group":
            return [control]
        return [child for child in reversed(control.children) if hasattr(child, "a11y_role")]

    def _describe(self) -> None:
        label = self.spoken_label or self.label
        for target in self.targets():
            if target.a11y_role not in ("checkbox", "radio") or len(self.targets()) == 1:
                target.a11y_name = label
            else:
                target.a11y_name = f"{target.label}, {label}"
            target.a11y_hint = self.spoken_hint or self.hint
            target.a11y_error = self.error


class FieldLabel(XLabel):
    pass
