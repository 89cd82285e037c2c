"""The null backend: speaks nothing, and so documents the contract at its smallest.

The factory falls back to it when an engine is missing, with ``reason`` saying why, so
that the app keeps working (silently, and the log says so) instead of crashing.
"""

from __future__ import annotations

import logging

from accessibility.speech.backends.base import (
    Emit,
    SpeechBackend,
    StillWanted,
    Utterance,
)
from accessibility.speech.voices import VoiceSettings

log = logging.getLogger(__name__)


class NullBackend(SpeechBackend):
    """Accepts every utterance and makes no sound."""

    name = "null"

    def __init__(self, reason: str = "") -> None:
        #: Why this backend is in use (empty when it was chosen on purpose).
        self.reason = reason

    def speak(
        self, utterance: Utterance, settings: VoiceSettings, still_wanted: StillWanted, emit: Emit
    ) -> None:
        # Nothing to play, so nothing to interrupt: the utterance ends at once.
        log.debug("null speech backend skips %r", utterance.spoken_text)

    def stop(self) -> None:
        """Nothing plays, so there is nothing to stop."""
