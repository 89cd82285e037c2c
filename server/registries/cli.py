"""``flask registries ...``: pull life events, and show how the registries answer.

    flask registries pull             ingest the events published since the last pull
    flask registries pull --follow    keep pulling every few seconds (a pull loop)
    flask registries status           each registry's URL and circuit state
"""

from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import AppGroup

from server.db import session_factory
from server.registries.http import RegistryUnavailableError
from server.registries.intake import pull_once
from server.registries.service import hub

registries_cli = AppGroup("registries", help="State registries: life events and status.")


@registries_cli.command("pull")
@click.option("--follow", is_flag=True, help="keep pulling until interrupted")
@click.option("--interval", default=5.0, show_default=True, help="seconds between pulls")
def pull_command(follow: bool, interval: float) -> None:
    """Ingest new life events (each makes at most one offer, however often it arrives)."""
    if not hub().settings.events_url:
        raise click.ClickException("no event source: set XIZMAT_REGISTRY_URL")
    while True:
        with session_factory()() as session:
            try:
                outcomes = pull_once(session, hub(current_app))
            except RegistryUnavailableError as error:
                click.echo(f"event log unavailable ({error.reason}); will retry", err=True)
                outcomes = None
        if outcomes:
            click.echo(", ".join(f"{name}: {count}" for name, count in sorted(outcomes.items())))
        if not follow:
            return
        time.sleep(interval)


@registries_cli.command("status")
def status_command() -> None:
    """Where each registry is and whether its circuit is closed."""
    settings = hub().settings
    if not settings.enabled:
        click.echo("registries are off (XIZMAT_REGISTRY_URL is empty)")
    for registry_id, client in sorted(hub().clients.items()):
        click.echo(f"{registry_id:<10} {client.base_url}  circuit {client.breaker.state}")
