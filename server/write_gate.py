"""One SQLite writer at a time, handed over at once instead of by polling.

SQLite lets one transaction write at a time; the others wait in its busy handler, which
sleeps 1, 2, 5 ... up to 100 ms between tries.  Under load that sleeping, not the work, set
the tail latency of submissions.  Holding an OS file lock around the short write phase queues
writers of every process (gunicorn workers) and thread, and wakes the next one the moment
the lock is released.  The checkpoint that makes the write-ahead log start again holds
writers back too, so it takes the same gate (see :class:`server.db.WalCheckpoints`).
PostgreSQL has row locks and needs none of this.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from sqlalchemy.engine import Engine

from server.prepared import Database, engine_of

_guard = threading.Lock()
_gates: dict[str, tuple[int, threading.Lock]] = {}


def _gate(path: str) -> tuple[int, threading.Lock]:
    with _guard:
        gate = _gates.get(path)
        if gate is None:
            # flock belongs to the open file: threads sharing it also need a thread lock.
            gate = (os.open(path, os.O_RDWR | os.O_CREAT, 0o600), threading.Lock())
            _gates[path] = gate
        return gate


@contextmanager
def write_gate(engine: Engine) -> Iterator[None]:
    """Hold the database's write gate (SQLite files only) while the block runs."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        yield
        return
    descriptor, thread_lock = _gate(os.path.abspath(str(url.database)) + ".write-gate")
    with thread_lock:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)


def serialized_writes(database: Database) -> AbstractContextManager[None]:
    """Hold the write gate of the session's or connection's database for the enclosed
    transaction."""
    return write_gate(engine_of(database))
