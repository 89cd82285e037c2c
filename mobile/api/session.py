"""Tokens of the signed-in user, kept across restarts, refreshed when the access token ends.

The access token lives 15 minutes; the refresh token is rotated on every use, so the new pair
is written to disk at once (an outbox delivered after a restart must still be able to sign
its requests).  The file is readable by its owner only.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any


class TokenStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.RLock()
        self.access_token: str | None = None
        self.refresh_token: str | None = None
        self._load()

    def _load(self) -> None:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(stored, dict):
            self.access_token = stored.get("access_token") or None
            self.refresh_token = stored.get("refresh_token") or None

    @property
    def signed_in(self) -> bool:
        return self.refresh_token is not None or self.access_token is not None

    def save(self, answer: Mapping[str, Any]) -> None:
        """Keep the tokens of a sign-in or refresh answer (``access_token``, ``refresh_token``)."""
        with self.lock:
            self.access_token = str(answer.get("access_token") or "") or None
            refresh = answer.get("refresh_token")
            if refresh:
                self.refresh_token = str(refresh)
            self._write()

    def clear(self) -> None:
        with self.lock:
            self.access_token = None
            self.refresh_token = None
            self.path.unlink(missing_ok=True)

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"access_token": self.access_token, "refresh_token": self.refresh_token})
        temporary = self.path.with_suffix(".tmp")
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(data)
        os.replace(temporary, self.path)
