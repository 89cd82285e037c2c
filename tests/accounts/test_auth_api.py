"""Registration, sign-in, tokens, lockout, profile and the saved locale, through the API."""

from __future__ import annotations

import pyotp
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from server.db import session_factory
from server.identity.models import SecurityEvent
from tests.accounts.conftest import PASSWORD, Person, new_phone, new_pinfl, register


def audit_events(app: Flask, user_id: int | None = None) -> list[str]:
    with app.app_context(), session_factory(app)() as session:
        query = select(SecurityEvent.event).order_by(SecurityEvent.id)
        if user_id is not None:
            query = query.where(SecurityEvent.user_id == user_id)
        return list(session.scalars(query))


def test_register_then_sign_in_with_pinfl_or_phone(client: FlaskClient, app: Flask) -> None:
    person = register(client)
    spaced = f"{person.phone[:4]} {person.phone[4:6]} {person.phone[6:9]}-{person.phone[9:]}"
    for login in (person.pinfl, person.phone, spaced):
        response = client.post("/api/v1/auth/login",
                               json={"login": login, "password": PASSWORD})
        assert response.status_code == 200, (login, response.get_json())
        assert response.get_json()["user"]["pinfl"] == person.pinfl
    assert audit_events(app, person.user_id) == ["registered", "sign_in", "sign_in", "sign_in"]


def test_register_reports_every_bad_field_in_the_request_locale(client: FlaskClient) -> None:
    response = client.post("/api/v1/auth/register?lang=ru", json={
        "pinfl": "12345678901234", "phone": "12345", "password": "qwerty12345"})
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    errors = response.get_json()["errors"]
    assert set(errors) == {"pinfl", "phone", "password"}
    assert "ПИНФЛ" in errors["pinfl"][0]
    assert "Этот пароль слишком распространён" in errors["password"][0]


def test_password_rules(client: FlaskClient) -> None:
    pinfl = new_pinfl()
    for password, expected in (("short", "10"), ("1234567890", "common"),
                               (f"{pinfl}", "PINFL")):
        response = client.post("/api/v1/auth/register?lang=en", json={
            "pinfl": pinfl, "phone": new_phone(), "password": password})
        assert response.status_code == 422
        assert expected in " ".join(response.get_json()["errors"]["password"])


def test_a_pinfl_or_phone_registers_once(client: FlaskClient, citizen: Person) -> None:
    response = client.post("/api/v1/auth/register", json={
        "pinfl": new_pinfl(), "phone": citizen.phone, "password": PASSWORD})
    assert response.status_code == 409


def test_wrong_password_then_lockout_with_growing_wait(client: FlaskClient, app: Flask,
                                                       citizen: Person) -> None:
    statuses = [client.post("/api/v1/auth/login", json={
        "login": citizen.pinfl, "password": "wrong password!"}).status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 401]
    # The fifth failure starts the wait, and says so.
    locked = client.post("/api/v1/auth/login", json={"login": citizen.pinfl,
                                                     "password": "wrong password!"})
    assert locked.status_code == 429
    assert locked.content_type == "application/problem+json"
    assert 25 <= int(locked.headers["Retry-After"]) <= 30
    # Locked means locked: even the right password waits.
    right = client.post("/api/v1/auth/login", json={"login": citizen.pinfl,
                                                    "password": PASSWORD})
    assert right.status_code == 429
    assert int(right.headers["Retry-After"]) >= 1
    events = audit_events(app, citizen.user_id)
    assert events.count("sign_in_failed") == 5
    assert "lockout" in events and "sign_in_refused_locked" in events


def test_per_address_limit_answers_json_429(client: FlaskClient, app: Flask) -> None:
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    statuses = [client.post("/api/v1/auth/login", json={
        "login": new_pinfl(), "password": "whatever12345"}) for _ in range(4)]
    assert [r.status_code for r in statuses] == [401, 401, 401, 429]
    assert statuses[-1].content_type == "application/problem+json"
    assert int(statuses[-1].headers["Retry-After"]) > 0
    app.config["REGISTER_RATE_LIMIT"] = "1 per minute"
    register(client)
    response = client.post("/api/v1/auth/register", json={
        "pinfl": new_pinfl(), "phone": new_phone(), "password": PASSWORD})
    assert response.status_code == 429 and "Retry-After" in response.headers


def test_refresh_rotates_and_reuse_revokes_the_family(client: FlaskClient, app: Flask,
                                                      citizen: Person) -> None:
    first = citizen.refresh_token
    rotated = client.post("/api/v1/auth/refresh", json={"refresh_token": first})
    assert rotated.status_code == 200
    second = rotated.get_json()["refresh_token"]
    assert second != first
    replay = client.post("/api/v1/auth/refresh", json={"refresh_token": first})
    assert replay.status_code == 401
    # The thief's replay also ended the legitimate holder's session.
    assert client.post("/api/v1/auth/refresh", json={"refresh_token": second}).status_code == 401
    assert "refresh_reuse" in audit_events(app, citizen.user_id)


def test_logout_revokes_the_refresh_token(client: FlaskClient, citizen: Person) -> None:
    assert client.post("/api/v1/auth/logout",
                       json={"refresh_token": citizen.refresh_token}).status_code == 204
    assert client.post("/api/v1/auth/refresh",
                       json={"refresh_token": citizen.refresh_token}).status_code == 401


def test_me_requires_a_valid_token(client: FlaskClient, citizen: Person) -> None:
    assert client.get("/api/v1/me").status_code == 401
    forged = citizen.access_token[:-3] + "abc"
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {forged}"}
                      ).status_code == 401
    assert citizen.get("/api/v1/me").get_json()["pinfl"] == citizen.pinfl


def test_profile_preferences_follow_to_another_device(app: Flask, citizen: Person) -> None:
    changed = citizen.patch("/api/v1/me", {"locale": "uz-Cyrl", "preferences": {
        "font_scale": 2.5, "theme": "high_contrast_dark", "speech": True, "speech_rate": 0.8}})
    assert changed.status_code == 200
    phone = app.test_client()
    signed_in = phone.post("/api/v1/auth/login", json={"login": citizen.phone,
                                                       "password": PASSWORD})
    profile = signed_in.get_json()["user"]
    assert profile["locale"] == "uz-Cyrl"
    assert profile["preferences"] == {"font_scale": 2.5, "theme": "high_contrast_dark",
                                      "speech": True, "speech_rate": 0.8}
    for bad in ({"font_scale": 3.5}, {"font_scale": 0.5}, {"theme": "neon"},
                {"speech_rate": 9}):
        assert citizen.patch("/api/v1/me", {"preferences": bad}).status_code == 422
    assert citizen.patch("/api/v1/me", {"locale": "de"}).status_code == 422


def test_saved_locale_comes_between_lang_and_accept_language(citizen: Person) -> None:
    citizen.patch("/api/v1/me", {"locale": "ru"})
    forbidden = "/api/v1/officer/applications"
    english = {"Accept-Language": "en"}
    assert citizen.get(forbidden, headers=english).get_json()["title"] == "Доступ запрещён"
    assert citizen.get(forbidden + "?lang=en", headers=english).get_json()["title"] == \
        "Access denied"
    citizen.patch("/api/v1/me", {"locale": None})
    assert citizen.get(forbidden, headers=english).get_json()["title"] == "Access denied"


def test_totp_enrolment_and_sign_in_with_a_code(client: FlaskClient, app: Flask,
                                                citizen: Person) -> None:
    enrolment = citizen.post("/api/v1/me/totp")
    assert enrolment.status_code == 201
    secret = enrolment.get_json()["secret"]
    assert enrolment.get_json()["otpauth_uri"].startswith("otpauth://totp/")
    assert citizen.post("/api/v1/me/totp/confirm", {"code": "000000"}).status_code == 422
    code = pyotp.TOTP(secret).now()
    assert citizen.post("/api/v1/me/totp/confirm", {"code": code}).status_code == 200
    login = {"login": citizen.pinfl, "password": PASSWORD}
    missing = client.post("/api/v1/auth/login", json=login)
    assert missing.status_code == 401 and "otp" in missing.get_json()["errors"]
    # The code that confirmed enrolment is spent: using it again is refused.
    assert client.post("/api/v1/auth/login", json={**login, "otp": code}).status_code == 401
    assert "totp_enabled" in audit_events(app, citizen.user_id)


def test_staff_must_use_a_second_factor(app: Flask, officer: Person) -> None:
    client = app.test_client()
    login = {"login": officer.pinfl, "password": PASSWORD}
    assert client.post("/api/v1/auth/login", json=login).status_code == 401
    assert officer.post("/api/v1/me/totp/disable", {"code": "123456"}).status_code == 403
