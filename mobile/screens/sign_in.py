"""Sign in with PINFL or phone and password."""

from __future__ import annotations

from typing import Any

from kivy.properties import StringProperty

from mobile.api import ProblemError
from mobile.screens.base import XScreen


class SignInScreen(XScreen):
    error = StringProperty("")

    def prepare(self, **context: Any) -> None:
        self.error = ""
        self.ids.password.text = ""

    def sign_in(self) -> None:
        login, password = self.ids.login.text.strip(), self.ids.password.text
        tr = self.app.tr
        if not login or not password:
            field = self.ids.login if not login else self.ids.password
            self.show_error(tr._("Enter your PINFL or phone number and your password."), field)
            return
        self.app.say_status(tr._("Signing in…"))
        self.app.background(lambda: self.app.api.sign_in(login, password), self.signed_in,
                            self.failed)

    def signed_in(self, _answer: Any) -> None:
        self.ids.password.text = ""
        self.app.load_profile()
        self.app.session.signed_in()

    def failed(self, error: BaseException) -> None:
        text = self.app.error_text(error)
        if isinstance(error, ProblemError) and error.field_errors:
            text = " ".join(m for ms in error.field_errors.values() for m in ms) or text
        self.show_error(text, self.ids.login)

    def show_error(self, text: str, field: Any) -> None:
        self.error = text
        field.a11y_error = text
        self.app.report_field_errors([field])
