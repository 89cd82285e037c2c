"""Speech output that never blocks: a facade, one worker thread, pluggable backends.

See :mod:`accessibility.speech.facade` for use, :mod:`accessibility.speech.backends` for
the backends (and the Android seam), :mod:`accessibility.speech.prepare` for how text is
made ready for listening.
"""

from accessibility.speech.backends import create_backend, register_backend
from accessibility.speech.backends.base import (
    EventKind,
    Priority,
    SpeechBackend,
    SpeechEvent,
    Utterance,
)
from accessibility.speech.facade import Speech, create_speech
from accessibility.speech.voices import VoiceSettings, voice_for

__all__ = [
    "EventKind",
    "Priority",
    "Speech",
    "SpeechBackend",
    "SpeechEvent",
    "Utterance",
    "VoiceSettings",
    "create_backend",
    "create_speech",
    "register_backend",
    "voice_for",
]
