"""The citizen's settings on this phone: language, type scale, theme, speech.

Kept in a small JSON file so that the first screen already speaks the chosen language and
uses the chosen type size before the server is reached; the same values are saved to the
server profile (``PATCH /me``) so that they follow the citizen to another device.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from accessibility.themes import THEMES
from accessibility.typescale import clamp_scale
from locales import SUPPORTED_LOCALES

DEFAULTS: dict[str, Any] = {
    "locale": "",
    "font_scale": 1.0,
    "theme": "default",
    "speech": True,
    "speech_rate": 1.0,
}

#: Speech rate is kept as a factor of the normal rate, as the server profile keeps it.
MIN_RATE_FACTOR, MAX_RATE_FACTOR = 0.5, 2.0
NORMAL_WORDS_PER_MINUTE = 175


def words_per_minute(factor: float) -> int:
    return round(NORMAL_WORDS_PER_MINUTE * factor)


def cleaned(values: dict[str, Any]) -> dict[str, Any]:
    """Only known keys with sane values (a hand-edited or older file must not break start)."""
    result: dict[str, Any] = {}
    if values.get("locale") in SUPPORTED_LOCALES:
        result["locale"] = values["locale"]
    if isinstance(values.get("font_scale"), int | float):
        result["font_scale"] = clamp_scale(float(values["font_scale"]))
    if values.get("theme") in THEMES:
        result["theme"] = values["theme"]
    if isinstance(values.get("speech"), bool):
        result["speech"] = values["speech"]
    rate = values.get("speech_rate")
    if isinstance(rate, int | float) and not isinstance(rate, bool):
        result["speech_rate"] = float(min(MAX_RATE_FACTOR, max(MIN_RATE_FACTOR, rate)))
    return result


class Preferences:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.values: dict[str, Any] = dict(DEFAULTS)
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        if isinstance(stored, dict):
            self.values.update(cleaned(stored))

    @property
    def chosen(self) -> bool:
        """True once the citizen has chosen a language (the first run is over)."""
        return bool(self.values.get("locale"))

    @property
    def locale(self) -> str:
        return str(self.values.get("locale") or "")

    def as_dict(self) -> dict[str, Any]:
        return dict(self.values)

    def update(self, **values: Any) -> None:
        self.values.update(cleaned(values))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.values, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self.path)
