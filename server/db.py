"""The database: one SQLAlchemy engine per app, one connection and one Session per request.

The request's Session is bound to the request's connection, so a view that also runs Core or
prebuilt statements on the connection (:mod:`server.prepared`) shares one pooled connection
with it.

SQLite (the embedded default) runs in WAL mode with foreign keys enforced and a busy timeout,
set on every new connection, and its log is checkpointed by a thread of each process (see
:class:`WalCheckpoints`); PostgreSQL is reached through psycopg 3.  The schema is created
only by Alembic migrations (``flask db upgrade``), run once before any worker starts: creating
it from every gunicorn worker makes SQLite report "database is locked".
"""

from __future__ import annotations

import logging
import os
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import orjson
from flask import Flask, current_app, g
from flask.ctx import _AppCtxGlobals
from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from server.write_gate import write_gate

# Constraint names fixed by convention, so migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: How long SQLite waits for another writer's lock before failing, in milliseconds.
SQLITE_BUSY_TIMEOUT_MS = 5000
#: Log pages after which a commit checkpoints by itself (SQLite's default is 1000).  Only a
#: backstop: the checkpoint thread runs well before (:data:`CHECKPOINT_AFTER_COMMITS`).
SQLITE_AUTOCHECKPOINT_PAGES = 8000
#: Commits of one process after which its checkpoint thread copies the log into the database.
CHECKPOINT_AFTER_COMMITS = 40
#: Log frames (pages) after which the checkpoint thread makes the log start again.
WAL_RESTART_FRAMES = 4000
#: How often an idle checkpoint thread looks whether its engine still exists.
CHECKPOINT_THREAD_IDLE_SECONDS = 30.0

logger = logging.getLogger(__name__)

_ENGINE_KEY = "xizmat_engine"
_SESSIONMAKER_KEY = "xizmat_sessionmaker"


class Base(DeclarativeBase):
    """Base class of every model (``server/<domain>/models.py``)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def normalize_url(url: str) -> str:
    """Use psycopg 3 for plain ``postgresql://`` URLs (SQLAlchemy would pick psycopg2)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str, **options: Any) -> Engine:
    """An engine for ``url`` with Xizmat's connection settings (WAL etc. on SQLite)."""
    url = normalize_url(url)
    # JSON columns (answers, event parameters) through orjson: a tenth of the json module's
    # time for the same text.  Integer keys become strings, as the json module makes them.
    options.setdefault("json_serializer", _json_text)
    options.setdefault("json_deserializer", orjson.loads)
    # SQL logging (echo, or a DEBUG root logger) must not print PINFLs or password hashes.
    options.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        options.setdefault("connect_args", {}).setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = create_engine(url, **options)
        event.listen(engine, "connect", _configure_sqlite_connection)
        if not _is_memory_url(url):
            _wal_checkpoints[engine] = WalCheckpoints(engine)
        return engine
    if url.startswith("postgresql"):
        # Fail fast when the server is down, so /ready answers 503 instead of hanging.
        options.setdefault("connect_args", {}).setdefault("connect_timeout", 3)
        options.setdefault("pool_pre_ping", True)
    return create_engine(url, **options)


def _json_text(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # WAL is a property of the database file: switch only when not yet on, so workers
        # opening connections at once do not all ask for the write lock.
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal" and not _is_memory_database(dbapi_connection):
            cursor.execute("PRAGMA journal_mode = WAL")
        # With WAL, NORMAL loses no committed data on a crash of the process (only, at worst,
        # the last commits on a power loss) and spares an fsync per commit.
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute(f"PRAGMA wal_autocheckpoint = {SQLITE_AUTOCHECKPOINT_PAGES}")
    finally:
        cursor.close()


class WalCheckpoints:
    """Copies SQLite's write-ahead log into the database file from a thread of its own.

    By default the commit that grows the log past ``wal_autocheckpoint`` pages checkpoints
    there and then: it copies the log into the database file and waits for two fsyncs while
    every writer queued behind it waits.  Run at the end of a request instead, a checkpoint
    still held that request's answer back, and its worker, by about 4 ms (1.5 ms of it CPU,
    the rest waiting for the disk; once 99 ms), every :data:`CHECKPOINT_AFTER_COMMITS`
    commits.  Here commits are only counted; when enough have been made, a thread of this
    process runs a PASSIVE checkpoint, which waits for no reader or writer, while the worker
    goes on answering (sqlite3 lets go of the GIL while SQLite copies and syncs).
    """

    def __init__(self, engine: Engine) -> None:
        # A weak reference: the checkpointer must not keep a disposed engine alive.
        self._engine = weakref.ref(engine)
        self._state = threading.Condition()
        self._commits = 0
        self._asked = 0  # checkpoints asked for, and of them done: both only grow
        self._done = 0
        self._thread_pid = 0

    def count_commit(self, _session: Any) -> None:
        with self._state:
            self._commits += 1
            if self._commits < CHECKPOINT_AFTER_COMMITS:
                return
            self._commits = 0
            self._asked += 1
            self._ensure_thread()
            self._state.notify()

    def wait_until_idle(self, timeout: float = 10.0) -> bool:
        """Wait until every checkpoint asked for so far has run (for tests)."""
        with self._state:
            return self._state.wait_for(lambda: self._done >= self._asked, timeout)

    def _ensure_thread(self) -> None:
        # A forked worker inherits this object but not the thread: one thread per process.
        if self._thread_pid != os.getpid():
            self._thread_pid = os.getpid()
            threading.Thread(target=self._run, name="sqlite-wal-checkpoints", daemon=True).start()

    def _run(self) -> None:
        while True:
            with self._state:
                while self._done >= self._asked:
                    if not self._state.wait(CHECKPOINT_THREAD_IDLE_SECONDS) and (
                            self._engine() is None):
                        return  # the engine is gone, and with it the need for this thread
                asked = self._asked
            self._checkpoint()
            with self._state:
                self._done = asked  # commits counted meanwhile are in this checkpoint too
                self._state.notify_all()

    def _checkpoint(self) -> None:
        engine = self._engine()
        if engine is None:
            return
        try:
            with engine.connect() as connection:
                _busy, log_frames, _copied = connection.exec_driver_sql(
                    "PRAGMA wal_checkpoint(PASSIVE)").one()
                if log_frames >= WAL_RESTART_FRAMES:
                    # Writers that never pause keep a PASSIVE checkpoint from ever copying
                    # the whole log, and only a fully copied log starts again from its
                    # beginning: it would grow until every commit checkpointed by itself.
                    # RESTART holds writers back while it copies the last frames and resets
                    # (once in some 250 submissions).  Holding the write gate meanwhile, it
                    # has the writers queue there and go on the moment it ends; left to
                    # SQLite's busy handler they polled in sleeps of 1, 2, 5, 10 ms, and so
                    # did RESTART waiting for them: it took up to 59 ms under load, under 9
                    # ms with the gate (benchmarks/bench_submit.py).
                    with write_gate(engine):
                        connection.exec_driver_sql("PRAGMA wal_checkpoint(RESTART)")
        except SQLAlchemyError:
            # Nothing is lost: the log stays valid and the next checkpoint copies it.
            logger.warning("WAL checkpoint failed", exc_info=True)


#: The checkpointer of each file-backed SQLite engine.
_wal_checkpoints: weakref.WeakKeyDictionary[Engine, WalCheckpoints] = weakref.WeakKeyDictionary()


def wal_checkpoints(engine: Engine) -> WalCheckpoints | None:
    """The checkpointer of a file-backed SQLite engine (None for other databases)."""
    return _wal_checkpoints.get(engine)


def _is_memory_url(url: str) -> bool:
    database = url.split("///", 1)[1] if "///" in url else ""
    return database in ("", ":memory:") or "mode=memory" in database


def _is_memory_database(dbapi_connection: Any) -> bool:
    rows = dbapi_connection.execute("PRAGMA database_list").fetchall()
    return any(row[1] == "main" and not row[2] for row in rows)


def init_app(app: Flask) -> None:
    """Create the app's engine (once) and close each request's session and connection at
    teardown."""
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions[_ENGINE_KEY] = engine
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    app.extensions[_SESSIONMAKER_KEY] = factory
    checkpoints = wal_checkpoints(engine)
    if checkpoints is not None:
        # Counted by a session event: any engine-level listener would make SQLAlchemy
        # dispatch events around every statement (measured: a tenth of a submission).
        event.listen(factory, "after_commit", checkpoints.count_commit)
    app.teardown_appcontext(_close_request_database)


def get_engine(app: Flask | None = None) -> Engine:
    engine: Engine = (app or current_app).extensions[_ENGINE_KEY]
    return engine


def session_factory(app: Flask | None = None) -> sessionmaker[Session]:
    """Sessions outside a request (CLI commands, seeders, background work)."""
    factory: sessionmaker[Session] = (
        app or current_app._get_current_object()  # type: ignore[attr-defined]
    ).extensions[_SESSIONMAKER_KEY]
    return factory


def get_connection() -> Connection:
    """The request's connection (checked out of the pool on first use; teardown returns it).

    The hot paths (the signed-in user's row, a submission) run on it without a Session: the
    Session's creation, transaction bookkeeping and closing cost a submission some 110 µs,
    a tenth of it (benchmarks/profile_submit.py: 2.53 M to 2.29 M instructions).  Run
    statements on it with :mod:`server.prepared` or inside :func:`transaction`: a Core
    ``execute`` outside one would begin a transaction that the request's Session then joins
    without ever committing it.
    """
    app_globals: _AppCtxGlobals = g._get_current_object()  # one proxy lookup, not two
    connection: Connection | None = app_globals.get("db_connection")
    if connection is None:
        connection = app_globals.db_connection = get_engine().connect()
    return connection


def get_session() -> Session:
    """The request's Session (created on first use), on the request's connection.  The caller
    commits; teardown closes, rolling back whatever was not committed."""
    app_globals: _AppCtxGlobals = g._get_current_object()  # one proxy lookup, not two
    session: Session | None = app_globals.get("db_session")
    if session is None:
        session = app_globals.db_session = session_factory()(bind=get_connection())
    return session


@contextmanager
def transaction(connection: Connection) -> Iterator[None]:
    """One transaction on ``connection`` without a Session: committed when the block ends,
    rolled back when it raises.  Counted for the WAL checkpointer as Session commits are."""
    with connection.begin():
        yield
    checkpoints = wal_checkpoints(connection.engine)
    if checkpoints is not None:
        checkpoints.count_commit(None)


def _close_request_database(_error: BaseException | None) -> None:
    session: Session | None = g.pop("db_session", None)
    if session is not None:
        session.close()
    connection: Connection | None = g.pop("db_connection", None)
    if connection is not None:
        connection.close()  # back to the pool, rolled back there if a transaction was left
