"""Tokens of the signed-in user, kept across restarts, refreshed when the access token ends.

The access token lives 15 minutes; the refresh token is rotated on every use, so the new pair
is written to disk at once (an outbox delivered after a restart must still be able to sign
its requests).  The file is readable by its owner only.

The store also knows when the sign-in can no longer be refreshed, so that the app can warn
before it happens (WCAG 2.2.1).  The server does not send that moment; it follows from its
published lifetimes (server/identity/tokens.py): a refresh token unused for 7 days expires,
and whatever happens a sign-in ends 30 days after it began.  Times are this phone's clock.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

#: A refresh token not used for this long stops working (the server's idle lifetime).
REFRESH_IDLE_SECONDS = 7 * 24 * 3600
#: A sign-in ends this long after it began, refreshed or not (the server's absolute lifetime).
SESSION_ABSOLUTE_SECONDS = 30 * 24 * 3600


class TokenStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.RLock()
        self.access_token: str | None = None
        self.refresh_token: str | None = None
        #: When the password was given (the family began) and when the tokens were last renewed.
        self.signed_in_at: float | None = None
        self.refreshed_at: float | None = None
        self._load()

    def _load(self) -> None:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(stored, dict):
            self.access_token = stored.get("access_token") or None
            self.refresh_token = stored.get("refresh_token") or None
            self.signed_in_at = _number(stored.get("signed_in_at"))
            self.refreshed_at = _number(stored.get("refreshed_at")) or self.signed_in_at

    @property
    def signed_in(self) -> bool:
        return self.refresh_token is not None or self.access_token is not None

    def session_ends_at(self) -> float | None:
        """When the sign-in can no longer be refreshed (None when signed out or unknown)."""
        if self.refresh_token is None or self.signed_in_at is None:
            return None
        renewed = self.refreshed_at or self.signed_in_at
        return min(renewed + REFRESH_IDLE_SECONDS, self.signed_in_at + SESSION_ABSOLUTE_SECONDS)

    def can_extend(self) -> bool:
        """True while a refresh would move the end (the absolute lifetime is not the limit)."""
        ends = self.session_ends_at()
        if ends is None or self.signed_in_at is None:
            return False
        return ends < self.signed_in_at + SESSION_ABSOLUTE_SECONDS

    def save(self, answer: Mapping[str, Any], *, new_session: bool = False) -> None:
        """Keep the tokens of a sign-in (``new_session``) or refresh answer."""
        with self.lock:
            now = time.time()
            self.access_token = str(answer.get("access_token") or "") or None
            refresh = answer.get("refresh_token")
            if refresh:
                self.refresh_token = str(refresh)
                self.refreshed_at = now
                if new_session or self.signed_in_at is None:
                    self.signed_in_at = now
            self._write()

    def clear(self) -> None:
        with self.lock:
            self.access_token = None
            self.refresh_token = None
            self.signed_in_at = self.refreshed_at = None
            self.path.unlink(missing_ok=True)

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"access_token": self.access_token, "refresh_token": self.refresh_token,
                           "signed_in_at": self.signed_in_at, "refreshed_at": self.refreshed_at})
        temporary = self.path.with_suffix(".tmp")
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(data)
        os.replace(temporary, self.path)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None
