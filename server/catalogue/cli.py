"""``flask services check [FILES]``: the start-up verdict on definition files, for authors.

Exit status 0 when every file passes, 1 with one line per problem (file: key path: reason)
otherwise.  Nothing is started; the same checks run at app start.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from locales import LOCALES_DIR
from server.catalogue.loader import check_files, service_files
from server.catalogue.models import MAX_STEPS
from server.catalogue.service import REFERENCE_DIR, SERVICES_DIR

services_cli = AppGroup("services", help="Service definitions (YAML) of the catalogue.")


@services_cli.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--no-translations", is_flag=True,
              help="Skip the check that every text is translated (while drafting a file).")
def check_command(files: tuple[Path, ...], no_translations: bool) -> None:
    """Validate FILES (default: every bundled service) as the server does at start."""
    config = current_app.config
    services_dir = Path(config.get("CATALOGUE_SERVICES_DIR") or SERVICES_DIR)
    chosen = list(files) or service_files(services_dir)
    _reference, definitions, problems = check_files(
        chosen,
        Path(config.get("CATALOGUE_REFERENCE_DIR") or REFERENCE_DIR),
        Path(config.get("CATALOGUE_LOCALES_DIR") or LOCALES_DIR),
        require_translations=not no_translations,
    )
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        broken = len({problem.file for problem in problems})
        raise click.ClickException(f"{broken} file(s) refused, {len(problems)} problem(s)")
    for definition in definitions:
        click.echo(f"ok  {definition.id}: {len(definition.steps)} of at most {MAX_STEPS} steps")
    click.echo(f"{len(definitions)} file(s) pass")
