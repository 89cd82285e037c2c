"""Applications as the API shows them, and the rules of who may see which.

A citizen sees only their own applications and an officer only those of their agency: any
other id answers 404 exactly as an unknown one does, so ids cannot be probed (ASVS 8.2.2).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.applications.lifecycle import (
    NEXT_STEPS,
    OPEN_STATUSES,
    STATUS_NAMES,
    Actor,
    allowed_actions,
)
from server.applications.models import Application, ApplicationEvent
from server.applications.notifications import render_message, service_title
from server.applications.prefill import prefill_draft
from server.applications.records import AnyApplication, AnyEvent, ApplicationRecord
from server.applications.statements import SELECT_APPLICATION
from server.catalogue.models import ServiceDefinition
from server.catalogue.service import current_catalogue
from server.errors import Problem
from server.i18n import N_, translate
from server.identity.models import Person, User, utc_now
from server.prepared import Database, read_first

#: Due dates and "overdue" follow the agencies' calendar.
AGENCY_TIME_ZONE = ZoneInfo("Asia/Tashkent")
NOT_FOUND = N_("There is no such application.")


def agency_today(now: datetime | None = None) -> date:
    return (now or utc_now()).astimezone(AGENCY_TIME_ZONE).date()


def is_overdue(application: AnyApplication, today: date) -> bool:
    return (application.status in OPEN_STATUSES and application.due_date is not None
            and application.due_date < today)


def definition_of(application: AnyApplication) -> ServiceDefinition:
    definition = current_catalogue().get(application.service_id)
    if definition is None:  # a service withdrawn from the catalogue after the draft was made
        raise Problem(409, detail=N_("This service is no longer offered."))
    return definition


def new_draft(session: Session, user: User, service_id: str) -> Application:
    definition = current_catalogue().get(service_id)
    if definition is None:
        raise Problem(422, detail=N_("Some fields need your attention."),
                      errors={"service_id": [N_("There is no such service.")]})
    now = utc_now()
    application = Application(
        id=uuid.uuid4().hex, user_id=user.id, service_id=definition.id,
        service_version=definition.version, agency=definition.agency, status="draft",
        values={}, prefill=prefill_draft(definition, user), notify_by_sms=True,
        created_at=now, updated_at=now,
    )
    session.add(application)
    return application


def owned_application(session: Session, application_id: str, user: User) -> Application:
    application = session.get(Application, application_id[:32])
    if application is None or application.user_id != user.id:
        raise Problem(404, detail=NOT_FOUND)
    return application


def owned_application_row(database: Database, application_id: str, user: Person
                          ) -> ApplicationRecord:
    """:func:`owned_application` for the submit path: one prebuilt select, a plain record.

    The record is in no session (changes to it are not saved): the submission writes with
    its own statements and mirrors them onto the record for the answer.
    """
    row = read_first(database, SELECT_APPLICATION, {"id": application_id[:32]})
    if row is None or row["user_id"] != user.id:
        raise Problem(404, detail=NOT_FOUND)
    return ApplicationRecord(**row)


def agency_application(session: Session, application_id: str, officer: User) -> Application:
    application = session.get(Application, application_id[:32])
    if (application is None or officer.agency is None or application.agency != officer.agency
            or application.status == "draft"):
        raise Problem(404, detail=NOT_FOUND)
    return application


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def summary_json(application: AnyApplication, locale: str, today: date) -> dict[str, Any]:
    return {
        "id": application.id,
        "number": application.number,
        "service_id": application.service_id,
        "service_title": service_title(application.service_id, locale),
        "agency": application.agency,
        "status": application.status,
        "status_name": translate(STATUS_NAMES[application.status], locale),
        "created_at": application.created_at.isoformat(),
        "submitted_at": _iso(application.submitted_at),
        "due_date": _iso(application.due_date),
        "overdue": is_overdue(application, today),
    }


def _note(event: AnyEvent) -> str | None:
    for key in ("question", "reason", "answer"):
        if event.params.get(key):
            return str(event.params[key])
    return None


def application_events(session: Session, application: AnyApplication) -> list[AnyEvent]:
    """The application's events, oldest first: its timeline."""
    return list(session.scalars(
        select(ApplicationEvent).where(ApplicationEvent.application_id == application.id)
        .order_by(ApplicationEvent.id)
    ))


def detail_json(
    application: AnyApplication, events: list[AnyEvent], locale: str, viewer: Actor,
    applicant: User | None = None,
) -> dict[str, Any]:
    """Everything about one application: answers, timeline (``events``), what comes next,
    due date."""
    definition = current_catalogue().get(application.service_id)
    question = next((e.params.get("question") for e in reversed(events)
                     if e.action == "request_info"), None)
    body = summary_json(application, locale, agency_today())
    body.update({
        "values": application.values or {},
        "prefill": application.prefill or {},
        "steps": [step.id for step in definition.steps] if definition else [],
        "timeline": [
            {"at": e.at.isoformat(), "action": e.action, "status": e.to_status,
             "status_name": translate(STATUS_NAMES[e.to_status], locale),
             "actor_role": e.actor_role, "message": render_message(e.message_id, e.params, locale),
             "note": _note(e)}
            for e in events
        ],
        "next": {
            "message": translate(NEXT_STEPS[application.status], locale),
            "actions": allowed_actions(application.status, viewer),
            "question": question if application.status == "needs_info" else None,
        },
        "applicant": None if applicant is None else {
            "id": applicant.id, "full_name": applicant.full_name, "pinfl": applicant.pinfl,
            "phone": applicant.phone},
    })
    return body
