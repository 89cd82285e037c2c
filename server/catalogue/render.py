"""Rendering the catalogue once per locale: JSON bytes and ETags, built at start.

Requests never translate or serialize a definition: they pick prebuilt bytes (see
notes/performance.md).  Texts come from the ``services`` and ``reference`` domains with the
contexts of :func:`server.catalogue.models.text_context`; fees and processing times are
worded by :mod:`server.catalogue.wording`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from locales.catalogs import translations
from server.api import json_bytes
from server.catalogue.conditions import to_source
from server.catalogue.models import (
    FieldDefinition,
    ReferenceData,
    ServiceDefinition,
    Step,
    text_context,
)
from server.catalogue.wording import FeeSettings, fee_document, processing_time

if TYPE_CHECKING:
    from server.catalogue.service import Catalogue

__all__ = ["FeeSettings", "LocaleRendering", "Payload", "field_document", "render_locale"]


@dataclass(frozen=True, slots=True)
class Payload:
    body: bytes
    etag: str

    @classmethod
    def of(cls, document: Any) -> Payload:
        body = json_bytes(document)
        return cls(body, hashlib.blake2b(body, digest_size=12).hexdigest())


@dataclass
class LocaleRendering:
    """Everything the read endpoints send in one locale."""

    locale: str
    order: tuple[str, ...]  # service ids in catalogue order
    summaries: dict[str, bytes]  # service id -> its summary object as JSON
    summary_texts: dict[str, dict[str, Any]]  # service id -> summary document (for search)
    details: dict[str, Payload]
    categories: Payload
    life_events: Payload
    regions: Payload
    version: str  # changes whenever anything in this locale's catalogue changes
    search_texts: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    pages: dict[str, Payload] = field(default_factory=dict)  # filtered pages built so far

    def remember(self, key: str, body: bytes, etag: str) -> None:
        self.pages[key] = Payload(body, etag)


Translate = Callable[[str, str], str]


def render_locale(catalogue: Catalogue, locale: str, fees: FeeSettings) -> LocaleRendering:
    """Every payload of ``locale``: service documents and summaries, listings, regions."""
    services_catalog = translations(locale, ("services",), catalogue.locales_root)
    reference_catalog = translations(locale, ("reference",), catalogue.locales_root)

    def service_text(context: str, english: str) -> str:
        return str(services_catalog.pgettext(context, english))

    def reference_text(context: str, english: str) -> str:
        return str(reference_catalog.pgettext(context, english))

    reference = catalogue.reference
    names = _reference_names(reference, reference_text)
    category_rank = {cid: rank for rank, cid in enumerate(reference.categories)}
    documents = {d.id: _detail(d, locale, fees, service_text, names) for d in catalogue.definitions}
    order = tuple(sorted(
        documents,
        key=lambda sid: (category_rank[documents[sid]["category"]["id"]],
                         documents[sid]["title"].casefold()),
    ))
    summaries = {sid: _summary(documents[sid]) for sid in order}
    rendering = LocaleRendering(
        locale=locale,
        order=order,
        summaries={sid: json_bytes(summary) for sid, summary in summaries.items()},
        summary_texts=summaries,
        details={sid: Payload.of(document) for sid, document in documents.items()},
        categories=Payload.of(_listing(reference.categories, "categories", names, documents)),
        life_events=Payload.of(_listing(reference.life_events, "life_events", names, documents)),
        regions=Payload.of(_regions(reference, names)),
        version="",
        search_texts={sid: _search_texts(documents[sid]) for sid in order},
    )
    digest = hashlib.blake2b(digest_size=12)
    for payload in (rendering.categories, rendering.life_events, *rendering.details.values()):
        digest.update(payload.etag.encode())
    rendering.version = digest.hexdigest()
    return rendering


def _reference_names(reference: ReferenceData, text: Translate) -> dict[str, str]:
    """Localized names (and descriptions) keyed by their reference context."""
    names: dict[str, str] = {}
    for stem, items in (("agencies", reference.agencies), ("categories", reference.categories),
                        ("life_events", reference.life_events)):
        for item in items.values():
            names[f"{stem}:{item.id}.name"] = text(f"{stem}:{item.id}.name", item.name)
            if item.description:
                context = f"{stem}:{item.id}.description"
                names[context] = text(context, item.description)
    for region in reference.regions.values():
        names[f"regions:{region.id}.name"] = text(f"regions:{region.id}.name", region.name)
        for district in region.districts:
            context = f"regions:{region.id}.districts.{district.id}.name"
            names[context] = text(context, district.name)
    return names


def _ref(stem: str, item_id: str, names: Mapping[str, str]) -> dict[str, str]:
    return {"id": item_id, "name": names[f"{stem}:{item_id}.name"]}


def _detail(
    definition: ServiceDefinition, locale: str, fees: FeeSettings, text: Translate,
    names: Mapping[str, str],
) -> dict[str, Any]:
    sid = definition.id

    def own(*path: str) -> str:
        english = _english_at(definition, path)
        return text(text_context(sid, *path), english)

    return {
        "id": sid,
        "version": definition.version,
        "title": own("title"),
        "summary": own("summary"),
        "description": own("description") if definition.description else None,
        "agency": _ref("agencies", definition.agency, names),
        "category": _ref("categories", definition.category, names),
        "life_events": [_ref("life_events", event, names) for event in definition.life_events],
        "fee": _fee_document(definition.fee, locale, fees),
        "processing_days": definition.processing_days,
        "processing_time": _processing_time(definition.processing_days, locale),
        "legal_basis": own("legal_basis"),
        "result": own("result"),
        "requirements": [own("requirements", str(i)) for i in range(len(definition.requirements))],
        "keywords": list(definition.keywords),
        "steps": [_step(definition, step, text) for step in definition.steps],
    }


# Many services share a fee or a processing time: word each once (Babel's number formatting
# dominated rendering a large catalogue).
_fee_document = lru_cache(maxsize=4096)(fee_document)
_processing_time = lru_cache(maxsize=4096)(processing_time)


def _english_at(definition: ServiceDefinition, path: tuple[str, ...]) -> str:
    if path[0] == "requirements":
        return definition.requirements[int(path[1])]
    value = getattr(definition, path[0])
    return str(value)


def _step(definition: ServiceDefinition, step: Step, text: Translate) -> dict[str, Any]:
    base = (definition.id, "steps", step.id)
    return {
        "id": step.id,
        "title": text(text_context(*base, "title"), step.title),
        "fields": [field_document(base, item, text) for item in step.fields],
    }


def field_document(base: tuple[str, ...], item: FieldDefinition, text: Translate
                   ) -> dict[str, Any]:
    """One field in the reader's words; ``base`` is (service id, "steps", step id).

    Also the shape of a bundle's questions (:mod:`server.registries.views`)."""
    path = (*base, "fields", item.name)

    def say(*rest: str, english: str) -> str:
        return text(text_context(*path, *rest), english)

    constraints = {key: (value.isoformat() if hasattr(value, "isoformat") else value)
                   for key, value in item.constraints.items()}
    return {
        "name": item.name,
        "type": item.type,
        "required": item.required,
        "label": say("label", english=item.label),
        "hint": say("hint", english=item.hint) if item.hint else None,
        "spoken": {key: say("spoken", key, english=value) for key, value in item.spoken.items()},
        "prefill": item.prefill,
        "show_if": to_source(item.show_if) if item.show_if is not None else None,
        "constraints": constraints,
        "options": [{"value": option.value,
                     "label": say("options", option.value, "label", english=option.label)}
                    for option in item.options],
    }


def _summary(document: Mapping[str, Any]) -> dict[str, Any]:
    """What a catalogue list shows of a service; the service page has the rest.

    Kept small on purpose: list pages are the most requested bytes (20 summaries a page).
    """
    keys = ("id", "title", "summary", "category", "processing_days", "processing_time")
    summary = {key: document[key] for key in keys}
    summary["fee"] = {key: document["fee"][key] for key in ("kind", "amount", "text")}
    summary["steps"] = len(document["steps"])
    return summary


def _listing(
    items: Mapping[str, Any], stem: str, names: Mapping[str, str],
    documents: Mapping[str, Mapping[str, Any]],
) -> dict[str, Any]:
    key = "category" if stem == "categories" else "life_events"

    def count(item_id: str) -> int:
        if key == "category":
            return sum(1 for d in documents.values() if d["category"]["id"] == item_id)
        return sum(1 for d in documents.values()
                   if any(event["id"] == item_id for event in d["life_events"]))

    return {"items": [
        {"id": item_id, "name": names[f"{stem}:{item_id}.name"],
         "description": names.get(f"{stem}:{item_id}.description"), "services": count(item_id)}
        for item_id in items
    ]}


def _regions(reference: ReferenceData, names: Mapping[str, str]) -> dict[str, Any]:
    return {"items": [
        {"id": region.id, "name": names[f"regions:{region.id}.name"],
         "districts": [
             {"id": d.id, "name": names[f"regions:{region.id}.districts.{d.id}.name"]}
             for d in region.districts
         ]}
        for region in reference.regions.values()
    ]}


def _search_texts(document: Mapping[str, Any]) -> list[tuple[int, str]]:
    """(weight, text) pairs a search in this locale matches, the title weighing most."""
    texts = [(8, document["title"]), (3, document["summary"]), (4, document["result"]),
             (2, document["category"]["name"]), (1, document["agency"]["name"])]
    texts += [(2, event["name"]) for event in document["life_events"]]
    if document["description"]:
        texts.append((1, document["description"]))
    return texts
