"""Registration: the same form machinery as the services, with the server's own checks."""

from __future__ import annotations

from typing import Any

from kivy.properties import StringProperty

from locales.markers import N_
from mobile.forms import StepForm
from mobile.screens.base import XScreen

FIELDS = (
    ("pinfl", "pinfl", N_("PINFL"), N_("14 digits, as in your ID card.")),
    ("phone", "phone", N_("Phone number"), N_("Starts with +998.")),
    ("full_name", "text", N_("Full name"), ""),
    ("password", "text", N_("Password"), N_("At least 10 characters.")),
)


class RegisterScreen(XScreen):
    error = StringProperty("")

    def prepare(self, **context: Any) -> None:
        tr = self.app.tr
        step = {"id": "account", "fields": [
            {"name": name, "type": kind, "label": tr._(label), "hint": tr._(hint) if hint else "",
             "required": name != "full_name"} for name, kind, label, hint in FIELDS]}
        self.form = StepForm(step, {}, {}, tr, [], {}, lambda _name, _value: None)
        for view in self.form.fields:
            if view.name == "password":
                view.control.password = True
        self.ids.form.clear_widgets()
        self.ids.form.add_widget(self.form.box)
        self.error = ""

    def register(self) -> None:
        values = self.form.values()
        self.app.background(
            lambda: self.app.api.register(values["pinfl"], values["phone"], values["password"],
                                          values.get("full_name", "")),
            self.registered, self.refused)

    def registered(self, _answer: Any) -> None:
        self.app.save_profile()
        self.app.history.clear()
        self.app.go("home", remember=False)

    def refused(self, error: BaseException) -> None:
        self.error = self.app.report_refusal(error, self.form)
