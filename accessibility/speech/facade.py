"""The speech facade: the one object the app talks to.

    speech = create_speech(preferences=user.preferences)
    speech.say("Arizangiz qabul qilindi", "uz_Latn")
    speech.say(error_text, "ru", Priority.ASSERTIVE)
    speech.close()

Calls return at once (the worker thread speaks); nothing here ever blocks the UI.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from accessibility.speech.backends import create_backend
from accessibility.speech.backends.base import (
    EventKind,
    Priority,
    SpeechBackend,
    SpeechEvent,
    Utterance,
)
from accessibility.speech.prepare import prepare_for_listening
from accessibility.speech.voices import VoiceSettings, normalize_language
from accessibility.speech.worker import SpeechWorker

if TYPE_CHECKING:  # announcements import speech's Priority: no import cycle at run time
    from accessibility.announcements import Announcement

log = logging.getLogger(__name__)

SpeechListener = Callable[[SpeechEvent], None]


class Speech:
    """Say things in a language, politely or assertively, through one backend."""

    def __init__(self, backend: SpeechBackend, settings: VoiceSettings | None = None) -> None:
        self._settings = settings or VoiceSettings()
        self._listeners: list[SpeechListener] = []
        self._listeners_lock = threading.Lock()
        self._worker = SpeechWorker(backend, lambda: self._settings, self._dispatch)
        self._worker.start()

    @property
    def backend(self) -> SpeechBackend:
        """The backend in use (a null backend if the chosen one could not start)."""
        self._worker.wait_until_open(timeout=5.0)
        return self._worker.backend

    @property
    def settings(self) -> VoiceSettings:
        return self._settings

    def say(
        self,
        text: str,
        language: str,
        priority: Priority = Priority.POLITE,
        *,
        kind: str = "message",
        replaces: frozenset[str] = frozenset(),
        spoken_forms: Mapping[str, str] | None = None,
    ) -> Utterance | None:
        """Queue ``text`` (in ``language``, a locale name) to be spoken; None when blank.

        An unknown language is a programming error and raises ValueError at once.
        """
        locale = normalize_language(language)
        if not text.strip():
            return None
        utterance = Utterance(
            text=text,
            spoken_text=prepare_for_listening(text, locale, spoken_forms),
            language=locale,
            priority=priority,
            kind=kind,
            replaces=replaces,
        )
        self._worker.enqueue(utterance)
        return utterance

    def announce(self, announcement: Announcement) -> Utterance | None:
        """Speak an announcement (see :mod:`accessibility.announcements`)."""
        return self.say(
            announcement.text,
            announcement.locale,
            announcement.priority,
            kind=announcement.kind,
            replaces=announcement.replaces,
        )

    def interrupt(self) -> None:
        """Stop speaking now and forget what was queued."""
        self._worker.interrupt()

    def update_settings(self, settings: VoiceSettings) -> None:
        """New rate and volume, used from the next utterance on."""
        self._settings = settings

    def update_preferences(self, preferences: Mapping[str, Any] | None) -> None:
        self.update_settings(VoiceSettings.from_preferences(preferences))

    def add_listener(self, listener: SpeechListener) -> None:
        """Call ``listener`` for every event (queued, audio started, ...); from any thread."""
        with self._listeners_lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: SpeechListener) -> None:
        with self._listeners_lock:
            self._listeners.remove(listener)

    def wait_until_idle(self, timeout: float | None = None) -> bool:
        """Block until everything queued has been said (for tests and shutdown only)."""
        return self._worker.wait_until_idle(timeout)

    def close(self) -> None:
        self._worker.close()

    def __enter__(self) -> Speech:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _dispatch(self, kind: EventKind, utterance: Utterance | None, detail: str) -> None:
        event = SpeechEvent(kind, utterance, time.monotonic(), detail)
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # a faulty listener must not stop the speech worker
                log.exception("speech listener failed on %s", kind)


def create_speech(
    backend: str | None = None,
    preferences: Mapping[str, Any] | None = None,
    **backend_options: Any,
) -> Speech:
    """The speech facade with the backend chosen by :func:`create_backend` (never raises
    for a missing engine) and rate and volume from the user's ``preferences``."""
    return Speech(
        create_backend(backend, **backend_options), VoiceSettings.from_preferences(preferences)
    )
