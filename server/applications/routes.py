"""The citizen's applications: drafts, steps, submission, answers, withdrawal."""

from __future__ import annotations

from typing import Any

from flask import Response
from marshmallow import RAISE
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.applications import idempotency, notification_routes, officer_routes, submission
from server.applications.blueprint import SECURITY, blp
from server.applications.lifecycle import TransitionConflictError
from server.applications.models import Application
from server.applications.responses import json_response
from server.applications.schemas import (
    AnswerSchema,
    ApplicationPageSchema,
    ApplicationSchema,
    CreateApplicationSchema,
    ListQuerySchema,
    StepValuesSchema,
    SubmitSchema,
)
from server.applications.service import (
    agency_today,
    application_events,
    detail_json,
    new_draft,
    owned_application,
    owned_application_row,
    summary_json,
)
from server.db import get_connection, get_session, transaction
from server.errors import Problem
from server.i18n import N_, current_locale
from server.identity.auth import current_account, current_user, require_user
from server.registries.service import group_ids
from server.write_gate import serialized_writes

__all__ = ["blp", "notification_routes", "officer_routes"]

IDEMPOTENCY_PARAMETER = {
    "in": "header", "name": idempotency.HEADER, "required": True,
    "schema": {"type": "string", "maxLength": idempotency.MAX_KEY_LENGTH},
    "description": "A new random key per submission; a retry repeats the same key",
}


def _detail(application: Application, status: int = 200) -> Response:
    events = application_events(get_session(), application)
    return json_response(detail_json(application, events, current_locale(), "owner"), status)


@blp.route("/applications", methods=["POST"])
@blp.doc(security=SECURITY)
@blp.arguments(CreateApplicationSchema)
@blp.response(201, ApplicationSchema)
@require_user("citizen")
def create_application(data: dict[str, Any]) -> Response:
    """Start a draft for a service (prefilled where the state already holds the data)."""
    session = get_session()
    application = new_draft(session, current_user(), data["service_id"])
    session.commit()
    return _detail(application, 201)


@blp.route("/applications", methods=["GET"])
@blp.doc(security=SECURITY)
@blp.arguments(ListQuerySchema, location="query", unknown=RAISE)
@blp.response(200, ApplicationPageSchema)
@require_user("citizen")
def list_applications(query: dict[str, Any]) -> Response:
    """My applications, newest first, optionally of one status."""
    session = get_session()
    condition = Application.user_id == current_user().id
    filters = [condition] + ([Application.status == query["status"]] if "status" in query else [])
    total = session.scalar(select(func.count()).select_from(Application).where(*filters)) or 0
    rows = session.scalars(
        select(Application).where(*filters)
        .order_by(Application.created_at.desc(), Application.id)
        .limit(query["per_page"]).offset((query["page"] - 1) * query["per_page"])
    )
    locale, today = current_locale(), agency_today()
    found = list(rows)
    groups = group_ids(session, [a.id for a in found])  # applications made by one bundle
    return json_response({"items": [{**summary_json(a, locale, today), "group_id": groups.get(a.id)}
                                    for a in found],
                          "page": query["page"], "per_page": query["per_page"], "total": total})


@blp.route("/applications/<application_id>", methods=["GET"])
@blp.doc(security=SECURITY)
@blp.response(200, ApplicationSchema)
@require_user("citizen")
def read_application(application_id: str) -> Response:
    """One of my applications: answers, timeline, what comes next, due date."""
    return _detail(owned_application(get_session(), application_id, current_user()))


@blp.route("/applications/<application_id>/steps/<step_id>", methods=["PUT"])
@blp.doc(security=SECURITY)
@blp.arguments(StepValuesSchema)
@blp.response(200, ApplicationSchema)
@require_user("citizen")
def save_step(data: dict[str, Any], application_id: str, step_id: str) -> Response:
    """Check one step's answers and save them (422 with field errors; nothing saved then)."""
    session = get_session()
    application = owned_application(session, application_id, current_user())
    submission.save_step(application, step_id, data["values"], current_locale())
    session.commit()
    return _detail(application)


@blp.route("/applications/<application_id>/submit", methods=["POST"])
@blp.doc(security=SECURITY, parameters=[IDEMPOTENCY_PARAMETER])
@blp.arguments(SubmitSchema())  # an instance: webargs would build one per request from a class
@blp.response(200, ApplicationSchema)
@require_user("citizen")
def submit_application(data: dict[str, Any], application_id: str) -> Response:
    """Submit a draft.  Requires an Idempotency-Key: a retry gets the first answer."""
    key = idempotency.request_key()
    if not data["declaration"]:
        raise Problem(422, detail=N_("Some fields need your attention."), errors={
            "declaration": [N_("Confirm that your answers are true to submit.")]})
    # No Session and no ORM object: the submission reads and writes with prebuilt statements
    # on the request's connection (server/prepared.py).
    connection = get_connection()
    citizen = current_account()
    fingerprint = idempotency.request_fingerprint()
    locale = current_locale()
    # Read phase: nothing written yet, so other writers are not held up by it.
    application = owned_application_row(connection, application_id, citizen)
    if application.status != "draft":  # a retry, or a second submission
        return _replay_or_conflict(get_session(), citizen.id, key, fingerprint)
    checked = submission.check_submission(application, locale)
    # Write phase: short, one transaction, one writer at a time on SQLite.
    try:
        with serialized_writes(connection), transaction(connection):
            event = submission.record_submission(connection, application, citizen, checked,
                                                 data["notify_by_sms"])
            response = json_response(detail_json(application, [event], locale, "owner"))
            idempotency.store(connection, citizen.id, key, fingerprint, response.status_code,
                              response.get_data())
    except (TransitionConflictError, IntegrityError):  # rolled back as the block ended
        return _replay_or_conflict(get_session(), citizen.id, key, fingerprint)
    return response


def _replay_or_conflict(session: Session, user_id: int, key: str, fingerprint: str
                        ) -> Response:
    """The stored answer of this key (a retry), or 409: submitted under another key."""
    earlier = idempotency.stored(session, user_id, key)
    if earlier is None:
        raise Problem(409, detail=N_("This application has already been submitted."))
    return idempotency.replay(earlier, fingerprint)


@blp.route("/applications/<application_id>/answer", methods=["POST"])
@blp.doc(security=SECURITY)
@blp.arguments(AnswerSchema)
@blp.response(200, ApplicationSchema)
@require_user("citizen")
def answer_question(data: dict[str, Any], application_id: str) -> Response:
    """Answer the officer's question (after changing any answers the question was about)."""
    session = get_session()
    application = owned_application(session, application_id, current_user())
    submission.answer(session, application, current_user(), data["answer"], current_locale())
    session.commit()
    return _detail(application)


@blp.route("/applications/<application_id>/withdraw", methods=["POST"])
@blp.doc(security=SECURITY)
@blp.response(200, ApplicationSchema)
@require_user("citizen")
def withdraw_application(application_id: str) -> Response:
    """Withdraw a submitted application before the agency decides."""
    session = get_session()
    application = owned_application(session, application_id, current_user())
    submission.move(session, application, "withdraw", current_user())
    session.commit()
    return _detail(application)
