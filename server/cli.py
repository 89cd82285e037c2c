"""Flask CLI commands: ``flask db ...``, ``flask demo seed`` and the translators' group.

Run with ``.venv/bin/flask --app server ...``; ``make migrate``, ``make seed`` and ``make run``
call them.  Both use the app's own configuration (``XIZMAT_DATABASE_URL`` etc.).
"""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from server import migrations
from server.db import get_engine, session_factory
from server.demo import run_seeders
from server.i18n.cli import translate

db_cli = AppGroup("db", help="Database schema (Alembic migrations).")
demo_cli = AppGroup("demo", help="Demo data for trying the app.")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def upgrade_command(revision: str) -> None:
    """Migrate the database to REVISION (default: the newest)."""
    engine = get_engine()
    migrations.upgrade(engine, revision)
    with engine.connect() as connection:
        current = ", ".join(migrations.current_revisions(connection)) or "(empty)"
    click.echo(f"database {engine.url.render_as_string(hide_password=True)} at {current}")


@db_cli.command("downgrade")
@click.argument("revision")
def downgrade_command(revision: str) -> None:
    """Migrate the database back to REVISION ("base" removes every table)."""
    migrations.downgrade(get_engine(), revision)


@db_cli.command("current")
def current_command() -> None:
    """Print the revision the database is at and the one the code expects."""
    with get_engine().connect() as connection:
        current = migrations.current_revisions(connection)
    click.echo(f"database: {', '.join(current) or '(not migrated)'}")
    click.echo(f"code:     {', '.join(migrations.head_revisions())}")


@demo_cli.command("seed")
def seed_command() -> None:
    """Add the demo data (once per database) and print the demo accounts."""
    with session_factory()() as session:
        results = run_seeders(session)
    if not results:
        click.echo("no demo seeders registered")
    for result in results:
        if result.skipped:
            state = "skipped"
        else:
            state = "seeded" if result.newly_seeded else "already seeded"
        click.echo(f"[{result.name}] {state}")
        for line in result.lines:
            click.echo(f"  {line}")


def init_app(app: Flask) -> None:
    app.cli.add_command(db_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(translate)
