"""The write statements of the hot paths, built once and run with parameters.

Building ``insert(Model).values(...)`` per request cost more than running it: SQLAlchemy
coerces every value and computes a fresh cache key, and an ORM-enabled insert goes through
the bulk-persistence layer.  These are plain Core statements on the tables, compiled once per
dialect, and run straight on the driver by :mod:`server.prepared`, in the request's
transaction.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Table, bindparam, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert, Update

from server.applications.models import (
    Application,
    ApplicationEvent,
    ApplicationNumberCounter,
    IdempotencyRecord,
    Notification,
    SmsOutboxMessage,
)


def _table(model: type) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


APPLICATIONS = _table(Application)
EVENTS = _table(ApplicationEvent)
NOTIFICATIONS = _table(Notification)
SMS_OUTBOX = _table(SmsOutboxMessage)
IDEMPOTENCY = _table(IdempotencyRecord)
COUNTERS = _table(ApplicationNumberCounter)

INSERT_EVENT = EVENTS.insert().returning(EVENTS.c.id)
INSERT_NOTIFICATION = NOTIFICATIONS.insert().returning(NOTIFICATIONS.c.id)
INSERT_SMS = SMS_OUTBOX.insert()
INSERT_IDEMPOTENCY = IDEMPOTENCY.insert()



@lru_cache(maxsize=32)
def move_application(sources: frozenset[str]) -> Update:
    """``UPDATE applications SET <given columns> WHERE id = :match_id AND status is one of
    sources``, one statement per set of sources.

    The sources are part of the statement rather than an expanding ``IN`` parameter, which
    SQLAlchemy renders into the SQL string again on every execution.
    """
    return APPLICATIONS.update().where(
        APPLICATIONS.c.id == bindparam("match_id"),
        or_(*(APPLICATIONS.c.status == status for status in sorted(sources))),
    )


#: One application by id, as a row (the submit path reads it into a plain record).
SELECT_APPLICATION = APPLICATIONS.select().where(APPLICATIONS.c.id == bindparam("id"))


@lru_cache(maxsize=2)
def next_counter_value(dialect: str) -> Insert:
    """Upsert the year's counter and return the new value (one statement)."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(COUNTERS).values(year=bindparam("year"), last_value=1)
    upsert: Insert = statement.on_conflict_do_update(
        index_elements=["year"], set_={"last_value": COUNTERS.c.last_value + 1}
    ).returning(COUNTERS.c.last_value)
    return upsert
