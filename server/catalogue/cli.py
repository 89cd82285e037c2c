"""``flask services check [FILES]``: the start-up verdict on definition files, for authors.

Exit status 0 when every file passes, 1 with one line per problem (file: key path: reason)
otherwise.  Nothing is started; the same checks run at app start.

The ``services`` group is a Flask CLI plugin (entry point ``flask.commands`` in setup.cfg), so
``flask`` finds it without building the app: building the app loads the catalogue and stops
at the first broken file, and reporting broken files is this command's job.  It reads the
folders from the same settings as the app (``XIZMAT_CATALOGUE_*``, :mod:`server.config`).
"""

from __future__ import annotations

from pathlib import Path

import click

from server.catalogue.loader import check_files, service_files
from server.catalogue.models import MAX_STEPS
from server.config import ConfigError, read_setting

services_cli = click.Group("services", help="Service definitions (YAML) of the catalogue.")


@services_cli.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--no-translations", is_flag=True,
              help="Skip the check that every text is translated (while drafting a file).")
def check_command(files: tuple[Path, ...], no_translations: bool) -> None:
    """Validate FILES (default: every bundled service) as the server does at start."""
    try:
        services_dir = read_setting("CATALOGUE_SERVICES_DIR")
        reference_dir = read_setting("CATALOGUE_REFERENCE_DIR")
        locales_dir = read_setting("CATALOGUE_LOCALES_DIR")
    except ConfigError as error:
        raise click.UsageError(str(error)) from error
    chosen = list(files) or service_files(services_dir)
    _reference, definitions, problems = check_files(
        chosen, reference_dir, locales_dir, require_translations=not no_translations)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        broken = len({problem.file for problem in problems})
        raise click.ClickException(f"{broken} file(s) refused, {len(problems)} problem(s)")
    for definition in definitions:
        click.echo(f"ok  {definition.id}: {len(definition.steps)} of at most {MAX_STEPS} steps")
    click.echo(f"{len(definitions)} file(s) pass")
