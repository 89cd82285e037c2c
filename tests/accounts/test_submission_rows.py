"""What a submission writes, read back through the ORM and the API, on SQLite and PostgreSQL.

The submission's rows are written with statements run straight on the driver
(server/prepared.py); these checks hold it to what SQLAlchemy itself would store:
aware UTC times, dates, JSON parameters, the SMS text, and the answer kept for retries.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.applications.models import (
    Application,
    ApplicationEvent,
    IdempotencyRecord,
    Notification,
    SmsOutboxMessage,
)
from server.applications.records import ApplicationRecord, EventRecord, NotificationRecord
from server.applications.statements import INSERT_IDEMPOTENCY
from server.db import Base, session_factory
from server.prepared import write
from tests.accounts.conftest import complete_draft, register, submit


def check_rows_read_back(app: Flask) -> None:
    person = register(app.test_client())
    application_id = complete_draft(person)
    answer = submit(person, application_id, key="rows-1")
    assert answer.status_code == 200
    body = answer.get_json()
    with app.app_context(), session_factory(app)() as session:
        application = session.get(Application, application_id)
        assert application is not None and application.status == "submitted"
        assert application.number == body["number"]
        assert application.due_date == date.fromisoformat(body["due_date"])
        assert application.submitted_at is not None
        assert application.submitted_at.tzinfo is UTC
        assert abs(datetime.now(UTC) - application.submitted_at).total_seconds() < 60
        event = session.scalars(select(ApplicationEvent)
                                .where(ApplicationEvent.application_id == application_id)).one()
        assert (event.from_status, event.to_status, event.action) == ("draft", "submitted",
                                                                      "submit")
        assert event.params["number"] == body["number"]
        assert event.params["due_date"] == body["due_date"]
        notification = session.scalars(select(Notification)
                                       .where(Notification.event_id == event.id)).one()
        assert notification.params == event.params and notification.created_at == event.at
        sms = session.scalars(select(SmsOutboxMessage)
                              .where(SmsOutboxMessage.notification_id == notification.id)).one()
        assert sms.phone == person.phone and body["number"] in sms.text
        record = session.scalars(select(IdempotencyRecord)
                                 .where(IdempotencyRecord.key == "rows-1")).one()
        assert record.status_code == 200
    # The detail read afterwards says what the submission answered, and a retry replays it.
    assert person.get(f"/api/v1/applications/{application_id}").get_json()["number"] == (
        body["number"])
    retry = submit(person, application_id, key="rows-1")
    assert retry.status_code == 200 and retry.get_json() == body
    notifications = person.get("/api/v1/me/notifications").get_json()["items"]
    assert [body["number"] in item["message"] for item in notifications] == [True]


def test_submission_rows_read_back_on_sqlite(app: Flask) -> None:
    check_rows_read_back(app)


@pytest.mark.postgres
def test_submission_rows_read_back_on_postgresql(postgres_app: Flask) -> None:
    check_rows_read_back(postgres_app)


@pytest.mark.parametrize(("record", "model"), [
    (ApplicationRecord, Application), (EventRecord, ApplicationEvent),
    (NotificationRecord, Notification)])
def test_plain_records_carry_every_column_of_their_table(record: type, model: type[Base]
                                                         ) -> None:
    """The submission reads and writes rows as plain records: a column added to a table must
    be added to its record too, or the submission would drop it (or fail to read the row)."""
    assert [field.name for field in fields(record)] == list(model.__table__.columns.keys())


def test_prepared_writes_follow_the_sessions_transactions(app: Flask) -> None:
    """Statements run on the driver join the session's current transaction: a rollback undoes
    them, and the next statement after a rollback or a commit starts a new transaction."""
    person = register(app.test_client())

    def record(session: Session, key: str) -> None:
        write(session, INSERT_IDEMPOTENCY, {
            "user_id": person.user_id, "key": key, "request_hash": "h", "status_code": 200,
            "response_body": "{}", "created_at": datetime.now(UTC)})

    with app.app_context(), session_factory(app)() as session:
        record(session, "rolled-back")
        session.rollback()
        record(session, "kept")
        session.commit()
        record(session, "after-commit")
        session.rollback()
        record(session, "kept-too")
        session.commit()
    with app.app_context(), session_factory(app)() as session:
        keys = session.scalars(select(IdempotencyRecord.key)
                               .where(IdempotencyRecord.user_id == person.user_id)).all()
    assert sorted(keys) == ["kept", "kept-too"]
