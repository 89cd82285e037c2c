"""``flask translate ...``: one command per translator task (see locales/README.md).

The work is done by plain functions in :mod:`locales.tools`, :mod:`locales.checks` and
:mod:`locales.stats`; these commands only choose domains and locales and print the outcome.
Every command runs from the repository root, whatever the current directory.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click
from flask.cli import AppGroup

from locales import SUPPORTED_LOCALES, tools
from locales.checks import render_finding, summary

translate = AppGroup("translate", help="Translators' tasks: extract, update, compile, check.")

_domain_option = click.option(
    "--domain",
    "-D",
    "domains",
    multiple=True,
    help="Only this domain (repeat for several). Default: every domain.",
)
_locale_option = click.option(
    "--locale",
    "-l",
    "locales",
    multiple=True,
    type=click.Choice(SUPPORTED_LOCALES),
    help="Only this locale (repeat for several). Default: all four.",
)


def _or_all(domains: Sequence[str]) -> list[str] | None:
    return list(domains) if domains else None


def _run(action: str, paths: Sequence[object]) -> None:
    if not paths:
        click.echo(f"{action}: nothing changed.")
    for path in paths:
        click.echo(f"{action}: {path}")


@translate.command("extract")
@_domain_option
def extract_command(domains: tuple[str, ...]) -> None:
    """Collect the texts to translate from the code and data files into the templates."""
    try:
        _run("extracted", tools.extract(_or_all(domains)))
    except ValueError as error:
        raise click.UsageError(str(error)) from error


@translate.command("update")
@_domain_option
@_locale_option
def update_command(domains: tuple[str, ...], locales: tuple[str, ...]) -> None:
    """Bring every locale's catalog in line with the templates (new texts arrive empty)."""
    try:
        _run("updated", tools.update(_or_all(domains), locales or SUPPORTED_LOCALES))
    except ValueError as error:
        raise click.UsageError(str(error)) from error


@translate.command("compile")
@_domain_option
def compile_command(domains: tuple[str, ...]) -> None:
    """Build the .mo files the app reads (fuzzy entries are left out)."""
    try:
        _run("compiled", tools.compile_all(_or_all(domains)))
    except ValueError as error:
        raise click.UsageError(str(error)) from error


@translate.command("transliterate")
@_domain_option
def transliterate_command(domains: tuple[str, ...]) -> None:
    """Draft uz_Cyrl texts from reviewed uz_Latn ones, marked fuzzy for a translator."""
    try:
        results = tools.transliterate(_or_all(domains))
    except ValueError as error:
        raise click.UsageError(str(error)) from error
    for result in results:
        click.echo(
            f"{result.path}: {result.drafted} drafted (fuzzy, please review), "
            f"{result.kept_reviewed} reviewed kept"
        )


@translate.command("check")
@_domain_option
@_locale_option
@click.option(
    "--lang",
    type=click.Choice(SUPPORTED_LOCALES),
    default="en",
    show_default=True,
    help="Language of the report.",
)
def check_command(domains: tuple[str, ...], locales: tuple[str, ...], lang: str) -> None:
    """Find every problem in the catalogs; exit with status 1 if there is any."""
    try:
        findings = tools.check(_or_all(domains), locales or SUPPORTED_LOCALES)
    except ValueError as error:
        raise click.UsageError(str(error)) from error
    for finding in findings:
        click.echo(render_finding(finding, lang))
    click.echo(summary(len(findings), lang), err=bool(findings))
    if findings:
        sys.exit(1)


@translate.command("stats")
@_domain_option
def stats_command(domains: tuple[str, ...]) -> None:
    """How complete each locale is, per domain: translated, fuzzy, missing."""
    try:
        lines = tools.stats_lines(_or_all(domains))
    except ValueError as error:
        raise click.UsageError(str(error)) from error
    for line in lines:
        click.echo(line)
