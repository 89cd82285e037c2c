"""Consistency of the catalogue's content: reference data, its translations, the services' links.

These checks read the shipped files themselves (YAML and .po), so a typo in a district id, a
region without a Cyrillic name or a service pointing at an unknown agency fails here with the
exact file and id, before the server refuses to start.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po

import server.registries.plugins  # noqa: F401  (registers the registry plugins)
from locales import LOCALES_DIR, SUPPORTED_LOCALES
from server.registries.registry import registry

CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "server" / "catalogue"
REFERENCE_DIR = CATALOGUE_DIR / "reference"
SERVICES_DIR = CATALOGUE_DIR / "services"
KEBAB_CASE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: The 14 first-level divisions: the Republic of Karakalpakstan, 12 regions, Tashkent city.
DIVISIONS = {
    "karakalpakstan", "andijan", "bukhara", "jizzakh", "kashkadarya", "navoi", "namangan",
    "samarkand", "surkhandarya", "syrdarya", "tashkent-region", "fergana", "khorezm",
    "tashkent-city",
}

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")
#: In uz_Latn, oʻ/gʻ take U+02BB and the tutuq belgisi U+02BC; these look-alikes are wrong.
WRONG_APOSTROPHES = re.compile("['`\u2018\u2019]")


def _load(name: str) -> Any:
    return yaml.safe_load((REFERENCE_DIR / name).read_text(encoding="utf-8"))


def _services() -> list[dict[str, Any]]:
    return [yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted(SERVICES_DIR.glob("*.yaml"))]


def _translations(locale: str) -> dict[str, str]:
    """msgctxt -> msgstr of the reference domain in ``locale``."""
    path = LOCALES_DIR / locale / "LC_MESSAGES" / "reference.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    return {str(message.context): str(message.string) for message in catalog if message.id}


def _named_entries() -> list[tuple[str, str]]:
    """(msgctxt, English name) of every name in the reference data."""
    entries = []
    for stem in ("agencies", "categories", "life_events"):
        entries += [(f"{stem}:{item['id']}.name", item["name"]) for item in _load(f"{stem}.yaml")]
    for region in _load("regions.yaml"):
        entries.append((f"regions:{region['id']}.name", region["name"]))
        entries += [(f"regions:{region['id']}.districts.{district['id']}.name", district["name"])
                    for district in region["districts"]]
    return entries


def test_the_fourteen_first_level_divisions() -> None:
    regions = _load("regions.yaml")
    assert [region["id"] for region in regions].count("tashkent-city") == 1
    assert {region["id"] for region in regions} == DIVISIONS
    assert len(regions) == 14


def test_every_division_has_its_districts_and_cities() -> None:
    counts = {region["id"]: len(region["districts"]) for region in _load("regions.yaml")}
    # Tashkent city has 12 districts; every region has at least 11 districts and cities.
    assert counts["tashkent-city"] == 12
    assert min(counts.values()) >= 11, counts
    assert sum(counts.values()) >= 200


def test_ids_are_kebab_case_and_unique() -> None:
    for stem in ("agencies", "categories", "life_events"):
        ids = [item["id"] for item in _load(f"{stem}.yaml")]
        assert all(KEBAB_CASE.match(i) for i in ids), stem
        assert not [i for i, n in Counter(ids).items() if n > 1], stem
    district_ids = [d["id"] for region in _load("regions.yaml") for d in region["districts"]]
    assert all(KEBAB_CASE.match(i) for i in district_ids)
    duplicates = [i for i, n in Counter(district_ids).items() if n > 1]
    assert not duplicates, f"district ids used twice: {duplicates}"


def test_a_region_and_a_district_of_the_same_name_are_told_apart() -> None:
    andijan = next(r for r in _load("regions.yaml") if r["id"] == "andijan")
    names = {d["id"]: d["name"] for d in andijan["districts"]}
    assert names["andijan-city"] != names["andijan-district"]


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_reference_name_is_translated(locale: str) -> None:
    translated = _translations(locale)
    missing = [context for context, _ in _named_entries() if not translated.get(context)]
    assert not missing, f"{locale}: no translation for {missing[:10]}"


def test_scripts_and_apostrophes_of_the_uzbek_names() -> None:
    latin, cyrillic = _translations("uz_Latn"), _translations("uz_Cyrl")
    for context, _ in _named_entries():
        assert not CYRILLIC.search(latin[context]), (context, latin[context])
        assert not WRONG_APOSTROPHES.search(latin[context]), (context, latin[context])
        assert not LATIN.search(cyrillic[context]), (context, cyrillic[context])
    assert latin["regions:fergana.name"] == "Fargʻona viloyati"
    assert cyrillic["regions:fergana.name"] == "Фарғона вилояти"


def test_english_catalog_repeats_the_source_and_the_others_translate_it() -> None:
    english, russian = _translations("en"), _translations("ru")
    for context, name in _named_entries():
        assert english[context] == name
        assert russian[context] != name, context


def test_services_point_at_known_reference_data() -> None:
    agencies = {item["id"] for item in _load("agencies.yaml")}
    categories = {item["id"] for item in _load("categories.yaml")}
    events = {item["id"] for item in _load("life_events.yaml")}
    for service in _services():
        assert service["agency"] in agencies, service["id"]
        assert service["category"] in categories, service["id"]
        assert service["life_events"], f"{service['id']} lists no life event"
        assert set(service["life_events"]) <= events, service["id"]


def test_every_category_and_life_event_leads_somewhere() -> None:
    services = _services()
    used_categories = {service["category"] for service in services}
    used_events = {event for service in services for event in service["life_events"]}
    assert {item["id"] for item in _load("categories.yaml")} <= used_categories
    assert {item["id"] for item in _load("life_events.yaml")} <= used_events


def test_the_catalogue_is_broad_and_keeps_the_three_steps_rule() -> None:
    services = _services()
    assert len(services) >= 30
    assert len({service["category"] for service in services}) >= 8
    for service in services:
        assert 1 <= len(service["steps"]) <= 3, service["id"]


def test_prefill_sources_name_real_registry_attributes() -> None:
    sources = {field["prefill"] for service in _services() for step in service["steps"]
               for field in step["fields"] if field.get("prefill")}
    unknown = sorted(source for source in sources if not registry.knows(source))
    assert not unknown, f"unknown registry attributes: {unknown}"
    assert {"civil.full_name", "address.district", "social.disability_group"} <= sources


def test_the_keyboard_only_certificate_stays_short() -> None:
    """The blind user's end-to-end journey applies for this service with keys alone."""
    service = next(s for s in _services() if s["id"] == "no-criminal-record-certificate")
    fields = [field for step in service["steps"] for field in step["fields"]]
    required = [f for f in fields if f.get("required", True)]
    assert len(service["steps"]) <= 2
    assert [f["type"] for f in required] == ["single_choice", "consent"]


#: Written forms a listener cannot follow when read out as they are: formatted examples
#: (dates, phone and card numbers, cadastre numbers, e-mail) and abbreviations.
SIGHT_ONLY = re.compile(
    r"\d{2}\.\d{2}\.\d{4}|\+998|\d{4} \d{4}|\d{2}:\d{2}:|@|\bNo\.|\b(PINFL|SMS|UZS|VIN)\b"
)


def test_texts_that_rely_on_sight_have_a_spoken_form() -> None:
    lacking, checked = [], 0
    for service in _services():
        for step in service["steps"]:
            for field in step["fields"]:
                for key in ("label", "hint"):
                    text = field.get(key) or ""
                    if not SIGHT_ONLY.search(text):
                        continue
                    checked += 1
                    if key not in (field.get("spoken") or {}):
                        lacking.append(f"{service['id']}:{field['name']}.{key}")
    assert checked >= 20  # phone, dates, PINFL, card and cadastre numbers are all over
    assert not lacking, f"add a spoken form for: {lacking}"
