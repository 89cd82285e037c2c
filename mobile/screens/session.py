"""The session is ending: stay signed in with one key, or sign out (WCAG 2.2.1).

Opened by :class:`mobile.session_watch.SessionWatch`, which has already said the warning
assertively; "Stay signed in" is the first control, so Enter extends at once.
"""

from __future__ import annotations

import math
from typing import Any

from kivy.clock import Clock
from kivy.properties import StringProperty

from mobile.screens.base import XScreen


class SessionScreen(XScreen):
    time_left = StringProperty("")

    def prepare(self, **context: Any) -> None:
        self.on_leave()
        self.tick()
        self._ticker = Clock.schedule_interval(lambda _dt: self.tick(), 1.0)

    def tick(self) -> None:
        """The minutes and seconds left, on screen (speech said it once already)."""
        left = self.app.session.seconds_left()
        seconds = max(0, math.ceil(left or 0))
        self.time_left = self.app.tr._("Time left: %(minutes)d:%(seconds)02d",
                                       minutes=seconds // 60, seconds=seconds % 60)

    def on_leave(self, *_args: Any) -> None:
        if getattr(self, "_ticker", None) is not None:
            self._ticker.cancel()

    def stay(self) -> None:
        self.app.session.extend()

    def sign_out(self) -> None:
        app = self.app
        app.session.resume = None
        app.background(app.api.sign_out, lambda _r: app.go("sign_in", remember=False))
