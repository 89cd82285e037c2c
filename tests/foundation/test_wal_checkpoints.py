"""SQLite's write-ahead log is checkpointed by requests after they finish, not inside commits."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask
from sqlalchemy import text

from server.db import CHECKPOINT_AFTER_COMMITS, SQLITE_AUTOCHECKPOINT_PAGES, get_engine, get_session


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
    assert _digest(database) != before
    with get_engine(app).connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM wal_probe").scalar() == (
            CHECKPOINT_AFTER_COMMITS)
