"""Shared fixtures: apps on a fresh SQLite database, and on PostgreSQL databases of their own.

- ``make_app(db_url=None, **config)`` builds an app; without ``db_url`` it gets a new SQLite
  file copied from a template migrated once per session (a copy costs ~1 ms, a migration far
  more).  ``app``, ``client`` and ``runner`` follow Flask's tutorial.
- ``pg_url`` is a migrated PostgreSQL database of this test's own (copied from a per-session
  template database, dropped after); ``postgres_app`` an app on it.  When PostgreSQL is not
  reachable at ``$XIZMAT_TEST_POSTGRES_URL`` (default postgresql://postgres@127.0.0.1:5432/test)
  these tests are skipped with a message saying so.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from psycopg import sql
from sqlalchemy.engine import make_url

from server import create_app, migrations
from server.db import get_engine, make_engine

DEFAULT_TEST_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"

AppFactory = Callable[..., Flask]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once per session (per xdist worker)."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrations.upgrade(engine)
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    return path


@pytest.fixture
def make_app(tmp_path: Path, sqlite_template: Path) -> Iterator[AppFactory]:
    """Build apps for this test; ``make_app(db_url=None, **config)``."""
    built: list[Flask] = []

    def factory(db_url: str | None = None, **config: Any) -> Flask:
        if db_url is None:
            db_file = tmp_path / f"xizmat-{len(built)}.db"
            shutil.copyfile(sqlite_template, db_file)
            db_url = f"sqlite:///{db_file}"
        settings: dict[str, Any] = {
            "TESTING": True,
            "DATABASE_URL": db_url,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SECRET_KEY": "test-secret-key-that-is-long-enough-for-hs256",
        }
        settings.update(config)
        app = create_app(settings)
        built.append(app)
        return app

    yield factory
    for app in built:
        get_engine(app).dispose()


@pytest.fixture
def app(make_app: AppFactory) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


def _postgres_admin_url() -> str:
    return os.environ.get("XIZMAT_TEST_POSTGRES_URL", DEFAULT_TEST_POSTGRES_URL)


def _psycopg_dsn(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


def _drop_database(admin_dsn: str, name: str) -> None:
    with psycopg.connect(admin_dsn, autocommit=True, connect_timeout=3) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@pytest.fixture(scope="session")
def pg_template() -> Iterator[tuple[str, str]]:
    """(admin DSN, name of a migrated template database), once per session."""
    admin_url = _postgres_admin_url()
    admin_dsn = _psycopg_dsn(admin_url)
    try:
        with psycopg.connect(admin_dsn, autocommit=True, connect_timeout=3):
            pass
    except psycopg.OperationalError as error:
        pytest.skip(
            f"PostgreSQL is not reachable at {make_url(admin_url).render_as_string()} "
            f"({str(error).strip().splitlines()[0]}); set XIZMAT_TEST_POSTGRES_URL to run "
            "the PostgreSQL tests"
        )
    name = f"xizmat_test_tmpl_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_dsn, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        engine = make_engine(_psycopg_dsn(admin_url, name))
        try:
            migrations.upgrade(engine)
        finally:
            engine.dispose()
        yield admin_dsn, name
    finally:
        _drop_database(admin_dsn, name)


@pytest.fixture
def pg_url(pg_template: tuple[str, str]) -> Iterator[str]:
    """A migrated PostgreSQL database of this test's own (``postgresql+psycopg://`` URL)."""
    admin_dsn, template = pg_template
    name = f"xizmat_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_dsn, autocommit=True) as connection:
        connection.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )
    url = make_url(_postgres_admin_url()).set(drivername="postgresql+psycopg", database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        _drop_database(admin_dsn, name)


@pytest.fixture
def postgres_app(make_app: AppFactory, pg_url: str) -> Flask:
    return make_app(pg_url)
