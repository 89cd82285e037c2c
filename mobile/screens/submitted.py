"""After Submit: the number to quote, or the promise that it will be sent when online."""

from __future__ import annotations

from typing import Any

from kivy.properties import StringProperty

from mobile.screens.base import XScreen


class SubmittedScreen(XScreen):
    headline = StringProperty("")
    detail = StringProperty("")

    def prepare(self, **context: Any) -> None:
        tr = self.app.tr
        number = str(context.get("number") or "")
        if number:
            self.headline = tr._("Application submitted")
            self.detail = tr._("Your application number is %(number)s.", number=number)
        else:
            self.headline = tr._("Waiting to be sent")
            self.detail = tr._("You are offline. Your application will be sent automatically "
                               "when the connection returns.")
