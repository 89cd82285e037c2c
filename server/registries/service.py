"""The registries domain's public API: lookups that are always logged, prefill, name checks.

Everything that reads a registry about a person goes through :func:`lookup`, which records the
lookup in that person's data-access log in the caller's session (the caller commits, as with
any request work).  Other parts use these functions and never the HTTP clients directly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.applications.prefill import PrefilledValue
from server.catalogue.models import FieldDefinition, ServiceDefinition
from server.errors import Problem
from server.i18n import N_
from server.registries.config import load_registry_settings
from server.registries.hub import RegistryAnswer, RegistryHub
from server.registries.models import ApplicationGroupMember, DataAccessEntry
from server.registries.registry import PluginRegistry, registry

HUB_KEY = "registries"
#: ``app.extensions`` key of the registration hook: ``check(session, pinfl, full_name)``
#: raises a Problem when the civil registry does not know the person (see
#: :func:`require_known_citizen`); absent when the check is off.
REGISTRATION_CHECK = "registration_check"


@dataclass(frozen=True)
class Purpose:
    """Why a lookup happens: ``kind`` is application, offer, registration, bundle or
    verification; ``reference`` the application, offer or group id when there is one."""

    kind: str
    reference: str | None = None
    service_id: str | None = None

    @classmethod
    def parse(cls, text: str, service_id: str | None = None) -> Purpose:
        """``"application:<ref>"`` (the prefill seam's form) -> Purpose."""
        kind, _, reference = text.partition(":")
        if reference == service_id:  # the seam names the service when no id exists yet
            reference = ""
        return cls(kind or "application", reference or None, service_id)


@dataclass(frozen=True)
class Actor:
    """Who looks: the citizen themself, an officer (with their agency), or the system."""

    role: str
    user_id: int | None = None
    agency: str | None = None


SYSTEM = Actor("system")


def init_app(app: Flask, plugins: PluginRegistry | None = None) -> None:
    """Connect the app to the configured registries, install the prefill provider and the
    registration check, load the bundles and add ``flask registries``.

    Runs after the catalogue's own ``init_app`` (bundles refer to its services).
    """
    import server.registries.plugins  # noqa: F401 - registers the shipped plugins
    from server.registries import bundles
    from server.registries.cli import registries_cli
    from server.registries.prefill import RegistryPrefillProvider

    chosen = plugins or registry
    settings = load_registry_settings(app.config, chosen.ids())
    app.extensions[HUB_KEY] = RegistryHub(settings, chosen)
    if settings.enabled:
        app.extensions["prefill_provider"] = RegistryPrefillProvider()
    if settings.check_registration:
        app.extensions[REGISTRATION_CHECK] = require_known_citizen
    bundles.init_app(app)
    app.cli.add_command(registries_cli)


def hub(app: Flask | None = None) -> RegistryHub:
    found: RegistryHub = (app or current_app).extensions[HUB_KEY]
    return found


def wanted_by_registry(prefill_keys: Iterable[str]) -> dict[str, set[str]]:
    """``["civil.full_name", "address.region"]`` -> ``{"civil": {"full_name"}, ...}``."""
    wanted: dict[str, set[str]] = {}
    for key in prefill_keys:
        registry_id, _, attribute = key.partition(".")
        wanted.setdefault(registry_id, set()).add(attribute)
    return wanted


def lookup(session: Session, pinfl: str, wanted: Mapping[str, set[str]], purpose: Purpose,
           actor: Actor) -> dict[str, RegistryAnswer]:
    """Ask the registries in ``wanted`` about ``pinfl`` and log every lookup, whatever its outcome.

    Never raises for a registry's failure and returns within the adapter's timeout.
    """
    if not wanted:
        return {}
    answers = hub().lookup(pinfl, wanted)
    for answer in answers.values():
        session.add(DataAccessEntry(
            subject_pinfl=pinfl, registry_id=answer.registry, attributes=list(answer.attributes),
            outcome=answer.outcome, purpose=purpose.kind, purpose_ref=purpose.reference,
            service_id=purpose.service_id, actor_role=actor.role, actor_id=actor.user_id,
            actor_agency=actor.agency, at=answer.fetched_at))
    return answers


def prefill_values(session: Session, definition: ServiceDefinition, pinfl: str,
                   purpose: Purpose, actor: Actor) -> dict[str, PrefilledValue]:
    """Values for the fields of ``definition`` with a ``prefill`` source, by field name."""
    return prefill_sources(session, prefill_keys(definition), pinfl, purpose, actor)


def prefill_keys(definition: ServiceDefinition) -> dict[str, FieldDefinition]:
    """Field name -> field, for the fields whose prefill source a plugin provides."""
    return {f.name: f for _, f in definition.fields()
            if f.prefill and hub().plugins.knows(f.prefill)}


def prefill_sources(session: Session, fields: Mapping[str, FieldDefinition], pinfl: str,
                    purpose: Purpose, actor: Actor) -> dict[str, PrefilledValue]:
    """Look up the ``prefill`` sources of ``fields`` (by name) about ``pinfl``, logged.

    A registry that answered gives status "registry" (an attribute it holds no value for is
    left out: the field stays an ordinary input); one that did not answer, or has no record,
    gives value None with status "verify_by_officer", so the citizen types it and the officer
    checks it.  With the registries off (no URL configured) nothing is looked up.
    """
    if not hub().settings.enabled:
        return {}
    sources = {name: str(field.prefill) for name, field in fields.items()}
    answers = lookup(session, pinfl, wanted_by_registry(sources.values()), purpose, actor)
    values: dict[str, PrefilledValue] = {}
    for name, source in sources.items():
        registry_id, _, attribute = source.partition(".")
        answer = answers[registry_id]
        if answer.outcome != "ok":
            values[name] = PrefilledValue(None, source, answer.fetched_at, "verify_by_officer")
            continue
        value = hub().plugins[registry_id].for_field(
            attribute, answer.values.get(attribute), fields[name].type)
        if value not in (None, "", []):
            values[name] = PrefilledValue(value, source, answer.fetched_at, "registry")
    return values


def _name_tokens(name: str) -> list[str]:
    # Apostrophe look-alikes (ʻ ʼ ' ‘ ’ `) all count as one: people type whichever they have.
    folded = unicodedata.normalize("NFKC", name).casefold()
    folded = re.sub(r"[ʻʼ'‘’`]", "'", folded)
    return re.findall(r"[\w']+", folded)


def names_match(registered: str, typed: str) -> bool:
    """True when ``typed`` holds the registered surname and given name, in either order.

    The patronymic may be left out, case and apostrophe variants do not matter.
    """
    registered_tokens, typed_tokens = _name_tokens(registered), set(_name_tokens(typed))
    return len(registered_tokens) >= 2 and set(registered_tokens[:2]) <= typed_tokens


@dataclass(frozen=True)
class CivilCheck:
    """The registration check: ``outcome`` is "match", "mismatch", "not_found" or
    "unavailable" (the civil registry did not answer in time)."""

    outcome: str


def check_citizen(session: Session, pinfl: str, full_name: str) -> CivilCheck | None:
    """Check that ``pinfl`` exists in the civil registry under ``full_name`` (logged).

    Returns None when the check is turned off (no civil registry configured, or
    ``XIZMAT_REGISTRY_CHECK_REGISTRATION=off``).
    """
    if current_app.extensions.get(HUB_KEY) is None or not hub().settings.check_registration:
        return None
    answer = lookup(session, pinfl, {"civil": {"full_name"}}, Purpose("registration"),
                    Actor("citizen"))["civil"]
    if answer.outcome != "ok":
        return CivilCheck(answer.outcome)
    registered = str(answer.values.get("full_name") or "")
    return CivilCheck("match" if names_match(registered, full_name) else "mismatch")


def require_known_citizen(session: Session, pinfl: str, full_name: str) -> None:
    """The registration hook: raise a localized Problem unless the civil registry knows
    ``pinfl`` under ``full_name``.  Does nothing when the check is off (see :mod:`config`).

    422 (field errors on ``pinfl`` / ``full_name``) for an unknown PINFL or another name;
    503 with Retry-After when the civil registry does not answer: an account is not opened
    unchecked, and the citizen is told to try again shortly.
    """
    check = check_citizen(session, pinfl, full_name)
    if check is None or check.outcome == "match":
        return
    # Keep the failed lookup in the log (the error answer rolls the session back): a stranger
    # trying someone's PINFL is exactly what that person should see.
    session.commit()
    if check.outcome == "not_found":
        raise Problem(422, errors={"pinfl": [N_("The civil registry has no person with this "
                                               "PINFL. Check the number on your ID card.")]})
    if check.outcome == "mismatch":
        raise Problem(422, errors={"full_name": [N_("The name does not match the civil "
                                                   "registry. Write it as on your ID card.")]})
    raise Problem(503, detail=N_("We could not check your details with the civil registry "
                                 "just now. Try again in a minute."),
                  headers={"Retry-After": "60"})


def group_ids(session: Session, application_ids: Iterable[str]) -> dict[str, str]:
    """Application id -> the id of the bundle submission that made it (only those that one
    did), so the citizen's list can show applications made together as a group."""
    wanted = list(application_ids)
    if not wanted:
        return {}
    rows = session.execute(select(ApplicationGroupMember.application_id,
                                  ApplicationGroupMember.group_id)
                           .where(ApplicationGroupMember.application_id.in_(wanted)))
    return {application_id: group_id for application_id, group_id in rows}


def as_json(values: Mapping[str, PrefilledValue]) -> dict[str, dict[str, Any]]:
    return {name: value.to_json() for name, value in values.items()}
