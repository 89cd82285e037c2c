"""Server-driven forms: one step of a service definition rendered as accessible widgets.

Every field type of the flow engine has a control here; a new service needs no new client.
Conditions are applied as the user types (hidden fields are transparent, disabled and take
no room, so focus and the audit skip them).  A prefilled value is shown with its source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from kivy.metrics import dp
from kivy.uix.boxlayout import BoxLayout

from locales.markers import N_
from mobile.a11y.blocks import FieldBlock
from mobile.a11y.widgets import XChoice, XLabel, XTextField
from mobile.conditions import holds

TEXT_TYPES = {"text", "integer", "decimal", "date", "phone", "pinfl", "email"}
MULTILINE_TYPES = {"long_text", "address"}
INPUT_FILTERS = {"integer": "int", "decimal": "float"}
PLACEHOLDERS = {"date": N_("DD.MM.YYYY"), "phone": "+998 90 123 45 67", "email": "name@example.uz"}
DOTTED_DATE = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$")


def choice_group(role: str, options: list[tuple[Any, str]], selected: Any,
                 on_change: Callable[[], None], name: str) -> BoxLayout:
    group = BoxLayout(orientation="vertical", size_hint_y=None, spacing=dp(4))
    group.bind(minimum_height=group.setter("height"))
    group.a11y_role = "group"  # looked through by FieldBlock.targets
    chosen = selected if isinstance(selected, list) else [selected]
    for value, label in options:
        choice = XChoice(label=label, value=value, a11y_role=role, group_name=name,
                         a11y_id=f"{name}__{value}", checked=value in chosen)
        choice.bind(checked=lambda *_args: on_change())
        group.add_widget(choice)
    return group


class FieldView:
    """One field of a step: its block (label, control, hint, error) and its value."""

    def __init__(self, definition: Mapping[str, Any], value: Any, tr: Any,
                 on_change: Callable[[], None], regions: list[dict[str, Any]],
                 prefilled: Mapping[str, Any] | None = None) -> None:
        self.definition = definition
        self.name = str(definition.get("name", ""))
        self.type = str(definition.get("type", "text"))
        self.required = bool(definition.get("required", True))
        self.tr = tr
        self.regions = regions
        self._on_change = on_change
        spoken = definition.get("spoken") or {}
        self.block = FieldBlock(name=self.name, label=str(definition.get("label", self.name)),
                                hint=str(definition.get("hint") or ""),
                                spoken_label=str(spoken.get("label") or ""),
                                spoken_hint=str(spoken.get("hint") or ""))
        self.control = self._make_control(value)
        self.block.add_control(self.control)
        if prefilled:
            self._show_source(prefilled)
        for target in self.block.targets():
            target.a11y_states = ["required"] if self.required else []

    def options(self) -> list[tuple[Any, str]]:
        if self.type == "yes_no":
            return [(True, self.tr._("Yes")), (False, self.tr._("No"))]
        if self.type == "region":
            return [(region["id"], region["name"]) for region in self.regions]
        raw = self.definition.get("options") or []
        return [(option.get("value"), str(option.get("label", option.get("value"))))
                for option in raw if isinstance(option, Mapping)]

    def _make_control(self, value: Any) -> Any:
        if self.type in ("single_choice", "yes_no", "region", "district"):
            return choice_group("radio", self.options(), value, self._on_change, self.name)
        if self.type == "multiple_choice":
            return choice_group("checkbox", self.options(), value or [], self._on_change,
                                self.name)
        if self.type == "consent":
            group = choice_group("checkbox", [(True, self.block.label)], value, self._on_change,
                                 self.name)
            choice = group.children[0]
            group.remove_widget(choice)  # a lone box needs no group around it
            return choice
        field = XTextField(a11y_id=self.name, multiline=self.type in MULTILINE_TYPES,
                           input_filter=INPUT_FILTERS.get(self.type))
        placeholder = PLACEHOLDERS.get(self.type)
        field.hint_text = self.tr._(placeholder) if placeholder else ""
        if value not in (None, ""):
            field.text = _display(self.type, value)
        field.bind(text=lambda *_args: self._on_change())
        return field

    def set_districts(self, region_id: Any, selected: Any) -> None:
        """A district field lists the districts of the region chosen in its region field."""
        region = next((r for r in self.regions if r.get("id") == region_id), None)
        options = [(d["id"], d["name"]) for d in (region or {}).get("districts", [])]
        self.block.ids.slot.clear_widgets()
        self.control = choice_group("radio", options, selected, self._on_change, self.name)
        self.block.add_control(self.control)

    def _show_source(self, prefilled: Mapping[str, Any]) -> None:
        source = str(prefilled.get("source_name") or prefilled.get("source") or "")
        text = self.tr._("Filled in from: %(source)s", source=source)
        if prefilled.get("status") == "verify_by_officer":
            text = self.tr._("The registry did not answer; an officer will check this.")
        self.block.hint = f"{self.block.hint}\n{text}".strip()
        if self.block.spoken_hint:
            self.block.spoken_hint = f"{self.block.spoken_hint}. {text}"

    def value(self) -> Any:
        control = self.control
        if isinstance(control, XChoice):
            return bool(control.checked)
        if isinstance(control, XTextField):
            text = control.text.strip()
            if self.type == "date" and (match := DOTTED_DATE.match(text)):
                day, month, year = match.groups()
                return f"{year}-{int(month):02d}-{int(day):02d}"
            return text
        chosen = [c.value for c in reversed(control.children)
                  if isinstance(c, XChoice) and c.checked]
        if self.type == "multiple_choice":
            return chosen
        return chosen[0] if chosen else None

    def set_visible(self, visible: bool) -> None:
        block = self.block
        block.opacity = 1 if visible else 0
        block.disabled = not visible
        block.size_hint_y = None
        if visible:
            block.height = block.minimum_height
            block.bind(minimum_height=block.setter("height"))
        else:
            block.unbind(minimum_height=block.setter("height"))
            block.height = 0

    def show_error(self, messages: list[str]) -> None:
        self.block.error = " ".join(messages)

    def focus_target(self) -> Any:
        targets = self.block.targets()
        return targets[0] if targets else self.control


def _display(field_type: str, value: Any) -> str:
    if field_type == "date" and isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        year, month, day = value.split("-")
        return f"{day}.{month}.{year}"
    return str(value)


class StepForm:
    """The fields of one step in a vertical box, kept in step with their conditions."""

    def __init__(self, step: Mapping[str, Any], values: Mapping[str, Any],
                 earlier: Mapping[str, Any], tr: Any, regions: list[dict[str, Any]],
                 prefill: Mapping[str, Any], on_value: Callable[[str, Any], None]) -> None:
        self.step_id = str(step.get("id", ""))
        self.earlier = dict(earlier)
        self.on_value = on_value
        self.box = BoxLayout(orientation="vertical", size_hint_y=None, spacing=dp(16))
        self.box.bind(minimum_height=self.box.setter("height"))
        self.fields: list[FieldView] = []
        for definition in step.get("fields") or []:
            name = str(definition.get("name", ""))
            value = values.get(name, (prefill.get(name) or {}).get("value"))
            view = FieldView(definition, value, tr, self.changed, regions, prefill.get(name))
            self.fields.append(view)
            self.box.add_widget(view.block)
        self._district_regions: dict[str, Any] = {}
        self.refresh()

    def values(self) -> dict[str, Any]:
        """Values of the visible fields (hidden ones are dropped, as the server drops them)."""
        return {view.name: view.value() for view in self.fields if not view.block.disabled}

    def changed(self) -> None:
        self.refresh()
        for view in self.fields:
            if not view.block.disabled:
                self.on_value(view.name, view.value())

    def refresh(self) -> None:
        known = dict(self.earlier)
        for view in self.fields:
            visible = holds(view.definition.get("show_if"), known)
            if view.block.disabled == visible or view.block.opacity != (1 if visible else 0):
                view.set_visible(visible)
            if view.type == "district":
                region_field = (view.definition.get("constraints") or {}).get("region_field")
                region = known.get(str(region_field or "region"))
                if self._district_regions.get(view.name, "unset") != region:
                    self._district_regions[view.name] = region
                    view.set_districts(region, view.value())
            if visible:
                known[view.name] = view.value()

    def show_errors(self, errors: Mapping[str, list[str]]) -> list[Any]:
        """Put each message under its field; return the controls to focus, in order."""
        invalid = []
        for view in self.fields:
            messages = list(errors.get(view.name, []))
            view.show_error(messages)
            if messages:
                invalid.append(view.focus_target())
        return invalid


def error_label(text: str) -> XLabel:
    return XLabel(text=text, fg_role="error", bold=True)
