"""Saving steps, submitting, and the other moves a citizen or an officer makes.

Every move goes through :func:`server.applications.lifecycle.transition` and ends in a
notification to the citizen, in the same transaction: either all of it happens or none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from server.applications.lifecycle import EDITABLE_STATUSES, transition
from server.applications.models import Application
from server.applications.notifications import notify
from server.applications.numbering import next_number
from server.applications.records import AnyApplication, EventRecord
from server.applications.service import agency_today, definition_of
from server.applications.workdays import add_working_days
from server.errors import Problem
from server.flows.engine import validate_application, validate_step
from server.i18n import N_
from server.identity.models import Person, User, utc_now
from server.prepared import Database

INVALID = N_("Some fields need your attention.")


def save_step(
    application: Application, step_id: str, data: Mapping[str, Any], locale: str
) -> None:
    """Validate one step with the flow engine and keep its clean values (nothing on error)."""
    if application.status not in EDITABLE_STATUSES:
        raise Problem(409, detail=N_("The answers can no longer be changed."))
    definition = definition_of(application)
    step = definition.step(step_id)
    if step is None:
        raise Problem(404, detail=N_("This service has no such step."))
    earlier: dict[str, Any] = {}
    for previous in definition.steps:
        if previous.id == step_id:
            break
        earlier.update((application.values or {}).get(previous.id, {}))
    outcome = validate_step(definition, step_id, data, locale, earlier)
    if outcome.errors:
        raise Problem(422, detail=INVALID, errors=outcome.errors)
    application.values = {**(application.values or {}), step_id: outcome.values}
    application.updated_at = utc_now()


def validate_whole(application: AnyApplication, locale: str) -> dict[str, Any]:
    """The whole application checked again; 422 with ``step.field`` errors when it fails."""
    outcome = validate_application(definition_of(application), application.values or {}, locale)
    if outcome.errors:
        errors = {f"{step}.{name}": messages for step, fields in outcome.errors.items()
                  for name, messages in fields.items()}
        raise Problem(422, detail=N_("The application is not complete yet."), errors=errors)
    return outcome.values_by_step


@dataclass(frozen=True, slots=True)
class CheckedSubmission:
    values: dict[str, Any]
    due_date: date
    year: int


def check_submission(application: AnyApplication, locale: str) -> CheckedSubmission:
    """Everything a submission needs that only reads: run before the write phase."""
    if application.status != "draft":
        raise Problem(409, detail=N_("This application has already been submitted."))
    values = validate_whole(application, locale)
    today = agency_today()
    due = add_working_days(today, definition_of(application).processing_days)
    return CheckedSubmission(values, due, today.year)


def record_submission(
    database: Database, application: AnyApplication, citizen: Person, checked: CheckedSubmission,
    notify_by_sms: bool,
) -> EventRecord:
    """The write phase of a submission: numbered, due date set, citizen notified.

    Raises :class:`TransitionConflictError` when the draft was submitted meanwhile.
    """
    now = utc_now()
    number = next_number(database, checked.year)
    event = transition(database, application, "submit", actor_id=citizen.id,
                       actor_role=citizen.role, now=now,
                       params={"number": number, "due_date": checked.due_date.isoformat()},
                       changes={"values": checked.values, "submitted_at": now,
                                "due_date": checked.due_date, "number": number,
                                "notify_by_sms": notify_by_sms})
    notify(database, event, application, citizen)
    return event


def submit(
    session: Session, application: Application, citizen: Person, notify_by_sms: bool,
    locale: str,
) -> EventRecord:
    """Check and record a submission in the caller's transaction (both phases at once)."""
    checked = check_submission(application, locale)
    return record_submission(session, application, citizen, checked, notify_by_sms)


def answer(
    session: Session, application: Application, citizen: User, text: str, locale: str
) -> EventRecord:
    """The citizen answers the officer's question; the application goes back to the agency."""
    if application.status == "needs_info":
        values = validate_whole(application, locale)
    else:
        values = application.values
    event = transition(session, application, "answer", actor_id=citizen.id,
                       actor_role=citizen.role, now=utc_now(), params={"answer": text.strip()},
                       changes={"values": values})
    notify(session, event, application, citizen)
    return event


def move(
    session: Session, application: Application, action: str, actor: User,
    params: Mapping[str, Any] | None = None,
) -> EventRecord:
    """Any other move (take, request_info, approve, reject, issue, withdraw)."""
    cleaned = {name: str(value).strip() for name, value in (params or {}).items()}
    changes = {"officer_id": actor.id} if action == "take" else None
    event = transition(session, application, action, actor_id=actor.id, actor_role=actor.role,
                       now=utc_now(), params=cleaned, changes=changes)
    owner = session.get(User, application.user_id)
    if owner is not None:
        notify(session, event, application, owner)
    return event
