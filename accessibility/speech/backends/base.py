"""The speech backend contract, and the utterance that crosses it.

A backend turns one utterance into sound.  The facade never calls it directly: one worker
thread owns it (:mod:`accessibility.speech.worker`), so a backend may assume that
``open``, ``speak`` and ``close`` come from that one thread, in that order, while ``stop``
may come from any thread at any time.
"""

from __future__ import annotations

import itertools
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar

from accessibility.speech.voices import VoiceSettings

_sequence = itertools.count(1)


class Priority(StrEnum):
    """Polite waits for what is being said; assertive interrupts it and drops the queue."""

    POLITE = "polite"
    ASSERTIVE = "assertive"


@dataclass(frozen=True, slots=True)
class Utterance:
    """One thing to say.

    ``text`` is what the caller asked for, ``spoken_text`` the same prepared for listening
    (numbers as words, abbreviations expanded), ``language`` a locale folder name.  ``kind``
    groups announcements ("focus", "screen", ...); a queued utterance whose kind is in
    ``replaces`` of a newer one is dropped, so that fast Tabbing does not build a backlog.
    ``requested_at`` is ``time.monotonic()`` at the request.
    """

    text: str
    spoken_text: str
    language: str
    priority: Priority = Priority.POLITE
    kind: str = "message"
    replaces: frozenset[str] = frozenset()
    requested_at: float = field(default_factory=time.monotonic)
    sequence: int = field(default_factory=lambda: next(_sequence))


class EventKind(StrEnum):
    """What the worker and backends report to listeners.

    QUEUED (accepted by ``say``), DROPPED (removed from the queue by an interruption or a
    newer utterance of a kind it replaces), SYNTHESIZED (audio file ready; detail = seconds),
    AUDIO_STARTED (sound starts: the player process is running with the complete file),
    AUDIO_FINISHED / AUDIO_INTERRUPTED (the sound ended by itself / was stopped), FINISHED
    (the backend is done with it, whatever happened) and ERROR (the backend raised; detail
    = the exception).
    """

    QUEUED = "queued"
    DROPPED = "dropped"
    SYNTHESIZED = "synthesized"
    AUDIO_STARTED = "audio_started"
    AUDIO_FINISHED = "audio_finished"
    AUDIO_INTERRUPTED = "audio_interrupted"
    FINISHED = "finished"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class SpeechEvent:
    kind: EventKind
    utterance: Utterance | None
    at: float
    detail: str = ""


#: How backends report progress: ``emit(kind, utterance, detail)``.
Emit = Callable[[EventKind, Utterance, str], None]
#: Asked by a backend just before it makes sound: is this utterance still wanted?
StillWanted = Callable[[], bool]


class BackendUnavailableError(RuntimeError):
    """The engine behind a backend cannot run here (missing library, no voices, ...)."""


class SpeechBackend(ABC):
    """The contract every backend fulfils (see :class:`NullBackend` for the smallest one)."""

    #: The name the factory knows this backend by.
    name: ClassVar[str]

    def open(self) -> None:  # noqa: B027 - optional hook, most backends need no set-up
        """Prepare the engine, on the worker thread, before the first ``speak``.

        Raise :class:`BackendUnavailableError` when the engine cannot run: the worker logs it and
        falls back to the null backend.
        """

    @abstractmethod
    def speak(
        self, utterance: Utterance, settings: VoiceSettings, still_wanted: StillWanted, emit: Emit
    ) -> None:
        """Say ``utterance`` and return when it is finished or stopped (worker thread only).

        Check ``still_wanted()`` right before making sound: it turns false when an
        interruption arrived while the audio was being prepared.  Report ``AUDIO_STARTED``
        when sound starts and ``AUDIO_FINISHED`` or ``AUDIO_INTERRUPTED`` when it ends.
        Exceptions are logged by the worker, which carries on with the next utterance.
        """

    @abstractmethod
    def stop(self) -> None:
        """Silence the current audio within 100 ms and make ``speak`` return (any thread).

        A no-op when nothing is playing.
        """

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the engine (worker thread, at shutdown)."""
