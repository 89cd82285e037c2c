"""The end of a sign-in, said in time (WCAG 2.2.1 timing adjustable) and never losing work.

A sign-in ends when its refresh token can no longer be renewed (see
:meth:`mobile.api.session.TokenStore.session_ends_at`).  Checked every second: three minutes
before the end the app warns on screen and by speech (assertive), on a screen whose first
control is "Stay signed in" - one Enter renews the tokens - next to "Sign out".  If the end
comes anyway (or the server refuses a refresh), the app says so, keeps the place the citizen
was at, and returns to sign-in; drafts are already on the phone (written as typed), and after
signing in again the citizen is taken back to where they were.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from kivy.clock import Clock

from accessibility import announcements

#: Warn this long before the end (WCAG asks for at least 20 s to react; we give minutes).
WARNING_SECONDS = 180
CHECK_INTERVAL = 1.0
#: Screens not worth returning to after signing in again (they belong to signing in itself,
#: or to a moment that has passed).
NOT_RESUMABLE = frozenset({"language", "reading_mode", "sign_in", "register", "session",
                           "submitted"})


class SessionWatch:
    def __init__(self, app: Any, clock: Callable[[], float] = time.time) -> None:
        self.app = app
        self.clock = clock
        self.warned = False
        #: Where to go after the next sign-in: (screen name, its context), or None.
        self.resume: tuple[str, dict[str, Any]] | None = None
        #: The widget that had the focus when the warning came (it gets it back).
        self.interrupted: Any = None
        self._event: Any = None

    def start(self) -> None:
        self._event = Clock.schedule_interval(lambda _dt: self.check(), CHECK_INTERVAL)

    def stop(self) -> None:
        if self._event is not None:
            self._event.cancel()

    def seconds_left(self) -> float | None:
        ends = self.app.api.tokens.session_ends_at()
        return None if ends is None else ends - self.clock()

    def check(self) -> None:
        left = self.seconds_left()
        if left is None:
            self.warned = False
            return
        if left <= 0:
            self.ended()
        elif left <= WARNING_SECONDS:
            if not self.warned:
                self.warned = True
                self.warn(left)
        else:
            self.warned = False

    def warn(self, left: float) -> None:
        app = self.app
        minutes = max(1, math.ceil(left / 60))
        app.voice.announce(announcements.session_expiring(minutes, app.locale))
        self.interrupted = app.focus_manager.focused if app.focus_manager else None
        app.go("session")

    def extend(self) -> None:
        """One key: renew the tokens, then back to what the citizen was doing."""
        app = self.app

        def renewed(extended: bool) -> None:
            if not extended:
                self.ended(refused=True)
                return
            self.warned = False
            if app.api.tokens.can_extend():
                app.say_status(app.tr._("You are still signed in."))
            else:
                app.say_status(app.tr._("Your sign-in cannot be extended any more. Sign in "
                                        "again soon: what you typed is kept."))
            if app.sm is not None and app.sm.current == "session":
                app.return_focus, self.interrupted = self.interrupted, None
                app.go_back()

        app.background(app.api.extend_session, renewed, app.report_failure)

    def ended(self, refused: bool = False) -> None:
        """The sign-in is over (its time ran out, or the server ``refused`` to renew it):
        remember the place, keep the drafts, ask to sign in again."""
        app = self.app
        if not (refused or app.api.signed_in) or (app.sm is not None
                                                  and app.sm.current == "sign_in"):
            return
        self.resume = self.place()
        app.api.tokens.clear()
        self.warned = False
        app.voice.alert(app.tr._("Your session has ended. What you typed is kept. Sign in to "
                                 "continue."), app.locale)
        app.history.clear()
        app.go("sign_in", remember=False)

    def place(self) -> tuple[str, dict[str, Any]] | None:
        app = self.app
        if app.sm is None:
            return None
        name = app.sm.current
        if name == "session" and app.history:
            name = app.history[-1]
        if name in NOT_RESUMABLE or not app.sm.has_screen(name):
            return None
        return name, app.sm.get_screen(name).resume_context()

    def signed_in(self) -> None:
        """After a sign-in: back to the remembered place (with its draft as saved), or home."""
        app = self.app
        place, self.resume = self.resume, None
        app.history.clear()
        if place is None:
            app.go("home", remember=False)
            return
        name, context = place
        draft = app.context.get("draft")
        if name in ("flow_step", "review") and draft is not None:
            app.context["draft"] = app.drafts.open(draft.service_id)
        app.history.append("home")
        app.go(name, remember=False, **context)
