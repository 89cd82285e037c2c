"""Kivy-free parts of the client: conditions, preferences, translations."""

from __future__ import annotations

from pathlib import Path

import pytest

from locales import SUPPORTED_LOCALES
from locales.catalogs import translations
from mobile.conditions import holds
from mobile.preferences import Preferences, words_per_minute


@pytest.mark.parametrize(("condition", "values", "expected"), [
    (None, {}, True),
    ({"field": "lost", "equals": True}, {"lost": True}, True),
    ({"field": "lost", "equals": True}, {"lost": 1}, False),
    ({"field": "reason", "one_of": ["a", "b"]}, {"reason": "b"}, True),
    ({"field": "reason", "one_of": ["a", "b"]}, {"reason": ["c", "a"]}, True),
    ({"not": {"field": "reason", "equals": "a"}}, {"reason": "a"}, False),
    ({"all": [{"field": "x", "equals": 1}, {"field": "y", "equals": 2}]}, {"x": 1, "y": 2}, True),
    ({"any": [{"field": "x", "equals": 1}, {"field": "y", "equals": 2}]}, {"x": 0}, False),
    ({"field": "x", "equals": "1"}, {}, False),
])
def test_show_if_conditions_as_the_user_types(condition: object, values: dict[str, object],
                                               expected: bool) -> None:
    assert holds(condition, values) is expected


def test_preferences_survive_and_refuse_nonsense(tmp_path: Path) -> None:
    path = tmp_path / "preferences.json"
    Preferences(path).update(locale="ru", font_scale=9, theme="neon", speech_rate=1.5)
    kept = Preferences(path)
    assert kept.chosen and kept.locale == "ru"
    assert kept.as_dict()["font_scale"] == 3.0
    assert kept.as_dict()["theme"] == "default"
    assert words_per_minute(kept.as_dict()["speech_rate"]) == 262
    path.write_text("{not json", encoding="utf-8")
    assert not Preferences(path).chosen


@pytest.mark.parametrize("locale", [loc for loc in SUPPORTED_LOCALES if loc != "en"])
def test_mobile_texts_are_translated(locale: str) -> None:
    catalog = translations(locale, ("mobile",))
    for message in ("Submit application", "Check your answers", "Choose your language"):
        assert catalog.gettext(message) != message
    if locale == "uz_Latn":
        assert "ʻ" in catalog.gettext("How do you want to read?")
        assert "'" not in catalog.gettext("Filled in from: %(source)s")


def test_russian_plurals_have_three_forms() -> None:
    catalog = translations("ru", ("mobile",))
    found = [catalog.ngettext("%(count)d service found", "%(count)d services found", n)
             % {"count": n} for n in (1, 2, 5, 21)]
    assert found == ["Найдена 1 услуга", "Найдено 2 услуги", "Найдено 5 услуг",
                     "Найдена 21 услуга"]
