"""Human-readable application numbers: ``XZ-<year>-<7 digits>``, counted per year.

The counter row is incremented with an upsert ``... RETURNING`` inside the submitting transaction:
on PostgreSQL the row lock orders concurrent submissions, on SQLite the database write lock
does, and a rolled-back submission gives its number back.
"""

from __future__ import annotations

from server.applications.statements import next_counter_value
from server.prepared import Database, engine_of, write

PREFIX = "XZ"


def format_number(year: int, sequence: int) -> str:
    return f"{PREFIX}-{year:04d}-{sequence:07d}"


def next_number(database: Database, year: int) -> str:
    """The next number of ``year``: one upsert, counting from 1 in a new year."""
    statement = next_counter_value(engine_of(database).dialect.name)
    sequence = write(database, statement, {"year": year}).returned
    return format_number(year, int(sequence))
