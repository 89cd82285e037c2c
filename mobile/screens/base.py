"""What every screen has: a title and a one-line summary (spoken on arrival), and a way back."""

from __future__ import annotations

from typing import Any

from kivy.app import App
from kivy.properties import StringProperty
from kivy.uix.screenmanager import Screen


class XScreen(Screen):
    #: Localized in kv with ``tr._``; spoken when the screen opens, then the summary.
    title = StringProperty("")
    summary = StringProperty("")

    @property
    def app(self) -> Any:
        return App.get_running_app()

    def prepare(self, **context: Any) -> None:
        """Fill the screen for what the user chose on the previous one (before it shows)."""

    def resume_context(self) -> dict[str, Any]:
        """What :meth:`prepare` needs to show this screen again after a new sign-in."""
        return {}

    def back(self) -> bool:
        """Escape on this screen: True when the screen handled it (else the app goes back)."""
        return False

    def on_enter(self, *args: Any) -> None:
        self.app.screen_entered(self)
