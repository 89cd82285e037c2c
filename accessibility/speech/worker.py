"""The one thread that owns the speech engine; everybody else only enqueues.

pyttsx3's ``runAndWait()`` froze a Kivy window for seconds when called on the UI thread,
so the engine lives here.  Interruption works by a generation counter: an assertive
utterance (or :meth:`SpeechWorker.interrupt`) bumps it, drops the queue and stops the
backend's audio; anything stamped with an older generation is skipped, even if the worker
had already taken it off the queue.
"""

from __future__ import annotations

import collections
import logging
import threading
import time
from collections.abc import Callable

from accessibility.speech.backends.base import (
    BackendUnavailableError,
    EventKind,
    Priority,
    SpeechBackend,
    Utterance,
)
from accessibility.speech.backends.null import NullBackend
from accessibility.speech.voices import VoiceSettings

log = logging.getLogger(__name__)

Listener = Callable[[EventKind, Utterance | None, str], None]


class SpeechWorker:
    """A daemon thread speaking queued utterances one after another through a backend."""

    def __init__(
        self,
        backend: SpeechBackend,
        settings: Callable[[], VoiceSettings],
        emit: Listener,
    ) -> None:
        self.backend = backend
        self._settings = settings
        self._emit = emit
        self._condition = threading.Condition()
        self._queue: collections.deque[tuple[int, Utterance]] = collections.deque()
        self._generation = 0
        self._busy = False
        self._closing = False
        self._opened = threading.Event()
        self._thread = threading.Thread(target=self._run, name="xizmat-speech", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wait_until_open(self, timeout: float | None = None) -> bool:
        """Wait until the backend is open (or replaced by the null backend)."""
        return self._opened.wait(timeout)

    def enqueue(self, utterance: Utterance) -> None:
        """Queue ``utterance``; an assertive one first drops the queue and stops the audio."""
        with self._condition:
            if self._closing:
                return
            if utterance.priority is Priority.ASSERTIVE:
                dropped = self._drop_queue_locked()
            else:
                dropped = [item for _, item in self._queue if item.kind in utterance.replaces]
                kept = [(g, item) for g, item in self._queue if item.kind not in utterance.replaces]
                self._queue = collections.deque(kept)
            self._queue.append((self._generation, utterance))
            self._condition.notify_all()
        if utterance.priority is Priority.ASSERTIVE:
            self._stop_backend()
        for item in dropped:
            self._emit(EventKind.DROPPED, item, "replaced")
        self._emit(EventKind.QUEUED, utterance, "")

    def interrupt(self) -> None:
        """Silence now: drop everything queued and stop the current audio."""
        with self._condition:
            dropped = self._drop_queue_locked()
            self._condition.notify_all()
        self._stop_backend()
        for item in dropped:
            self._emit(EventKind.DROPPED, item, "interrupted")

    def _drop_queue_locked(self) -> list[Utterance]:
        self._generation += 1
        dropped = [item for _, item in self._queue]
        self._queue.clear()
        return dropped

    def _stop_backend(self) -> None:
        try:
            self.backend.stop()
        except Exception:  # a backend that cannot stop must not break the caller (UI thread)
            log.exception("speech backend %s failed to stop", self.backend.name)

    def wait_until_idle(self, timeout: float | None = None) -> bool:
        """Wait until the queue is empty and nothing is being said; False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._condition:
            while self._queue or self._busy:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._condition.wait(remaining)
            return True

    def close(self, timeout: float = 2.0) -> None:
        with self._condition:
            self._closing = True
            self._drop_queue_locked()
            self._condition.notify_all()
        self._stop_backend()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _open_backend(self) -> None:
        try:
            self.backend.open()
        except Exception as error:  # BackendUnavailableError or anything else: speak silently
            reason = str(error) if isinstance(error, BackendUnavailableError) else repr(error)
            log.error("speech backend %s cannot start (%s); speech is silent",
                      self.backend.name, reason)
            self.backend = NullBackend(reason=reason)
        finally:
            self._opened.set()

    def _run(self) -> None:
        self._open_backend()
        while True:
            with self._condition:
                while not self._queue and not self._closing:
                    self._condition.wait()
                if self._closing:
                    break
                generation, utterance = self._queue.popleft()
                self._busy = True
            try:
                self._speak(generation, utterance)
            finally:
                with self._condition:
                    self._busy = False
                    self._condition.notify_all()
        try:
            self.backend.close()
        except Exception:
            log.exception("speech backend %s failed to close", self.backend.name)

    def _speak(self, generation: int, utterance: Utterance) -> None:
        def still_wanted() -> bool:
            return generation == self._generation and not self._closing

        if not still_wanted():
            self._emit(EventKind.DROPPED, utterance, "interrupted")
            return
        try:
            self.backend.speak(utterance, self._settings(), still_wanted, self._emit)
        except Exception as error:  # the worker survives engine errors and carries on
            log.exception("speech backend %s failed on %r", self.backend.name, utterance.text)
            self._emit(EventKind.ERROR, utterance, repr(error))
            return
        self._emit(EventKind.FINISHED, utterance, "")
