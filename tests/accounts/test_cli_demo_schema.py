"""Staff accounts from the CLI, the demo seeder, and the hand-written migration."""

from __future__ import annotations

import re

import pyotp
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select

import server.models  # noqa: F401  (every model on Base.metadata)
from server.db import Base, get_engine, session_factory
from server.demo import run_seeders
from server.identity.demo import OFFICER_PASSWORD, seed_accounts
from server.identity.models import SecurityEvent, User
from tests.accounts.conftest import new_phone, new_pinfl

ACCOUNT_TABLES = {"users", "refresh_tokens", "security_events", "applications",
                  "application_events", "notifications", "sms_outbox", "idempotency_records",
                  "application_number_counters"}


def test_create_officer_prints_a_working_second_factor(app: Flask, runner: FlaskCliRunner
                                                       ) -> None:
    phone = new_phone()
    result = runner.invoke(args=["users", "create-officer", "--pinfl", new_pinfl(), "--phone",
                                 phone, "--agency", "tax-committee", "--name", "Olim"])
    assert result.exit_code == 0, result.output
    password = re.search(r"password:\s+(\S+)", result.output)
    secret = re.search(r"TOTP secret:\s+(\S+)", result.output)
    assert password and secret
    login = app.test_client().post("/api/v1/auth/login", json={
        "login": phone, "password": password[1], "otp": pyotp.TOTP(secret[1]).now()})
    assert login.status_code == 200
    assert login.get_json()["user"]["agency"] == "tax-committee"
    promoted = runner.invoke(args=["users", "set-role", phone, "admin"])
    assert promoted.exit_code == 0, promoted.output
    with app.app_context(), session_factory(app)() as session:
        events = list(session.scalars(select(SecurityEvent.event)))
    assert events.count("account_created") == 1 and "role_changed" in events
    bad = runner.invoke(args=["users", "create-admin", "--pinfl", "1", "--phone", phone])
    assert bad.exit_code != 0


def test_demo_officers_sign_in_with_the_printed_secret(app: Flask) -> None:
    with app.app_context(), session_factory(app)() as session:
        results = run_seeders(session, {"accounts": seed_accounts})
        officers = session.scalars(select(User).where(User.role == "officer")).all()
    lines = results[0].lines
    assert officers and len({o.agency for o in officers}) == len(officers)
    first = next(line for line in lines if "TOTP secret" in line)
    phone, secret = re.search(r"(\+998\d{9}), TOTP secret (\S+)", first).groups()  # type: ignore[union-attr]
    login = app.test_client().post("/api/v1/auth/login", json={
        "login": phone, "password": OFFICER_PASSWORD, "otp": pyotp.TOTP(secret).now()})
    assert login.status_code == 200, login.get_json()


def test_migration_0002_matches_the_models(app: Flask) -> None:
    with app.app_context(), get_engine(app).connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = [d for d in compare_metadata(context, Base.metadata)
                       if any(table in repr(d) for table in ACCOUNT_TABLES)]
    assert differences == []
