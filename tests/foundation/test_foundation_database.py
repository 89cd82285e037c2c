"""SQLite settings, migrations on SQLite and PostgreSQL, models matching migrations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from flask import Flask
from sqlalchemy import inspect, text

from server import migrations
from server.db import get_engine, get_session, make_engine, normalize_url
from server.demo import DemoSeedRun
from server.models import Base


def test_sqlite_runs_in_wal_with_foreign_keys(app: Flask) -> None:
    with get_engine(app).connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_engine_is_created_once_per_app(app: Flask) -> None:
    with app.app_context():
        assert get_engine() is get_engine(app)


def test_session_is_per_request_and_closed_at_teardown(app: Flask) -> None:
    with app.test_request_context():
        session = get_session()
        assert get_session() is session
        session.execute(text("SELECT 1"))
    with app.test_request_context():
        assert get_session() is not session


def test_plain_postgres_urls_use_psycopg_3() -> None:
    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"


def _assert_schema_matches_models(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
            assert differences == [], f"models and migrations differ: {differences}"
            assert set(migrations.current_revisions(connection)) == set(
                migrations.head_revisions()
            )
    finally:
        engine.dispose()


def _assert_up_down_up(url: str) -> None:
    engine = make_engine(url)
    try:
        migrations.downgrade(engine, "base")
        tables = set(inspect(engine).get_table_names())
        assert tables <= {"alembic_version"}, tables
        migrations.upgrade(engine)
        assert "demo_seed_runs" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_sqlite_schema_matches_models(app: Flask) -> None:
    _assert_schema_matches_models(app.config["DATABASE_URL"])


def test_sqlite_migrations_downgrade_and_upgrade(app: Flask) -> None:
    _assert_up_down_up(app.config["DATABASE_URL"])


def test_migrating_a_new_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    engine = make_engine(url)
    try:
        migrations.upgrade(engine)
    finally:
        engine.dispose()
    _assert_schema_matches_models(url)


@pytest.mark.postgres
def test_postgres_schema_matches_models(pg_url: str) -> None:
    _assert_schema_matches_models(pg_url)


@pytest.mark.postgres
def test_postgres_migrations_downgrade_and_upgrade(pg_url: str) -> None:
    _assert_up_down_up(pg_url)


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_rows_round_trip(
    request: pytest.FixtureRequest, make_app: Callable[..., Flask], backend: str
) -> None:
    app = make_app() if backend == "sqlite" else make_app(request.getfixturevalue("pg_url"))
    with app.test_request_context():
        session = get_session()
        session.add(DemoSeedRun(name="probe", lines=["ĞʻЎ"], seeded_at=datetime.now(UTC)))
        session.commit()
    with app.test_request_context():
        row = get_session().get(DemoSeedRun, "probe")
        assert row is not None and row.lines == ["ĞʻЎ"]
