"""The citizen's data-access log as they read it: who looked at what, why, and how it went.

Entries keep ids (registry, attributes, purpose, actor, agency); every text is rendered in the
reader's locale when read, so the log follows a change of language like everything else.
"""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from locales.catalogs import translations
from server.catalogue.models import text_context
from server.catalogue.service import current_catalogue
from server.i18n import N_, translate
from server.registries.models import DataAccessEntry
from server.registries.registry import PluginRegistry

OUTCOMES: Final[dict[str, str]] = {
    "ok": N_("Answered"),
    "not_found": N_("No record found"),
    "unavailable": N_("Did not answer in time"),
}
PURPOSES: Final[dict[str, str]] = {
    "application": N_("To prefill your application: %(service)s"),
    "offer": N_("To prepare a service offered to you: %(service)s"),
    "bundle": N_("To prefill your applications: %(service)s"),
    "verification": N_("To verify your application: %(service)s"),
    "registration": N_("To check your name and PINFL when your account was opened"),
}
ACTORS: Final[dict[str, str]] = {
    "citizen": N_("You"),
    "officer": N_("An officer of %(agency)s"),
    "system": N_("Xizmat, after a life event recorded by the state"),
}


def service_or_bundle_title(identifier: str | None, locale: str) -> str:
    """The localized title of a service or bundle id (the id itself if neither is known)."""
    if not identifier:
        return ""
    from server.registries.bundles import current_bundles

    catalog = translations(locale, ("services",))
    definition = current_catalogue().get(identifier)
    if definition is not None:
        return str(catalog.pgettext(text_context(identifier, "title"), definition.title))
    bundle = current_bundles().get(identifier)
    if bundle is not None:
        return str(catalog.pgettext(text_context(identifier, "title"), bundle.title))
    return identifier


def agency_name(agency: str | None, locale: str) -> str:
    if not agency:
        return ""
    item = current_catalogue().reference.agencies.get(agency)
    if item is None:
        return agency
    return reference_name(f"agencies:{agency}.name", item.name, locale)


def reference_name(context: str, source: str, locale: str) -> str:
    """A reference-data name (agency, life event) in ``locale``, by its message context."""
    return str(translations(locale, ("reference",)).pgettext(context, source))


def render_entry(entry: DataAccessEntry, plugins: PluginRegistry, locale: str) -> dict[str, Any]:
    plugin = plugins.get(entry.registry_id)
    title = service_or_bundle_title(entry.service_id, locale)
    agency = agency_name(entry.actor_agency, locale)
    return {
        "id": entry.id,
        "at": entry.at.isoformat(),
        "registry": {
            "id": entry.registry_id,
            "name": translate(plugin.verbose_name, locale) if plugin else entry.registry_id,
        },
        "attributes": [
            {"id": name, "name": translate(plugin.label(name), locale) if plugin else name}
            for name in entry.attributes
        ],
        "outcome": entry.outcome,
        "outcome_text": translate(OUTCOMES.get(entry.outcome, entry.outcome), locale),
        "purpose": {
            "kind": entry.purpose,
            "reference": entry.purpose_ref,
            "service_id": entry.service_id,
            "text": translate(PURPOSES.get(entry.purpose, entry.purpose), locale, service=title),
        },
        "actor": {
            "role": entry.actor_role,
            "agency": {"id": entry.actor_agency, "name": agency} if entry.actor_agency else None,
            "text": translate(ACTORS.get(entry.actor_role, entry.actor_role), locale,
                              agency=agency),
        },
    }


def entries_for(session: Session, pinfl: str, limit: int, before: int | None
                ) -> list[DataAccessEntry]:
    """The newest ``limit`` entries about ``pinfl`` (older than id ``before``, when given)."""
    query = select(DataAccessEntry).where(DataAccessEntry.subject_pinfl == pinfl)
    if before is not None:
        query = query.where(DataAccessEntry.id < before)
    return list(session.scalars(query.order_by(DataAccessEntry.id.desc()).limit(limit)))
