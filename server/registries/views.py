"""JSON shapes of offers, bundles and application groups, rendered in the reader's locale."""

from __future__ import annotations

from typing import Any

from locales.catalogs import translations
from server.applications.models import Application
from server.applications.notifications import render_message
from server.catalogue.models import ServiceDefinition, text_context
from server.catalogue.render import field_document
from server.catalogue.service import Catalogue
from server.registries.access_log import agency_name, reference_name, service_or_bundle_title
from server.registries.bundles import Bundle, BundleField, bundle_fields, definitions_of
from server.registries.models import ApplicationGroup, Offer
from server.registries.offers import OFFER_MESSAGES, offer_answers


def service_json(definition: ServiceDefinition, locale: str) -> dict[str, Any]:
    return {
        "id": definition.id,
        "title": service_or_bundle_title(definition.id, locale),
        "agency": {"id": definition.agency, "name": agency_name(definition.agency, locale)},
        "processing_days": definition.processing_days,
    }


def missing_fields(definition: ServiceDefinition, answers: dict[str, Any]) -> list[str]:
    """Required, unconditional fields without an answer yet (conditional ones are left to
    the flow engine, which knows whether they show)."""
    return [f.name for _, f in definition.fields()
            if f.required and f.show_if is None and f.name not in answers]


def offer_json(offer: Offer, catalogue: Catalogue, locale: str) -> dict[str, Any]:
    definition = catalogue.get(offer.service_id)
    answers = offer_answers(offer)
    return {
        "id": offer.id,
        "status": offer.status,
        "event": offer.event_kind,
        "message": render_message(OFFER_MESSAGES.get(offer.event_kind, ""),
                                  {"service": offer.service_id}, locale),
        "service": service_json(definition, locale) if definition else {"id": offer.service_id},
        "prefill": offer.prefill,
        "facts": offer.facts,
        "missing": missing_fields(definition, answers) if definition else [],
        "application_id": offer.application_id,
        "created_at": offer.created_at.isoformat(),
    }


#: What a bundle shows of each question, of the catalogue's field document.
_BUNDLE_FIELD_KEYS = ("name", "type", "required", "label", "hint", "prefill", "options",
                      "constraints")


def _field_json(item: BundleField, locale: str) -> dict[str, Any]:
    catalog = translations(locale, ("services",))

    def text(context: str, english: str) -> str:
        return str(catalog.pgettext(context, english))

    document = field_document((item.service_id, "steps", item.step.id), item.field, text)
    return {**{key: document[key] for key in _BUNDLE_FIELD_KEYS},
            "shared": item.shared, "services": list(item.used_by)}


def bundle_json(bundle: Bundle, catalogue: Catalogue, locale: str, detail: bool
                ) -> dict[str, Any]:
    catalog = translations(locale, ("services",))
    life_event = catalogue.reference.life_events.get(bundle.life_event)
    body: dict[str, Any] = {
        "id": bundle.id,
        "title": catalog.pgettext(text_context(bundle.id, "title"), bundle.title),
        "summary": catalog.pgettext(text_context(bundle.id, "summary"), bundle.summary),
        "life_event": {
            "id": bundle.life_event,
            "name": reference_name(f"life_events:{bundle.life_event}.name", life_event.name,
                                   locale) if life_event else bundle.life_event,
        },
        "services": [service_json(d, locale) for d in definitions_of(bundle, catalogue)],
    }
    if detail:
        items = bundle_fields(bundle, catalogue)
        body["fields"] = [_field_json(item, locale) for item in items]
        body["prefilled_fields"] = sum(1 for item in items if item.field.prefill)
    return body


def group_json(group: ApplicationGroup, applications: list[Application], locale: str
               ) -> dict[str, Any]:
    return {
        "id": group.id,
        "bundle": {"id": group.bundle_id,
                   "title": service_or_bundle_title(group.bundle_id, locale)},
        "created_at": group.created_at.isoformat(),
        "applications": [
            {"id": a.id, "service_id": a.service_id,
             "title": service_or_bundle_title(a.service_id, locale),
             "agency": {"id": a.agency, "name": agency_name(a.agency, locale)},
             "status": a.status, "number": a.number}
            for a in applications
        ],
    }
