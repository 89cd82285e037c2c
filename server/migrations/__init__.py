"""Alembic, configured in code: no alembic.ini to keep in step with the app's settings.

Revisions are hand-written in ``versions/`` in one fixed chain (``0001_foundation`` ->
``0002_accounts`` -> ``0003_registries``).  ``flask db upgrade`` (``make migrate``) runs them
once, before any server worker starts.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent


def alembic_config(engine: Engine) -> Config:
    """A Config that runs against ``engine`` (handed to env.py, so URLs need no escaping)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)


@lru_cache(maxsize=1)
def head_revisions() -> tuple[str, ...]:
    """The revision(s) the code expects; read once per process from ``versions/``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return tuple(ScriptDirectory.from_config(config).get_heads())


def current_revisions(connection: Connection) -> tuple[str, ...]:
    """The revision(s) the database is at (empty when never migrated)."""
    return tuple(MigrationContext.configure(connection).get_current_heads())
