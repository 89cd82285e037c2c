"""What every screen has: a title and a one-line summary (spoken on arrival), and a way back;
and, for a screen that loads its data, a status line and "Try again" if the data cannot come."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.screenmanager import Screen

from locales.markers import N_
from mobile.a11y.widgets import XButton
from mobile.api import AuthenticationError, OfflineError

#: Why a screen's data did not come when the network is gone.  The client's general offline
#: text promises that typed work is kept, which says nothing to a screen that only reads.
NOT_LOADED_OFFLINE = N_("You are offline. Check the connection, then try again.")


class XScreen(Screen):
    #: Localized in kv with ``tr._``; spoken when the screen opens, then the summary.
    title = StringProperty("")
    summary = StringProperty("")
    #: The status line of a screen that loads its data (see :meth:`load`): "Loading…", then
    #: what the data says (a count, a status), or why the data could not come.  Such a screen
    #: shows it in its label ``id: status``.
    status_text = StringProperty("")
    #: True while the data the screen opened for is on its way (see :meth:`load`).
    loading = BooleanProperty(False)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        #: What :meth:`prepare` got when the app last opened the screen (``XizmatApp.go``).
        self.opened_with: dict[str, Any] = {}
        self._try_again: XButton | None = None
        self._loads = 0  # loads started; only the latest one's answer is shown

    @property
    def app(self) -> Any:
        return App.get_running_app()

    def prepare(self, **context: Any) -> None:
        """Fill the screen for what the user chose on the previous one (before it shows)."""

    def load(self, work: Callable[[], Any], show: Callable[[Any], None],
             failed: Callable[[BaseException], None] | None = None) -> None:
        """Fetch the screen's data off the UI thread, then ``show`` it (or ``failed``).

        Meanwhile the screen is ``loading`` and its status says so: the app waits a moment
        with the title, so that the title, the summary and the focus are said once, with the
        data, in that order.  Without ``failed``, a failure is said as an error, shown as the
        status, and "Try again" appears under the status with the focus (a refused sign-in
        ends the session instead: ``XizmatApp.report_failure``).
        """
        app = self.app
        self.loading = True
        self.status_text = app.tr._("Loading…")
        self._hide_try_again()
        self._loads += 1
        this_load = self._loads

        def superseded() -> bool:
            # The citizen left and opened the screen again before this answer came: the
            # newer load shows its own data (this one's would be added a second time).
            return this_load != self._loads

        def shown(result: Any) -> None:
            if superseded():
                return
            show(result)
            app.screen_loaded(self)

        def not_shown(error: BaseException) -> None:
            if superseded():
                return
            if failed is not None:
                failed(error)
            elif isinstance(error, AuthenticationError):
                app.report_failure(error)  # ends the session; the work is kept
            else:
                self.status_text = self._why_not_loaded(error)
                if app.voice.holding:
                    # Failed before the screen was announced: its announcement says why, as
                    # its summary after the title; said as an error too, it came twice.
                    app.status = self.status_text
                else:
                    app.say_error(self.status_text)  # said first, then the focus moves
                self._show_try_again()
            app.screen_loaded(self)

        app.background(work, shown, not_shown)

    def _why_not_loaded(self, error: BaseException) -> str:
        if isinstance(error, OfflineError):
            text: str = self.app.tr._(NOT_LOADED_OFFLINE)
            return text
        return str(self.app.error_text(error))

    def try_again(self) -> None:
        """Open the screen anew as the app last opened it: loaded and announced as on arrival
        (title, status, focus)."""
        self.app.go(self.name, remember=False, **self.opened_with)

    def _show_try_again(self) -> None:
        # Made here, once for every screen that loads: each only marks its status label.
        if self._try_again is None:
            self._try_again = XButton(a11y_id="try_again")
            self._try_again.bind(on_release=lambda _button: self.try_again())
        self._try_again.text = self.app.tr._("Try again")
        if self._try_again.parent is None:
            status = self.ids.status
            lines = status.parent
            lines.add_widget(self._try_again, index=lines.children.index(status))  # under it
        # Focus moves to it (after the error was said) so that Enter tries again at once;
        # not if the citizen has gone on to another screen meanwhile.
        if self.manager is not None and self.manager.current_screen is self:
            self.app.focus(self._try_again)

    def _hide_try_again(self) -> None:
        if self._try_again is not None and self._try_again.parent is not None:
            self._try_again.parent.remove_widget(self._try_again)

    def resume_context(self) -> dict[str, Any]:
        """What :meth:`prepare` needs to show this screen again after a new sign-in."""
        return {}

    def back(self) -> bool:
        """Escape on this screen: True when the screen handled it (else the app goes back)."""
        return False

    def on_enter(self, *args: Any) -> None:
        self.app.screen_entered(self)
