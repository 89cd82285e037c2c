"""The bundled services: all load, keep to three steps, and read fully in all four locales."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from locales import LOCALES_DIR
from locales.catalogs import translations
from locales.check_rules import load_allowlist
from server.catalogue.cli import services_cli
from server.catalogue.models import MAX_STEPS, text_context
from server.catalogue.reference import reference_texts
from server.catalogue.service import REFERENCE_DIR, SERVICES_DIR, Catalogue, current_catalogue
from server.catalogue.texts import service_texts
from tests.catalogue.conftest import build_app

TRANSLATED = ("uz_Latn", "uz_Cyrl", "ru")
ALLOWED_SAME = set().union(*load_allowlist().values())
_LETTER = re.compile(r"[^\W\d_]")


def untranslated(english: str, rendered: str) -> bool:
    """True when ``rendered`` is still the English text (names and acronyms may stay)."""
    return rendered == english and english not in ALLOWED_SAME and bool(_LETTER.search(english))


def test_there_are_at_least_30_services_in_at_least_8_categories(
    bundled_catalogue: Catalogue,
) -> None:
    definitions = bundled_catalogue.definitions
    assert len(definitions) >= 30
    assert len({d.category for d in definitions}) >= 8
    assert all(d.life_events for d in definitions), "every service serves a life event"


def test_every_service_has_one_to_three_steps(bundled_catalogue: Catalogue) -> None:
    for definition in bundled_catalogue.definitions:
        assert 1 <= len(definition.steps) <= MAX_STEPS, definition.id


def test_all_14_first_level_divisions_have_districts(bundled_catalogue: Catalogue) -> None:
    regions = bundled_catalogue.reference.regions
    assert len(regions) == 14
    assert all(len(region.districts) >= 5 for region in regions.values())


def test_services_check_passes_on_every_bundled_file(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("SERVICES", "REFERENCE", "LOCALES"):  # the defaults: the bundled folders
        monkeypatch.delenv(f"XIZMAT_CATALOGUE_{key}_DIR", raising=False)
    result = CliRunner().invoke(services_cli, ["check"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^\d+ file\(s\) pass$", result.output, re.MULTILINE)


@pytest.mark.parametrize("locale", TRANSLATED)
def test_no_english_is_left_in_the_translated_locales(
    bundled_catalogue: Catalogue, locale: str
) -> None:
    left: list[str] = []
    for definition in bundled_catalogue.definitions:
        for path, _context, english in service_texts(definition):
            rendered = _rendered_text(bundled_catalogue, locale, definition.id, path, english)
            if untranslated(english, rendered):
                left.append(f"{definition.id}:{path}: {english!r}")
    for _stem, _path, context, english in reference_texts(bundled_catalogue.reference):
        rendered = _reference_text(bundled_catalogue, locale, context, english)
        if untranslated(english, rendered):
            left.append(f"{context}: {english!r}")
    assert not left, f"{len(left)} English texts in {locale}: {left[:10]}"


def _rendered_text(catalogue: Catalogue, locale: str, sid: str, path: str, english: str) -> str:
    catalog = translations(locale, ("services",), catalogue.locales_root)
    return str(catalog.pgettext(text_context(sid, *path.split(".")), english))


def _reference_text(catalogue: Catalogue, locale: str, context: str, english: str) -> str:
    return str(translations(locale, ("reference",), catalogue.locales_root).pgettext(
        context, english))


@pytest.mark.parametrize("tag", ["uz-Latn", "uz-Cyrl", "ru", "en"])
def test_the_whole_catalogue_is_served_in_each_locale(
    bundled_catalogue: Catalogue, tag: str
) -> None:
    app = build_app(SERVICES_DIR, CATALOGUE_REFERENCE_DIR=str(REFERENCE_DIR),
                    CATALOGUE_LOCALES_DIR=str(LOCALES_DIR))
    client = app.test_client()
    page = client.get(f"/api/v1/catalogue?per_page=100&lang={tag}").get_json()
    assert page["total"] == len(bundled_catalogue.definitions)
    for item in page["items"]:
        service = client.get(f"/api/v1/services/{item['id']}?lang={tag}")
        assert service.status_code == 200
        assert service.headers["Content-Language"] == tag
        assert service.get_json()["fee"]["text"]


def test_the_app_loads_the_catalogue_at_start(app: Flask, client: FlaskClient) -> None:
    catalogue = current_catalogue_of(app)
    assert len(catalogue.definitions) >= 30
    found = client.get("/api/v1/catalogue?q=паспорт&lang=ru").get_json()["items"]
    assert found[0]["id"] in {"id-card", "travel-passport"}
    kindergarten = client.get("/api/v1/catalogue?q=bolalar+bog'chasi").get_json()["items"]
    assert kindergarten[0]["id"] == "kindergarten-queue"


def current_catalogue_of(app: Flask) -> Catalogue:
    with app.app_context():
        return current_catalogue()
