"""First run, part two: standard, large type, high contrast or speech on."""

from __future__ import annotations

from typing import Any

from mobile.screens.base import XScreen


class ReadingModeScreen(XScreen):
    def choose(self, values: dict[str, Any]) -> None:
        self.app.apply_preferences(values)
        self.app.say_status(self.app.tr._("Saved."))
        self.app.go("home" if self.app.api.signed_in else "sign_in", remember=False)
