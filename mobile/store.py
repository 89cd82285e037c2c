"""Drafts typed on the phone, saved as the citizen types, so that nothing typed is lost.

A draft is the values of each step of one service, the step the citizen was on and, once
the server knows it, the id of the server-side draft.  It is written to SQLite on every
change (the app may be killed at any moment on a phone) and removed only after the
submission is safely in the outbox or delivered.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    service_id TEXT PRIMARY KEY,
    application_id TEXT,
    step_index INTEGER NOT NULL DEFAULT 0,
    values_by_step TEXT NOT NULL DEFAULT '{}',
    updated_at REAL NOT NULL
)
"""


@dataclass
class Draft:
    service_id: str
    application_id: str | None = None
    step_index: int = 0
    values_by_step: dict[str, dict[str, Any]] = field(default_factory=dict)
    updated_at: float = 0.0

    def value(self, step_id: str, name: str, default: Any = None) -> Any:
        return self.values_by_step.get(step_id, {}).get(name, default)


class DraftStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def get(self, service_id: str) -> Draft | None:
        row = self._db.execute(
            "SELECT service_id, application_id, step_index, values_by_step, updated_at"
            " FROM drafts WHERE service_id = ?",
            (service_id,),
        ).fetchone()
        if row is None:
            return None
        return Draft(row[0], row[1], int(row[2]), json.loads(row[3]), float(row[4]))

    def open(self, service_id: str) -> Draft:
        """The saved draft of ``service_id``, or a new empty one (not yet written)."""
        return self.get(service_id) or Draft(service_id)

    def save(self, draft: Draft) -> None:
        draft.updated_at = time.time()
        self._db.execute(
            "INSERT INTO drafts (service_id, application_id, step_index, values_by_step,"
            " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(service_id) DO UPDATE SET"
            " application_id = excluded.application_id, step_index = excluded.step_index,"
            " values_by_step = excluded.values_by_step, updated_at = excluded.updated_at",
            (
                draft.service_id,
                draft.application_id,
                draft.step_index,
                json.dumps(draft.values_by_step, ensure_ascii=False),
                draft.updated_at,
            ),
        )

    def set_value(self, service_id: str, step_id: str, name: str, value: Any) -> Draft:
        """Record one field's value as it is typed and write the draft at once."""
        draft = self.open(service_id)
        draft.values_by_step.setdefault(step_id, {})[name] = value
        self.save(draft)
        return draft

    def set_step_values(self, service_id: str, step_id: str, values: Mapping[str, Any]) -> None:
        draft = self.open(service_id)
        draft.values_by_step[step_id] = dict(values)
        self.save(draft)

    def remove(self, service_id: str) -> None:
        self._db.execute("DELETE FROM drafts WHERE service_id = ?", (service_id,))

    def all(self) -> list[Draft]:
        rows = self._db.execute(
            "SELECT service_id, application_id, step_index, values_by_step, updated_at"
            " FROM drafts ORDER BY updated_at DESC"
        ).fetchall()
        return [Draft(r[0], r[1], int(r[2]), json.loads(r[3]), float(r[4])) for r in rows]
