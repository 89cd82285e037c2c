"""An on-disk cache of read-only answers with their ETags (catalogue, service definitions).

The next read sends ``If-None-Match``; a 304 costs the server almost nothing and the phone no
download.  When the server cannot be reached the cached body is used as it is, so that the
catalogue and the service pages open offline.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class CachedEntry:
    etag: str
    body: Any


class ETagCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def key(url: str, locale: str) -> str:
        return hashlib.sha256(f"{locale}\n{url}".encode()).hexdigest()[:32]

    def _path(self, url: str, locale: str) -> Path:
        return self.folder / f"{self.key(url, locale)}.json"

    def get(self, url: str, locale: str) -> CachedEntry | None:
        path = self._path(url, locale)
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # absent or half-written: treat as not cached
        if not isinstance(stored, dict) or "etag" not in stored:
            return None
        return CachedEntry(etag=str(stored["etag"]), body=stored.get("body"))

    def put(self, url: str, locale: str, etag: str, body: Any) -> None:
        path = self._path(url, locale)
        payload = json.dumps({"etag": etag, "url": url, "body": body}, ensure_ascii=False)
        # Write then rename, so a crash never leaves a truncated entry behind.
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(payload)
        os.replace(temporary, path)

    def clear(self) -> None:
        for path in self.folder.glob("*.json"):
            path.unlink(missing_ok=True)
