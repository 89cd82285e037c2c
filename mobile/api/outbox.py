"""Submissions waiting for the network, kept in SQLite so that they survive restarts.

An entry holds everything needed to make the application on the server from nothing: the
service, the values of every step, and the ``Idempotency-Key`` chosen once when the citizen
pressed Submit.  Delivery creates the draft if the server has none yet (its id is written down
at once), saves each step (PUT: safe to repeat), then submits with the same key, so a retry
after a lost answer, a crash or a restart is answered by the server with the first
submission: the application is made exactly once.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from mobile.api.errors import OfflineError, ProblemError

PENDING, DELIVERED, REJECTED = "pending", "delivered", "rejected"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id TEXT NOT NULL,
    application_id TEXT,
    idempotency_key TEXT NOT NULL UNIQUE,
    values_by_step TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    result TEXT,
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
)
"""


class SubmittingApi(Protocol):
    """The part of ``XizmatApi`` the outbox uses."""

    def create_application(self, service_id: str) -> Any: ...
    def save_step(self, application_id: Any, step_id: str, values: Mapping[str, Any]) -> Any: ...
    def submit(self, application_id: Any, idempotency_key: str) -> Any: ...


@dataclass(frozen=True)
class OutboxEntry:
    id: int
    service_id: str
    application_id: str | None
    idempotency_key: str
    values_by_step: dict[str, dict[str, Any]]
    state: str
    result: Any
    error: str | None
    attempts: int


def application_id_of(answer: Any) -> str | None:
    if isinstance(answer, Mapping) and answer.get("id") is not None:
        return str(answer["id"])
    return None


class Outbox:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)
        # One delivery at a time: a second one would race on the same entry.
        self._lock = threading.Lock()

    def close(self) -> None:
        self._db.close()

    def enqueue(
        self,
        service_id: str,
        values_by_step: Mapping[str, Mapping[str, Any]],
        application_id: str | None = None,
    ) -> OutboxEntry:
        now = time.time()
        key = str(uuid.uuid4())
        cursor = self._db.execute(
            "INSERT INTO outbox (service_id, application_id, idempotency_key, values_by_step,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            (service_id, application_id, key, _dump(values_by_step), now, now),
        )
        entry = self.get(int(cursor.lastrowid or 0))
        assert entry is not None
        return entry

    def get(self, entry_id: int) -> OutboxEntry | None:
        row = self._db.execute("SELECT * FROM outbox WHERE id = ?", (entry_id,)).fetchone()
        return _entry(row) if row else None

    def entries(self, state: str | None = None) -> list[OutboxEntry]:
        if state is None:
            rows = self._db.execute("SELECT * FROM outbox ORDER BY id").fetchall()
        else:
            rows = self._db.execute(
                "SELECT * FROM outbox WHERE state = ? ORDER BY id", (state,)
            ).fetchall()
        return [_entry(row) for row in rows]

    def pending(self) -> list[OutboxEntry]:
        return self.entries(PENDING)

    def deliver(self, entry: OutboxEntry, api: SubmittingApi) -> OutboxEntry:
        """Try to deliver one entry; ``OfflineError`` propagates and leaves it pending.

        A problem the server reports (a value no longer valid, say) marks the entry rejected
        with the server's text, so the citizen can open it, correct it and send it again.
        """
        with self._lock:
            current = self.get(entry.id)
            if current is None or current.state != PENDING:
                return current or entry
            self._update(entry.id, attempts=current.attempts + 1)
            try:
                application_id = current.application_id
                if application_id is None:
                    application_id = application_id_of(api.create_application(current.service_id))
                    self._update(entry.id, application_id=application_id)
                for step_id, values in current.values_by_step.items():
                    api.save_step(application_id, step_id, values)
                result = api.submit(application_id, current.idempotency_key)
            except OfflineError:
                raise
            except ProblemError as problem:
                self._update(entry.id, state=REJECTED, error=problem.text or str(problem.status))
            else:
                self._update(entry.id, state=DELIVERED, result=_dump(result), error=None)
            delivered = self.get(entry.id)
            assert delivered is not None
            return delivered

    def deliver_pending(self, api: SubmittingApi) -> list[OutboxEntry]:
        """Deliver every pending entry in order; stop quietly at the first network failure."""
        done: list[OutboxEntry] = []
        for entry in self.pending():
            try:
                done.append(self.deliver(entry, api))
            except OfflineError:
                break
        return done

    def _update(self, entry_id: int, **columns: Any) -> None:
        # Column names come from this module's own calls, never from input.
        assignments = ", ".join(f"{name} = ?" for name in columns)
        self._db.execute(
            f"UPDATE outbox SET {assignments}, updated_at = ? WHERE id = ?",
            (*columns.values(), time.time(), entry_id),
        )


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _entry(row: tuple[Any, ...]) -> OutboxEntry:
    (entry_id, service_id, application_id, key, values, state, result, error, attempts) = row[:9]
    return OutboxEntry(
        id=int(entry_id),
        service_id=str(service_id),
        application_id=application_id,
        idempotency_key=str(key),
        values_by_step=json.loads(values),
        state=str(state),
        result=json.loads(result) if result else None,
        error=error,
        attempts=int(attempts),
    )
