"""Drive the real Kivy app in this process: keys in, speech out (recording backend).

Used by the scenario scripts (tests/mobile/scenarios.py) that the Kivy tests start as
subprocesses under Xvfb: one Kivy window per process, and a restart of the app is a real
restart.  The driver only presses keys and types text; it learns what happened by listening
to the recording speech backend, as a blind user would.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mobile.main import configure_kivy

KEYCODES = {"tab": 9, "enter": 13, "spacebar": 32, "escape": 27, "up": 273, "down": 274,
            "r": 114, "backspace": 8}


class Driver:
    def __init__(self, api_url: str, data_dir: Path, width: int = 360, height: int = 720,
                 speech: Any = None) -> None:
        import os

        os.environ["XIZMAT_WINDOW_WIDTH"] = str(width)
        os.environ["XIZMAT_WINDOW_HEIGHT"] = str(height)
        configure_kivy()
        from accessibility.speech import create_speech
        from mobile.a11y.voice import Voice
        from mobile.app import XizmatApp

        self.speech = speech or create_speech("recording")
        self.app = XizmatApp(api_url=api_url, data_dir=data_dir, voice=Voice(self.speech))
        self.started = time.monotonic()
        self.app._run_prepare()
        self.pump(0.3)

    @property
    def backend(self) -> Any:
        return self.speech.backend

    def pump(self, seconds: float = 0.05) -> None:
        from kivy.base import EventLoop

        end = time.monotonic() + seconds
        while True:
            EventLoop.idle()
            if time.monotonic() >= end:
                return
            time.sleep(0.005)

    def until(self, condition: Callable[[], Any], timeout: float = 10.0, what: str = "") -> Any:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.02)
            result = condition()
            if result:
                return result
        raise AssertionError(f"timed out waiting for {what or condition}; heard: {self.heard()}")

    def key(self, name: str, modifiers: tuple[str, ...] = ()) -> None:
        from kivy.core.window import Window

        code = KEYCODES[name]
        Window.dispatch("on_key_down", code, 0, None, list(modifiers))
        Window.dispatch("on_key_up", code, 0)
        self.pump(0.03)

    def type(self, text: str) -> None:
        from kivy.core.window import Window

        for character in text:  # one key at a time, as a keyboard sends them
            Window.dispatch("on_textinput", character)
        self.pump(0.03)

    # -- listening ---------------------------------------------------------------------------
    def settle(self, timeout: float = 5.0) -> None:
        """Let the UI and the speech queue finish what they are doing."""
        self.pump(0.1)
        self.speech.wait_until_idle(timeout)
        self.pump(0.05)

    def heard(self) -> list[str]:
        return self.backend.texts()

    def mark(self) -> int:
        self.settle()
        return len(self.heard())

    def heard_since(self, mark: int) -> list[str]:
        self.settle()
        return self.heard()[mark:]

    def tab_until(self, predicate: Callable[[str], bool], limit: int = 60,
                  shift: bool = False) -> str:
        """Press Tab until the focus announcement satisfies ``predicate``; return it."""
        for _ in range(limit):
            mark = self.mark()
            self.key("tab", ("shift",) if shift else ())
            said = self.heard_since(mark)
            if said and predicate(said[-1]):
                return said[-1]
        raise AssertionError(f"never heard the wanted focus; heard: {self.heard()[-10:]}")

    def stop(self) -> None:
        self.app.stop()
        self.pump(0.1)
        self.speech.close()
