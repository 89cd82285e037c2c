"""Fixtures of the accounts and applications tests: people who sign in, and their drafts.

Built on the foundation's ``app``/``client`` fixtures (fresh migrated database per test).
Argon2 runs with small parameters here: still argon2id, a hundred times faster.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient

from server.db import session_factory
from server.flows.identifiers import make_pinfl
from server.identity import accounts

SERVICE_ID = "no-criminal-record-certificate"
SERVICE_AGENCY = "mia-information-centre"
OTHER_SERVICE_ID = "id-card"
PASSWORD = "kuchli-parol-2026"
_serials = itertools.count(100)


def new_pinfl() -> str:
    serial = next(_serials)
    return make_pinfl(date(1990, 1 + serial % 12, 1 + serial % 28),
                      "female" if serial % 2 else "male", serial=serial)


def new_phone() -> str:
    return f"+99890{next(_serials) % 10_000_000:07d}"


@dataclass
class Person:
    client: FlaskClient
    pinfl: str
    phone: str
    password: str
    access_token: str = ""
    refresh_token: str = ""
    user_id: int = 0
    totp_secret: str | None = None
    extra_headers: dict[str, str] = field(default_factory=dict)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}", **self.extra_headers}

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.client.get(url, headers={**self.headers, **kwargs.pop("headers", {})},
                               **kwargs)

    def post(self, url: str, json: Any = None, **kwargs: Any) -> Any:
        return self.client.post(url, json=json if json is not None else {},
                                headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)

    def put(self, url: str, json: Any, **kwargs: Any) -> Any:
        return self.client.put(url, json=json,
                               headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)

    def patch(self, url: str, json: Any, **kwargs: Any) -> Any:
        return self.client.patch(url, json=json,
                                 headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)

    def take_tokens(self, body: dict[str, Any]) -> None:
        self.access_token = body["access_token"]
        self.refresh_token = body["refresh_token"]
        self.user_id = body["user"]["id"]


FAST_ACCOUNTS = {"ARGON2_MEMORY_KIB": 1024, "ARGON2_TIME_COST": 1,
                 "LOGIN_RATE_LIMIT": "1000 per minute", "REGISTER_RATE_LIMIT": "1000 per minute"}


@pytest.fixture
def make_app(make_app: Callable[..., Flask]) -> Callable[..., Flask]:
    """The foundation's app factory with cheap argon2 and generous per-address limits."""

    def factory(db_url: str | None = None, **config: Any) -> Flask:
        return make_app(db_url, **{**FAST_ACCOUNTS, **config})

    return factory


def register(client: FlaskClient, locale: str | None = None, **overrides: Any) -> Person:
    person = Person(client, new_pinfl(), new_phone(), PASSWORD)
    body = {"pinfl": person.pinfl, "phone": person.phone, "password": PASSWORD,
            "full_name": "Aziz Karimov", **({"locale": locale} if locale else {}), **overrides}
    response = client.post("/api/v1/auth/register", json=body)
    assert response.status_code == 201, response.get_json()
    person.take_tokens(response.get_json())
    return person


@pytest.fixture
def citizen(client: FlaskClient) -> Person:
    return register(client)


@pytest.fixture
def other_citizen(app: Flask) -> Person:
    return register(app.test_client())


def make_staff(app: Flask, role: str = "officer", agency: str | None = SERVICE_AGENCY) -> Person:
    """A staff account as ``flask users create-officer`` makes it, signed in with a TOTP code."""
    person = Person(app.test_client(), new_pinfl(), new_phone(), PASSWORD)
    with app.app_context(), session_factory(app)() as session:
        user = accounts.new_user(person.pinfl, person.phone, PASSWORD, full_name="Officer",
                                 role=role, agency=agency)
        user.totp_secret, user.totp_enabled = pyotp.random_base32(), True
        session.add(user)
        session.commit()
        person.totp_secret = user.totp_secret
    response = person.client.post("/api/v1/auth/login", json={
        "login": person.phone, "password": PASSWORD,
        "otp": pyotp.TOTP(person.totp_secret).now()})
    assert response.status_code == 200, response.get_json()
    person.take_tokens(response.get_json())
    return person


@pytest.fixture
def officer(app: Flask) -> Person:
    return make_staff(app)


@pytest.fixture
def other_officer(app: Flask) -> Person:
    return make_staff(app, agency="migration-service")


def new_draft(person: Person, service_id: str = SERVICE_ID) -> dict[str, Any]:
    response = person.post("/api/v1/applications", {"service_id": service_id})
    assert response.status_code == 201, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def complete_draft(person: Person) -> str:
    """A draft of the test service with every step answered; its id."""
    draft = new_draft(person)
    base = f"/api/v1/applications/{draft['id']}/steps"
    assert person.put(f"{base}/request", {"values": {"purpose": "travel"}}).status_code == 200
    assert person.put(f"{base}/confirm", {"values": {"consent": True}}).status_code == 200
    return str(draft["id"])


def submit(person: Person, application_id: str, key: str = "key-1",
           body: dict[str, Any] | None = None) -> Any:
    return person.post(f"/api/v1/applications/{application_id}/submit",
                       body if body is not None else {"declaration": True},
                       headers={"Idempotency-Key": key})


@pytest.fixture
def submitted(citizen: Person) -> Iterator[str]:
    application_id = complete_draft(citizen)
    assert submit(citizen, application_id).status_code == 200
    yield application_id
