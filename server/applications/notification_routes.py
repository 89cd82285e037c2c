"""``/api/v1/me/notifications``: what happened to my applications, in my language now."""

from __future__ import annotations

from typing import Any

from flask import Response
from marshmallow import RAISE
from sqlalchemy import func, select, update

from server.applications.blueprint import SECURITY, blp
from server.applications.models import Notification
from server.applications.notifications import render_message
from server.applications.responses import json_response
from server.applications.schemas import (
    NotificationPageSchema,
    NotificationQuerySchema,
    NotificationSchema,
)
from server.db import get_session
from server.errors import Problem
from server.i18n import N_, current_locale
from server.identity.auth import current_user, require_user
from server.identity.models import utc_now


def notification_json(notification: Notification, locale: str) -> dict[str, Any]:
    return {
        "id": notification.id,
        "application_id": notification.application_id,
        "offer_id": (notification.params or {}).get("offer"),
        "message": render_message(notification.message_id, notification.params, locale),
        "created_at": notification.created_at.isoformat(),
        "read": notification.read_at is not None,
    }


@blp.route("/me/notifications", methods=["GET"])
@blp.doc(security=SECURITY)
@blp.arguments(NotificationQuerySchema, location="query", unknown=RAISE)
@blp.response(200, NotificationPageSchema)
@require_user()
def list_notifications(query: dict[str, Any]) -> Response:
    """My notifications, newest first, rendered in the request's language."""
    session = get_session()
    mine = Notification.user_id == current_user().id
    filters = [mine]
    if query.get("unread") is True:
        filters.append(Notification.read_at.is_(None))
    elif query.get("unread") is False:
        filters.append(Notification.read_at.is_not(None))

    def count(*conditions: Any) -> int:
        return session.scalar(select(func.count()).select_from(Notification)
                              .where(*conditions)) or 0

    rows = session.scalars(
        select(Notification).where(*filters).order_by(Notification.id.desc())
        .limit(query["per_page"]).offset((query["page"] - 1) * query["per_page"])
    )
    locale = current_locale()
    return json_response({
        "items": [notification_json(n, locale) for n in rows], "page": query["page"],
        "per_page": query["per_page"], "total": count(*filters),
        "unread": count(mine, Notification.read_at.is_(None)),
    })


@blp.route("/me/notifications/<int:notification_id>/read", methods=["POST"])
@blp.doc(security=SECURITY)
@blp.response(200, NotificationSchema)
@require_user()
def mark_read(notification_id: int) -> Response:
    """Mark one notification as read."""
    session = get_session()
    # Ids beyond the integer column's range cannot exist (and would overflow the driver).
    in_range = 0 < notification_id < 2**31
    notification = session.get(Notification, notification_id) if in_range else None
    if notification is None or notification.user_id != current_user().id:
        raise Problem(404, detail=N_("There is no such notification."))
    if notification.read_at is None:
        notification.read_at = utc_now()
        session.commit()
    return json_response(notification_json(notification, current_locale()))


@blp.route("/me/notifications/read", methods=["POST"])
@blp.doc(security=SECURITY)
@blp.response(204)
@require_user()
def mark_all_read() -> Response:
    """Mark every notification as read."""
    session = get_session()
    session.execute(update(Notification).where(
        Notification.user_id == current_user().id, Notification.read_at.is_(None)
    ).values(read_at=utc_now()).execution_options(synchronize_session=False))
    session.commit()
    return Response(status=204)
