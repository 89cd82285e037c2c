"""translate / translate_plural, flask-babel agreeing with them, and the core catalogs' text."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import flask_babel
import pytest
from babel.messages.pofile import read_po
from flask import Flask

from locales import LOCALES_DIR, SUPPORTED_LOCALES
from server.errors import RETRY_AFTER_DETAIL
from server.i18n import current_locale, translate, translate_plural

CORE_PO = {locale: LOCALES_DIR / locale / "LC_MESSAGES" / "core.po" for locale in SUPPORTED_LOCALES}
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")


def test_translate_in_each_locale() -> None:
    assert translate("Not found", "uz_Latn") == "Topilmadi"
    assert translate("Not found", "uz_Cyrl") == "Топилмади"
    assert translate("Not found", "ru") == "Не найдено"
    assert translate("Not found", "en") == "Not found"
    assert translate("no such message id", "ru") == "no such message id"


def test_translate_fills_named_placeholders() -> None:
    text = translate("Longer than maximum length %(max)s.", "uz_Latn", max=64)
    assert text == "Uzunlik koʻpi bilan 64 boʻlishi kerak."


def test_translate_rejects_unknown_locales() -> None:
    with pytest.raises(ValueError, match="unsupported locale"):
        translate("Not found", "uz")


@pytest.mark.parametrize(
    ("n", "word"),
    [(1, "секунду"), (2, "секунды"), (5, "секунд"), (11, "секунд"), (21, "секунду"),
     (22, "секунды"), (25, "секунд")],
)
def test_russian_plural_forms(n: int, word: str) -> None:
    text = translate_plural(*RETRY_AFTER_DETAIL, n, "ru")
    assert text.endswith(f"через {n} {word}.")


def test_english_and_uzbek_plurals() -> None:
    assert translate_plural(*RETRY_AFTER_DETAIL, 1, "en").endswith("in 1 second.")
    assert translate_plural(*RETRY_AFTER_DETAIL, 3, "en").endswith("in 3 seconds.")
    assert "3 soniyadan" in translate_plural(*RETRY_AFTER_DETAIL, 3, "uz_Latn")


def test_flask_babel_uses_the_same_chain(app: Flask) -> None:
    with app.test_request_context("/?lang=ru"):
        assert current_locale() == "ru"
        assert str(flask_babel.get_locale()) == "ru"
        assert flask_babel.gettext("Not found") == "Не найдено"
        assert flask_babel.ngettext(*RETRY_AFTER_DETAIL, 5).endswith("через 5 секунд.")
    with app.test_request_context("/?lang=uz-Cyrl"):
        assert str(flask_babel.get_locale()) == "uz_Cyrl"
        assert flask_babel.gettext("Not found") == "Топилмади"


def test_outside_a_request_the_default_locale_applies() -> None:
    assert current_locale() == "uz_Latn"
    assert translate("Not found") == "Topilmadi"


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_core_catalog_passes_msgfmt_check(locale: str, tmp_path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "core.mo"), str(CORE_PO[locale])],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_core_catalog_keeps_placeholders_and_is_complete(locale: str) -> None:
    with CORE_PO[locale].open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(targets) and not message.fuzzy, message.id
        expected = set(PLACEHOLDER.findall(sources[-1]))
        for target in targets:
            assert set(PLACEHOLDER.findall(target)) == expected, (locale, message.id, target)


def test_uzbek_latin_uses_the_official_apostrophes() -> None:
    with CORE_PO["uz_Latn"].open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        for target in targets:
            assert not re.search(r"[oOgG]['‘’`ʼ]", target), target
            assert not re.search(r"[a-zA-Z]['‘’`ʻ][a-zA-Z]", target.replace("oʻ", "").replace(
                "gʻ", "").replace("Oʻ", "").replace("Gʻ", "")), target


def test_uzbek_cyrillic_has_no_latin_words() -> None:
    with CORE_PO["uz_Cyrl"].open("rb") as handle:
        catalog = read_po(handle)
    allowed = {"JSON", "Allow", "Content", "Type", "application", "json", "If", "Match",
               "UTF", "UUID", "URL", "nan", "errors"}
    for message in catalog:
        if not message.id:
            continue
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        for target in targets:
            words = set(re.findall(r"[A-Za-z]+", PLACEHOLDER.sub("", target)))
            assert words <= allowed, (message.id, words - allowed)
