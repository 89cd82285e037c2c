"""Which voice speaks which language, and the user's rate and volume.

The voice follows the language of the *text*, never the interface: espeak-ng's Russian and
English voices mangle Uzbek, and its Uzbek voice reads both Uzbek scripts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from locales import SUPPORTED_LOCALES
from locales.negotiation import match_tag

#: espeak-ng voice identifiers (as pyttsx3 lists them) by locale folder name.
ESPEAK_VOICES: Final[dict[str, str]] = {
    "uz_Latn": "trk/uz",
    "uz_Cyrl": "trk/uz",
    "ru": "zle/ru",
    "en": "gmw/en-us",
}

#: Preference keys the user's settings are stored under (``User.preferences``).
RATE_PREFERENCE: Final[str] = "speech_rate"
VOLUME_PREFERENCE: Final[str] = "speech_volume"

#: Words per minute: espeak-ng's range that stays intelligible (measured: 100-300 works).
MIN_RATE: Final[int] = 80
MAX_RATE: Final[int] = 400
DEFAULT_RATE: Final[int] = 175


def normalize_language(language: str) -> str:
    """A locale folder name (``uz_Latn``) for a locale name or BCP 47 tag; ValueError if unknown."""
    if language in SUPPORTED_LOCALES:
        return language
    # The same matching as the server's locale negotiation: uz -> uz_Latn, en-GB -> en.
    locale = match_tag(language)
    if locale is None:
        raise ValueError(
            f"no voice for language {language!r}; expected one of {SUPPORTED_LOCALES}")
    return locale


def voice_for(language: str) -> str:
    """The espeak-ng voice id for text in ``language``: ``voice_for("uz_Cyrl") == "trk/uz"``."""
    return ESPEAK_VOICES[normalize_language(language)]


def script_of(language: str) -> str:
    """``Latn`` or ``Cyrl``: the script Uzbek text in ``language`` is written in."""
    return "Cyrl" if normalize_language(language) == "uz_Cyrl" else "Latn"


@dataclass(frozen=True, slots=True)
class VoiceSettings:
    """Rate in words per minute and volume from 0.0 to 1.0."""

    rate: int = DEFAULT_RATE
    volume: float = 1.0

    @classmethod
    def from_preferences(cls, preferences: Mapping[str, Any] | None) -> VoiceSettings:
        """Settings from a user's saved preferences; missing or unusable values use defaults.

        Out-of-range values are clamped rather than refused: a preference saved by an older
        client must never silence the app.
        """
        preferences = preferences or {}
        rate = _finite(preferences.get(RATE_PREFERENCE), DEFAULT_RATE)
        volume = _finite(preferences.get(VOLUME_PREFERENCE), 1.0)
        return cls(
            rate=int(min(MAX_RATE, max(MIN_RATE, round(rate)))),
            volume=min(1.0, max(0.0, volume)),
        )


def _finite(value: Any, default: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return default
    try:
        number = float(value)
    except ValueError:
        return default
    return number if math.isfinite(number) else default
