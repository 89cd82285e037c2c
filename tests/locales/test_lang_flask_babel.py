"""Every catalog compiles, flask-babel serves Russian plurals with every domain loaded, and the
``flask translate`` commands work."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import flask_babel
import pytest
from flask import Flask

from locales import LOCALES_DIR, SUPPORTED_LOCALES
from locales.catalogs import compile_catalog, ensure_compiled
from locales.extraction import REPO_LAYOUT
from server.i18n.cli import translate

ALL_PO_FILES = sorted(LOCALES_DIR.glob("*/LC_MESSAGES/*.po"))


def domains_with_catalogs() -> list[str]:
    return [d for d in REPO_LAYOUT.domains() if REPO_LAYOUT.catalog("ru", d).exists()]


@pytest.mark.parametrize("po_file", ALL_PO_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_every_catalog_compiles(po_file: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext (msgfmt) must be installed"
    result = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(po_file)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert compile_catalog(po_file).startswith(b"\xde\x12\x04\x95")  # the .mo magic number


def test_every_domain_with_a_template_has_a_catalog_in_every_locale() -> None:
    for domain in REPO_LAYOUT.domains():
        if REPO_LAYOUT.template(domain).exists():
            for locale in SUPPORTED_LOCALES:
                assert REPO_LAYOUT.catalog(locale, domain).exists(), (locale, domain)


def babel_app(locale: str) -> Flask:
    domains = domains_with_catalogs()
    assert "common" in domains
    app = Flask("plural_test")
    app.config["BABEL_DOMAIN"] = ";".join(domains)
    # flask-babel pairs domains and directories by position: one directory per domain.
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(str(LOCALES_DIR) for _ in domains)
    flask_babel.Babel(app, locale_selector=lambda: locale)
    return app


@pytest.mark.parametrize(
    ("count", "expected"), [(1, "1 рабочий день"), (2, "2 рабочих дня"),
                            (5, "5 рабочих дней"), (21, "21 рабочий день")]
)
def test_flask_babel_serves_russian_plurals_with_every_domain(count: int, expected: str) -> None:
    ensure_compiled()
    app = babel_app("ru")
    with app.test_request_context():
        text = flask_babel.ngettext("%(num)s working day", "%(num)s working days", count)
        assert text == expected
        assert flask_babel.gettext("Free of charge") == "Бесплатно"


def test_flask_babel_serves_uzbek_from_the_same_folder() -> None:
    ensure_compiled()
    with babel_app("uz_Cyrl").test_request_context():
        assert flask_babel.ngettext("%(num)s day", "%(num)s days", 5) == "5 кун"


def cli_app() -> Flask:
    app = Flask("cli_test")
    app.cli.add_command(translate)
    return app


def test_cli_check_and_stats_on_the_common_domain() -> None:
    runner = cli_app().test_cli_runner()
    result = runner.invoke(args=["translate", "check", "--domain", "common"])
    assert result.exit_code == 0, result.output
    assert "All catalogs pass every check." in result.output
    stats = runner.invoke(args=["translate", "stats", "-D", "common"])
    assert stats.exit_code == 0
    assert any(line.startswith("ru") and "100.0%" in line for line in stats.output.splitlines())


def test_cli_refuses_an_unknown_domain_with_a_clear_message() -> None:
    result = cli_app().test_cli_runner().invoke(args=["translate", "check", "-D", "nope"])
    assert result.exit_code == 2
    assert "unknown domain(s) nope" in result.output
