"""Two submits at once make exactly one submission, on SQLite and on PostgreSQL.

Real threads against the real app and database: the unique (user, key) index and the
conditional status update are what must hold, not a lock in Python.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from server.applications.models import (
    Application,
    ApplicationEvent,
    IdempotencyRecord,
    Notification,
)
from server.db import session_factory
from tests.accounts.conftest import complete_draft, register, submit

THREADS = 6


def race(app: Flask, same_key: bool) -> tuple[list[int], list[Any]]:
    person = register(app.test_client())
    application_id = complete_draft(person)
    barrier = threading.Barrier(THREADS)
    statuses: list[int] = []
    bodies: list[Any] = []
    lock = threading.Lock()

    def attempt(index: int) -> None:
        client = app.test_client()
        worker = type(person)(client, person.pinfl, person.phone, person.password,
                              access_token=person.access_token)
        barrier.wait()
        response = submit(worker, application_id, key="same" if same_key else f"k{index}")
        with lock:
            statuses.append(response.status_code)
            bodies.append(response.get_json())

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with app.app_context(), session_factory(app)() as session:
        submissions = session.scalar(select(func.count()).select_from(ApplicationEvent)
                                     .where(ApplicationEvent.action == "submit"))
        notifications = session.scalar(select(func.count()).select_from(Notification))
        numbered = session.scalar(select(func.count()).select_from(Application)
                                  .where(Application.number.is_not(None)))
        records = session.scalar(select(func.count()).select_from(IdempotencyRecord))
    assert (submissions, notifications, numbered) == (1, 1, 1)
    assert records == 1
    return statuses, bodies


def check_same_key(app: Flask) -> None:
    statuses, bodies = race(app, same_key=True)
    # Every caller gets the one answer (the first, or its replay).
    assert statuses == [200] * THREADS
    assert len({body["number"] for body in bodies}) == 1


def check_different_keys(app: Flask) -> None:
    statuses, _ = race(app, same_key=False)
    assert sorted(statuses) == [200] + [409] * (THREADS - 1)


def test_concurrent_submits_with_one_key_on_sqlite(app: Flask) -> None:
    check_same_key(app)


def test_concurrent_submits_with_different_keys_on_sqlite(app: Flask) -> None:
    check_different_keys(app)


@pytest.mark.postgres
def test_concurrent_submits_with_one_key_on_postgresql(postgres_app: Flask) -> None:
    check_same_key(postgres_app)


@pytest.mark.postgres
def test_concurrent_submits_with_different_keys_on_postgresql(postgres_app: Flask) -> None:
    check_different_keys(postgres_app)
