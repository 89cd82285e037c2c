"""SQLite's write-ahead log is checkpointed by a thread of the process, not inside commits."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import text

from server import db
from server.db import (
    CHECKPOINT_AFTER_COMMITS,
    SQLITE_AUTOCHECKPOINT_PAGES,
    get_engine,
    get_session,
    session_factory,
    wal_checkpoints,
)
from server.write_gate import write_gate


def _database_file(app: Flask) -> Path:
    database = get_engine(app).url.database
    assert database
    return Path(database)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _commit_in_a_request(app: Flask, value: int) -> None:
    with app.test_request_context():
        session = get_session()
        session.execute(text("INSERT INTO wal_probe (n) VALUES (:n)"), {"n": value})
        session.commit()


def test_the_log_is_copied_into_the_database_after_enough_commits(app: Flask) -> None:
    with get_engine(app).begin() as connection:
        connection.exec_driver_sql("CREATE TABLE wal_probe (n INTEGER)")
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        autocheckpoint = connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
    assert autocheckpoint == SQLITE_AUTOCHECKPOINT_PAGES
    database = _database_file(app)
    before = _digest(database)
    for value in range(CHECKPOINT_AFTER_COMMITS - 1):
        _commit_in_a_request(app, value)
    # Commits only append to the log: the database file itself is untouched so far.
    assert _digest(database) == before
    _commit_in_a_request(app, CHECKPOINT_AFTER_COMMITS)
    checkpoints = wal_checkpoints(get_engine(app))
    assert checkpoints is not None
    assert checkpoints.wait_until_idle()
    assert _digest(database) != before
    with get_engine(app).connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM wal_probe").scalar() == (
            CHECKPOINT_AFTER_COMMITS)


def test_the_log_starts_again_although_writers_never_pause(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two writers commit without a break while the checkpoint thread works: the log stays
    far below the backstop, where every commit would checkpoint by itself.  (With PASSIVE
    checkpoints only, it grew to the backstop's 8,000 frames here.)"""
    monkeypatch.setattr(db, "WAL_RESTART_FRAMES", 300)
    with get_engine(app).begin() as connection:
        connection.exec_driver_sql("CREATE TABLE wal_probe (n INTEGER, padding TEXT)")
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.exec_driver_sql("PRAGMA page_size").scalar()
    sessions = session_factory(app)

    def write(first: int) -> None:
        for value in range(first, first + 1500):
            with sessions() as session:
                session.execute(text("INSERT INTO wal_probe VALUES (:n, :p)"),
                                {"n": value, "p": "x" * 3000})  # about a page a row
                session.commit()

    writers = [threading.Thread(target=write, args=(first,)) for first in (0, 10_000)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    checkpoints = wal_checkpoints(get_engine(app))
    assert checkpoints is not None and checkpoints.wait_until_idle()
    wal_file = _database_file(app).with_name(_database_file(app).name + "-wal")
    most_frames_ever = wal_file.stat().st_size // (page_size + 24)  # a frame: page + header
    assert most_frames_ever < SQLITE_AUTOCHECKPOINT_PAGES / 2
    with get_engine(app).connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM wal_probe").scalar() == 3000


def test_the_checkpoint_that_restarts_the_log_queues_at_the_write_gate(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It holds writers back, so it takes the gate where they queue: they go on the moment it
    ends instead of sleeping in SQLite's busy handler past its end."""
    monkeypatch.setattr(db, "WAL_RESTART_FRAMES", 1)
    engine = get_engine(app)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE wal_probe (n INTEGER)")
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoints = wal_checkpoints(engine)
    assert checkpoints is not None
    with write_gate(engine):
        for value in range(CHECKPOINT_AFTER_COMMITS):
            _commit_in_a_request(app, value)
        assert not checkpoints.wait_until_idle(timeout=0.5), "it did not wait for the gate"
    assert checkpoints.wait_until_idle()
    _commit_in_a_request(app, CHECKPOINT_AFTER_COMMITS)
    with engine.connect() as connection:
        _busy, log_frames, _copied = connection.exec_driver_sql(
            "PRAGMA wal_checkpoint(PASSIVE)").one()
    assert 0 < log_frames < CHECKPOINT_AFTER_COMMITS  # the last commit wrote from the start
