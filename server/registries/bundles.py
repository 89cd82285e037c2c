"""Composite services: a bundle joins several services around one life event.

One YAML file per bundle in ``server/catalogue/bundles/<id>.yaml`` (the file name is the id)::

    id: birth-of-a-child
    version: 1
    life_event: birth-of-a-child        # an id from reference/life_events.yaml
    title: Birth of a child             # English source; translated in the services domain
    summary: Register the birth and ... # with the context "<bundle id>:<key>"
    services: [birth-registration, child-benefit, kindergarten-queue, residence-registration]

A field that two or more of the services name alike (same name, same type) is one question
asked once and its answer goes to each of them; the same name with different types is refused
at start.  Fields with a ``prefill`` source are filled from the registries, not asked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from flask import Flask, current_app

from server.catalogue.models import FieldDefinition, ServiceDefinition, Step, text_context
from server.catalogue.service import Catalogue
from server.catalogue.texts import missing_translations

BUNDLES_DIR = Path(__file__).resolve().parents[1] / "catalogue" / "bundles"
EXTENSION_KEY = "bundles"
_KEYS = {"id", "version", "life_event", "title", "summary", "description", "services"}


class BundleError(ValueError):
    """A bundle file is broken; the message names the file and the reason."""


@dataclass(frozen=True, slots=True)
class Bundle:
    id: str
    version: int
    life_event: str
    title: str
    summary: str
    services: tuple[str, ...]
    description: str | None = None


@dataclass(frozen=True, slots=True)
class BundleField:
    """One question of a bundle: the field as the first service defines it, and who uses it."""

    service_id: str
    step: Step
    field: FieldDefinition
    used_by: tuple[str, ...]

    @property
    def shared(self) -> bool:
        return len(self.used_by) > 1


def _parse(path: Path, catalogue: Catalogue) -> Bundle:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise BundleError(f"{path.name}: not valid YAML: {error}") from error
    if not isinstance(raw, dict):
        raise BundleError(f"{path.name}: must be a mapping")
    unknown = set(raw) - _KEYS
    if unknown:
        raise BundleError(f"{path.name}: unknown keys {sorted(unknown)}")
    if raw.get("id") != path.stem:
        raise BundleError(f"{path.name}: id must equal the file name {path.stem!r}")
    for key in ("title", "summary", "life_event"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise BundleError(f"{path.name}: {key} must be a non-empty text")
    if raw["life_event"] not in catalogue.reference.life_events:
        raise BundleError(f"{path.name}: life_event {raw['life_event']!r} is not in life_events")
    services = raw.get("services")
    if not isinstance(services, list) or len(services) < 2 or len(set(services)) != len(services):
        raise BundleError(f"{path.name}: services must list two or more different service ids")
    missing = [sid for sid in services if catalogue.get(str(sid)) is None]
    if missing:
        raise BundleError(f"{path.name}: services not in the catalogue: {missing}")
    bundle = Bundle(id=raw["id"], version=int(raw.get("version", 1)),
                    life_event=raw["life_event"], title=raw["title"].strip(),
                    summary=raw["summary"].strip(), services=tuple(map(str, services)),
                    description=raw.get("description"))
    bundle_fields(bundle, catalogue)  # refuses fields named alike with different types
    return bundle


def load_bundles(catalogue: Catalogue, bundles_dir: Path = BUNDLES_DIR) -> dict[str, Bundle]:
    """Every bundle in ``bundles_dir``, validated against ``catalogue`` (BundleError if not)."""
    return {path.stem: _parse(path, catalogue) for path in sorted(bundles_dir.glob("*.yaml"))}


def definitions_of(bundle: Bundle, catalogue: Catalogue) -> list[ServiceDefinition]:
    found = [catalogue.get(sid) for sid in bundle.services]
    return [definition for definition in found if definition is not None]


def bundle_fields(bundle: Bundle, catalogue: Catalogue) -> list[BundleField]:
    """The bundle's questions in order of first appearance, each once."""
    first: dict[str, tuple[str, Step, FieldDefinition]] = {}
    users: dict[str, list[str]] = {}
    for definition in definitions_of(bundle, catalogue):
        for step, field in definition.fields():
            if field.name in first and first[field.name][2].type != field.type:
                raise BundleError(
                    f"{bundle.id}.yaml: field {field.name!r} is {first[field.name][2].type} in "
                    f"{first[field.name][0]} but {field.type} in {definition.id}")
            first.setdefault(field.name, (definition.id, step, field))
            users.setdefault(field.name, []).append(definition.id)
    return [BundleField(sid, step, field, tuple(users[name]))
            for name, (sid, step, field) in first.items()]


def values_for(definition: ServiceDefinition, answers: Mapping[str, Any]
               ) -> dict[str, dict[str, Any]]:
    """The bundle's answers (by field name) laid out by step for one of its services."""
    return {
        step.id: {f.name: answers[f.name] for f in step.fields if f.name in answers}
        for step in definition.steps
    }


def bundle_texts(bundle: Bundle) -> list[tuple[str, str, str]]:
    """(key path, message context, English text) of every text of ``bundle`` people read."""
    entries = [("title", bundle.title), ("summary", bundle.summary)]
    if bundle.description:
        entries.append(("description", bundle.description))
    return [(path, text_context(bundle.id, path), text) for path, text in entries]


def untranslated(bundles: Mapping[str, Bundle]) -> list[str]:
    """"<file>: <path>: no <locale> translation" for each text a locale lacks."""
    return [f"{bundle.id}.yaml: {path}: no {locale} translation of {text!r} (services domain)"
            for bundle in bundles.values()
            for path, locale, text in missing_translations(bundle_texts(bundle), "services")]


def init_app(app: Flask) -> None:
    """Load and check the bundles at start, after the catalogue (whose services they join):
    a broken file, or one without its translations, stops the start."""
    from server.catalogue.service import EXTENSION_KEY as CATALOGUE_KEY

    bundles = load_bundles(app.extensions[CATALOGUE_KEY])
    if app.config["CATALOGUE_REQUIRE_TRANSLATIONS"]:
        problems = untranslated(bundles)
        if problems:
            raise BundleError("\n".join(problems))
    app.extensions[EXTENSION_KEY] = bundles


def current_bundles() -> dict[str, Bundle]:
    """The bundles loaded at app start."""
    bundles: dict[str, Bundle] = current_app.extensions[EXTENSION_KEY]
    return bundles
