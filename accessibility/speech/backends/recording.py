"""The recording backend: keeps every utterance so that tests can listen to the app.

The mobile client's tests drive the app by ear with it: they read what was said, in which
language, with which priority and when, and decide the next key from that alone.  With
``synthesize_to`` it also writes each utterance to a WAV file through espeak-ng, and with
``seconds_per_character`` each utterance lasts as long as speech would (so that an
assertive announcement visibly interrupts it).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from accessibility.speech.backends.base import (
    Emit,
    EventKind,
    Priority,
    SpeechBackend,
    StillWanted,
    Utterance,
)
from accessibility.speech.backends.pyttsx3_espeak import EspeakSynthesizer
from accessibility.speech.voices import VoiceSettings, voice_for


@dataclass(frozen=True, slots=True)
class RecordedUtterance:
    """What was said: original and prepared text, language, priority, kind, when it was
    asked for and when it started (``time.monotonic()``), and whether it was cut off."""

    text: str
    spoken_text: str
    language: str
    priority: Priority
    kind: str
    requested_at: float
    started_at: float
    interrupted: bool
    audio_file: Path | None = None
    duration: float | None = None


class RecordingBackend(SpeechBackend):
    name = "recording"

    def __init__(
        self, synthesize_to: Path | None = None, seconds_per_character: float = 0.0
    ) -> None:
        self._synthesize_to = synthesize_to
        self._synthesizer = EspeakSynthesizer() if synthesize_to is not None else None
        self._seconds_per_character = seconds_per_character
        self._records: list[RecordedUtterance] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()

    def open(self) -> None:
        if self._synthesizer is not None and self._synthesize_to is not None:
            self._synthesize_to.mkdir(parents=True, exist_ok=True)
            self._synthesizer.open()

    def speak(
        self, utterance: Utterance, settings: VoiceSettings, still_wanted: StillWanted, emit: Emit
    ) -> None:
        audio_file: Path | None = None
        duration: float | None = None
        if self._synthesizer is not None and self._synthesize_to is not None:
            audio_file = self._synthesize_to / f"{utterance.sequence:05d}-{utterance.language}.wav"
            duration = self._synthesizer.synthesize(
                utterance.spoken_text, voice_for(utterance.language), settings, audio_file
            )
            emit(EventKind.SYNTHESIZED, utterance, f"{duration:.3f}")
        self._stop.clear()
        if not still_wanted():
            return
        started_at = time.monotonic()
        emit(EventKind.AUDIO_STARTED, utterance, self.name)
        # "Speaking" lasts as long as the text would take; stop() cuts it short.
        interrupted = self._stop.wait(len(utterance.spoken_text) * self._seconds_per_character)
        record = RecordedUtterance(
            text=utterance.text,
            spoken_text=utterance.spoken_text,
            language=utterance.language,
            priority=utterance.priority,
            kind=utterance.kind,
            requested_at=utterance.requested_at,
            started_at=started_at,
            interrupted=interrupted,
            audio_file=audio_file,
            duration=duration,
        )
        with self._lock:
            self._records.append(record)
        emit(EventKind.AUDIO_INTERRUPTED if interrupted else EventKind.AUDIO_FINISHED,
             utterance, "")

    def stop(self) -> None:
        self._stop.set()

    def close(self) -> None:
        if self._synthesizer is not None:
            self._synthesizer.close()

    @property
    def utterances(self) -> list[RecordedUtterance]:
        """Everything said so far, oldest first (a copy)."""
        with self._lock:
            return list(self._records)

    def texts(self) -> list[str]:
        """The texts said so far, oldest first (as the caller gave them)."""
        return [record.text for record in self.utterances]

    def clear(self) -> None:
        with self._lock:
            self._records.clear()
