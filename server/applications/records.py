"""Plain snapshots of rows, for the submission path that reads and writes without the ORM.

Building an ORM object costs some 30 µs (instrumented attributes, instance state); the
submission reads one application and writes an event and a notification, then only reads
them back to answer and to notify.  These dataclasses carry the same fields as the mapped
classes (tests/accounts/test_submission_rows.py checks that they stay in step), so code that
only reads an application, an event or a notification takes either kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from server.applications.models import Application, ApplicationEvent, Notification


@dataclass(slots=True)
class ApplicationRecord:
    """An application row as read; the submission mirrors what it writes onto it."""

    id: str
    user_id: int
    service_id: str
    service_version: int
    agency: str
    status: str
    values: dict[str, Any]
    prefill: dict[str, Any]
    number: str | None
    notify_by_sms: bool
    submitted_at: datetime | None
    due_date: date | None
    officer_id: int | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class EventRecord:
    """A lifecycle event as written (see :class:`ApplicationEvent`)."""

    id: int
    application_id: str
    at: datetime
    actor_id: int
    actor_role: str
    action: str
    from_status: str
    to_status: str
    message_id: str
    params: dict[str, Any]


@dataclass(frozen=True, slots=True)
class NotificationRecord:
    """A notification as written (see :class:`Notification`), before anyone has read it."""

    id: int
    user_id: int
    application_id: str | None
    event_id: int | None
    message_id: str
    params: dict[str, Any]
    created_at: datetime
    read_at: datetime | None = None


#: What code that only reads may be given.
AnyApplication = Application | ApplicationRecord
AnyEvent = ApplicationEvent | EventRecord
AnyNotification = Notification | NotificationRecord
