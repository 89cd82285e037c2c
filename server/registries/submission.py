"""Making applications without a form per service: a bundle's one submission, and the one
step of an accepted offer.

Each application is made and submitted with the applications part's own building blocks (the
lifecycle's ``submit`` transition, its numbering, due dates and notifications), so it is an
ordinary application with its own agency, status and timeline.  All answers are validated by
the flow engine first; nothing is made unless every service accepts its answers.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from flask import Response
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.api import json_bytes
from server.applications import idempotency
from server.applications.models import Application
from server.applications.submission import check_submission, record_submission
from server.catalogue.models import FieldDefinition, ServiceDefinition
from server.catalogue.service import current_catalogue
from server.errors import Problem
from server.flows.engine import validate_application
from server.i18n import N_
from server.identity.models import User, utc_now
from server.registries.bundles import Bundle, definitions_of, values_for
from server.registries.models import ApplicationGroup, ApplicationGroupMember, Offer
from server.registries.offers import offer_answers
from server.registries.service import Actor, Purpose, as_json, prefill_keys, prefill_sources
from server.write_gate import serialized_writes

INVALID = N_("Some fields need your attention.")


def _validated(definition: ServiceDefinition, answers: Mapping[str, Any], locale: str
               ) -> tuple[dict[str, dict[str, Any]], dict[str, list[str]]]:
    """Clean values by step, and errors by field name (steps flattened: names are unique)."""
    outcome = validate_application(definition, values_for(definition, answers), locale)
    errors: dict[str, list[str]] = {}
    for step_errors in outcome.errors.values():
        for name, messages in step_errors.items():
            bucket = errors.setdefault(name, [])
            bucket += [m for m in messages if m not in bucket]
    return outcome.values_by_step, errors


def _submit(session: Session, user: User, definition: ServiceDefinition,
            values_by_step: dict[str, dict[str, Any]], prefill: dict[str, Any],
            notify_by_sms: bool, locale: str) -> Application:
    """A draft holding the validated answers and their provenance, then submitted by the
    applications part (checked again, numbered, due date, notification)."""
    now = utc_now()
    application = Application(
        id=uuid.uuid4().hex, user_id=user.id, service_id=definition.id,
        service_version=definition.version, agency=definition.agency, status="draft",
        values=values_by_step, prefill=prefill, notify_by_sms=notify_by_sms,
        created_at=now, updated_at=now)
    session.add(application)
    session.flush()
    record_submission(session, application, user, check_submission(application, locale),
                      notify_by_sms)
    return application


def accept_offer(session: Session, user: User, offer: Offer, extra: Mapping[str, Any],
                 notify_by_sms: bool, locale: str) -> Application:
    """Submit the offer's application: its prefilled answers, the event's facts, then ``extra``
    (what the registries could not fill).  422 with field errors leaves the offer pending."""
    definition = current_catalogue().get(offer.service_id)
    if definition is None:
        raise Problem(409, detail=N_("This service is no longer offered."))
    answers = {**offer_answers(offer), **extra}
    values_by_step, errors = _validated(definition, answers, locale)
    if errors:
        raise Problem(422, detail=INVALID, errors=errors)
    session.rollback()  # end the read transaction before taking the write gate
    with serialized_writes(session):
        claimed = session.execute(
            update(Offer).where(Offer.id == offer.id, Offer.status == "pending")
            .values(status="accepted", decided_at=utc_now())
            .execution_options(synchronize_session=False)).rowcount  # type: ignore[attr-defined]
        if claimed == 1:
            application = _submit(session, user, definition, values_by_step, offer.prefill,
                                  notify_by_sms, locale)
            session.execute(update(Offer).where(Offer.id == offer.id)
                            .values(application_id=application.id)
                            .execution_options(synchronize_session=False))
            session.commit()
            session.refresh(offer)
            return application
        session.rollback()
    # Accepted (or declined) by a concurrent request: answer what that one did.
    session.refresh(offer)
    if offer.status == "declined":
        raise Problem(409, detail=N_("This offer was declined."))
    found = session.get(Application, offer.application_id or "")
    if found is None:
        raise Problem(409, detail=N_("This offer is being accepted. Try again."))
    return found


def bundle_sources(bundle: Bundle) -> dict[str, FieldDefinition]:
    """The bundle's questions that a registry answers, by field name (each once)."""
    sources: dict[str, FieldDefinition] = {}
    for definition in definitions_of(bundle, current_catalogue()):
        for name, field in prefill_keys(definition).items():
            sources.setdefault(name, field)
    return sources


def bundle_prefill(session: Session, user: User, bundle: Bundle) -> dict[str, Any]:
    """What the registries hold for the bundle's questions, to show the citizen before they
    submit (looked up again, and logged again, on submission)."""
    values = as_json(prefill_sources(session, bundle_sources(bundle), user.pinfl,
                                     Purpose("bundle", None, bundle.id),
                                     Actor("citizen", user.id)))
    session.commit()
    return values


def submit_bundle(session: Session, user: User, bundle: Bundle, answers: Mapping[str, Any],
                  notify_by_sms: bool, locale: str, render: Any) -> Response | dict[str, Any]:
    """One application per service of ``bundle`` from one set of answers, grouped.

    Registry values fill the questions that have a source (the citizen's own answer wins where
    given).  The lookups are logged and committed first, whatever happens next.  As with a
    single submission, the Idempotency-Key's answer is stored with the effect: a retry gets
    the first answer, and a refused submission can be corrected and sent with the same key.
    """
    key = idempotency.request_key()
    fingerprint = idempotency.request_fingerprint()
    earlier = idempotency.stored(session, user.id, key)
    if earlier is not None:
        return idempotency.replay(earlier, fingerprint)
    definitions = definitions_of(bundle, current_catalogue())
    group_id = uuid.uuid4().hex
    prefilled = prefill_sources(session, bundle_sources(bundle), user.pinfl,
                                Purpose("bundle", group_id, bundle.id), Actor("citizen", user.id))
    session.commit()  # the lookups happened: keep them in the log even if the rest fails

    merged = {name: value.value for name, value in prefilled.items()
              if value.status == "registry"}
    merged.update(answers)
    validated: list[tuple[ServiceDefinition, dict[str, dict[str, Any]]]] = []
    errors: dict[str, list[str]] = {}
    for definition in definitions:
        values_by_step, service_errors = _validated(definition, merged, locale)
        for name, messages in service_errors.items():
            bucket = errors.setdefault(name, [])
            bucket += [m for m in messages if m not in bucket]
        validated.append((definition, values_by_step))
    if errors:
        raise Problem(422, detail=INVALID, errors=errors)

    with serialized_writes(session):  # the write phase: short, one writer at a time on SQLite
        try:
            group = ApplicationGroup(id=group_id, user_id=user.id, bundle_id=bundle.id,
                                     created_at=utc_now())
            session.add(group)
            applications = []
            for definition, values_by_step in validated:
                own = {name: prefilled[name] for name in prefill_keys(definition)
                       if name in prefilled}
                application = _submit(session, user, definition, values_by_step, as_json(own),
                                      notify_by_sms, locale)
                session.add(ApplicationGroupMember(application_id=application.id,
                                                   group_id=group.id, service_id=definition.id))
                applications.append(application)
            body: dict[str, Any] = render(group, applications)
            idempotency.store(session, user.id, key, fingerprint, 201, json_bytes(body))
            session.commit()
        except IntegrityError:  # the same key won by a concurrent request: its answer
            session.rollback()
            winner = idempotency.stored(session, user.id, key)
            if winner is None:
                raise Problem(409, detail=N_("Another request with this Idempotency-Key is in "
                                             "progress. Try again.")) from None
            return idempotency.replay(winner, fingerprint)
    return body
