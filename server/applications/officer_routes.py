"""The officers' back office: their agency's applications, and the decisions on them.

An officer sees submitted applications of their own agency only (drafts stay private); any
other id is 404.  Decisions are audited.
"""

from __future__ import annotations

from typing import Any

from flask import Response
from marshmallow import RAISE
from sqlalchemy import func, select

from server.applications import submission
from server.applications.blueprint import SECURITY, blp
from server.applications.lifecycle import OPEN_STATUSES
from server.applications.models import Application
from server.applications.responses import json_response
from server.applications.schemas import (
    ApplicationPageSchema,
    ApplicationSchema,
    OfficerListQuerySchema,
    QuestionSchema,
    ReasonSchema,
)
from server.applications.service import (
    agency_application,
    agency_today,
    application_events,
    detail_json,
    summary_json,
)
from server.db import get_session
from server.i18n import current_locale
from server.identity import audit
from server.identity.auth import client_address, current_user, require_user
from server.identity.models import User


def _officer_detail(application: Application) -> Response:
    session = get_session()
    applicant = session.get(User, application.user_id)
    return json_response(detail_json(application, application_events(session, application),
                                     current_locale(), "officer", applicant=applicant))


@blp.route("/officer/applications", methods=["GET"])
@blp.doc(security=SECURITY)
@blp.arguments(OfficerListQuerySchema, location="query", unknown=RAISE)
@blp.response(200, ApplicationPageSchema)
@require_user("officer")
def officer_list(query: dict[str, Any]) -> Response:
    """My agency's applications, oldest due first; filter by status or overdue."""
    session = get_session()
    today = agency_today()
    filters = [Application.agency == current_user().agency, Application.status != "draft"]
    if "status" in query:
        filters.append(Application.status == query["status"])
    if query.get("overdue") is True:
        filters += [Application.status.in_(OPEN_STATUSES), Application.due_date < today]
    elif query.get("overdue") is False:
        filters.append(~(Application.status.in_(OPEN_STATUSES) & (Application.due_date < today)))
    total = session.scalar(select(func.count()).select_from(Application).where(*filters)) or 0
    rows = session.scalars(
        select(Application).where(*filters)
        .order_by(Application.due_date, Application.submitted_at, Application.id)
        .limit(query["per_page"]).offset((query["page"] - 1) * query["per_page"])
    )
    locale = current_locale()
    return json_response({"items": [summary_json(a, locale, today) for a in rows],
                          "page": query["page"], "per_page": query["per_page"], "total": total})


@blp.route("/officer/applications/<application_id>", methods=["GET"])
@blp.doc(security=SECURITY)
@blp.response(200, ApplicationSchema)
@require_user("officer")
def officer_read(application_id: str) -> Response:
    """One application of my agency, with the applicant's details."""
    return _officer_detail(agency_application(get_session(), application_id, current_user()))


def _decide(application_id: str, action: str, params: dict[str, Any] | None = None) -> Response:
    session = get_session()
    officer = current_user()
    application = agency_application(session, application_id, officer)
    submission.move(session, application, action, officer, params)
    if action != "take":
        audit.record(session, "decision", user_id=application.user_id, actor_id=officer.id,
                     address=client_address(), action=action, application=application.id)
    session.commit()
    return _officer_detail(application)


@blp.route("/officer/applications/<application_id>/take", methods=["POST"])
@blp.doc(security=SECURITY)
@blp.response(200, ApplicationSchema)
@require_user("officer")
def officer_take(application_id: str) -> Response:
    """Take a submitted application for review."""
    return _decide(application_id, "take")


@blp.route("/officer/applications/<application_id>/request-info", methods=["POST"])
@blp.doc(security=SECURITY)
@blp.arguments(QuestionSchema)
@blp.response(200, ApplicationSchema)
@require_user("officer")
def officer_request_info(data: dict[str, Any], application_id: str) -> Response:
    """Ask the citizen a question; the application waits for the answer."""
    return _decide(application_id, "request_info", {"question": data["question"]})


@blp.route("/officer/applications/<application_id>/approve", methods=["POST"])
@blp.doc(security=SECURITY)
@blp.response(200, ApplicationSchema)
@require_user("officer")
def officer_approve(application_id: str) -> Response:
    """Approve the application."""
    return _decide(application_id, "approve")


@blp.route("/officer/applications/<application_id>/reject", methods=["POST"])
@blp.doc(security=SECURITY)
@blp.arguments(ReasonSchema)
@blp.response(200, ApplicationSchema)
@require_user("officer")
def officer_reject(data: dict[str, Any], application_id: str) -> Response:
    """Reject the application; the reason is shown to the citizen."""
    return _decide(application_id, "reject", {"reason": data["reason"]})


@blp.route("/officer/applications/<application_id>/issue", methods=["POST"])
@blp.doc(security=SECURITY)
@blp.response(200, ApplicationSchema)
@require_user("officer")
def officer_issue(application_id: str) -> Response:
    """Record that the result has been issued."""
    return _decide(application_id, "issue")
