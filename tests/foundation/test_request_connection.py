"""One pooled connection per request, shared by the request's Session and the Core paths."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from flask import Flask

from server.db import (
    CHECKPOINT_AFTER_COMMITS,
    get_connection,
    get_engine,
    get_session,
    transaction,
    wal_checkpoints,
)


def _count(app: Flask) -> int:
    with get_engine(app).connect() as connection:
        return int(connection.exec_driver_sql("SELECT count(*) FROM probe").scalar() or 0)


@pytest.fixture
def probe_table(app: Flask) -> None:
    with get_engine(app).begin() as connection:
        connection.exec_driver_sql("CREATE TABLE probe (n INTEGER)")
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def test_the_session_runs_on_the_requests_connection_and_teardown_returns_it(
        app: Flask) -> None:
    pool = get_engine(app).pool
    with app.test_request_context():
        connection = get_connection()
        assert get_connection() is connection
        assert get_session().connection() is connection
        assert pool.checkedout() == 1  # type: ignore[attr-defined]
    assert pool.checkedout() == 0  # type: ignore[attr-defined]


@pytest.mark.usefixtures("probe_table")
def test_a_transaction_commits_when_its_block_ends(app: Flask) -> None:
    with app.test_request_context():
        connection = get_connection()
        with transaction(connection):
            connection.exec_driver_sql("INSERT INTO probe (n) VALUES (1)")
        assert not connection.in_transaction()
        # The Session of the same request begins its own transaction on the connection.
        session = get_session()
        session.connection().exec_driver_sql("INSERT INTO probe (n) VALUES (2)")
        session.commit()
    assert _count(app) == 2


@pytest.mark.usefixtures("probe_table")
def test_a_transaction_that_raises_leaves_nothing_written(app: Flask) -> None:
    with app.test_request_context():
        connection = get_connection()
        with pytest.raises(ValueError), transaction(connection):
            connection.exec_driver_sql("INSERT INTO probe (n) VALUES (1)")
            raise ValueError("the request failed half-way")
        assert not connection.in_transaction()
    assert _count(app) == 0


@pytest.mark.usefixtures("probe_table")
def test_commits_of_a_transaction_are_counted_for_the_checkpointer(app: Flask) -> None:
    database = get_engine(app).url.database
    assert database
    before = hashlib.sha256(Path(database).read_bytes()).hexdigest()
    for value in range(CHECKPOINT_AFTER_COMMITS):
        with app.test_request_context():
            connection = get_connection()
            with transaction(connection):
                connection.exec_driver_sql(f"INSERT INTO probe (n) VALUES ({value})")
    checkpoints = wal_checkpoints(get_engine(app))
    assert checkpoints is not None
    assert checkpoints.wait_until_idle()
    # Only a checkpoint writes the database file: the commits were counted and one ran.
    assert hashlib.sha256(Path(database).read_bytes()).hexdigest() != before
    assert _count(app) == CHECKPOINT_AFTER_COMMITS
