"""Human-readable application numbers: ``XZ-<year>-<7 digits>``, counted per year.

The counter row is incremented with ``UPDATE ... RETURNING`` inside the submitting transaction:
on PostgreSQL the row lock orders concurrent submissions, on SQLite the database write lock
does, and a rolled-back submission gives its number back.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from server.applications.models import ApplicationNumberCounter

PREFIX = "XZ"


def format_number(year: int, sequence: int) -> str:
    return f"{PREFIX}-{year:04d}-{sequence:07d}"


def next_number(session: Session, year: int) -> str:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(
        insert(ApplicationNumberCounter).values(year=year, last_value=0).on_conflict_do_nothing(
            index_elements=["year"]
        )
    )
    sequence = session.execute(
        update(ApplicationNumberCounter)
        .where(ApplicationNumberCounter.year == year)
        .values(last_value=ApplicationNumberCounter.last_value + 1)
        .returning(ApplicationNumberCounter.last_value)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return format_number(year, sequence)
