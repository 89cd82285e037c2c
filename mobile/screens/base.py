"""What every screen has: a title and a one-line summary (spoken on arrival), and a way back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.screenmanager import Screen


class XScreen(Screen):
    #: Localized in kv with ``tr._``; spoken when the screen opens, then the summary.
    title = StringProperty("")
    summary = StringProperty("")
    #: True while the data the screen opened for is on its way (see :meth:`load`).
    loading = BooleanProperty(False)

    @property
    def app(self) -> Any:
        return App.get_running_app()

    def prepare(self, **context: Any) -> None:
        """Fill the screen for what the user chose on the previous one (before it shows)."""

    def load(self, work: Callable[[], Any], show: Callable[[Any], None],
             failed: Callable[[BaseException], None] | None = None) -> None:
        """Fetch the screen's data off the UI thread, then ``show`` it (or ``failed``).

        Meanwhile the screen is ``loading``: the app waits a moment with the title, so that
        the title, the summary and the focus are said once, with the data, in that order.
        """
        self.loading = True
        app = self.app

        def shown(result: Any) -> None:
            show(result)
            app.screen_loaded(self)

        def not_shown(error: BaseException) -> None:
            (failed or app.report_failure)(error)
            app.screen_loaded(self)

        app.background(work, shown, not_shown)

    def resume_context(self) -> dict[str, Any]:
        """What :meth:`prepare` needs to show this screen again after a new sign-in."""
        return {}

    def back(self) -> bool:
        """Escape on this screen: True when the screen handled it (else the app goes back)."""
        return False

    def on_enter(self, *args: Any) -> None:
        self.app.screen_entered(self)
