"""No password, token, one-time code or full PINFL in any log line (ASVS 16.2.5).

Every logger is captured at DEBUG, including the ``server`` tree (which does not propagate),
and SQLAlchemy's statement log is on (as ``echo=True`` would turn it on), through a whole
journey: register, sign in, refresh, apply, decide.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pyotp
import pytest
from flask import Flask

from tests.accounts.conftest import PASSWORD, complete_draft, make_staff, register, submit


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))
        self.lines.append(repr(record.__dict__))  # extra= fields too


@pytest.fixture
def captured() -> Iterator[Collect]:
    handler = Collect()
    loggers = [logging.getLogger(), logging.getLogger("server"),
               logging.getLogger("sqlalchemy"), logging.getLogger("werkzeug")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    loggers[2].setLevel(logging.INFO)  # statements; DEBUG would dump result rows by design
    yield handler
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_no_secret_reaches_the_logs(app: Flask, captured: Collect) -> None:
    client = app.test_client()
    citizen = register(client)
    wrong = client.post("/api/v1/auth/login", json={"login": citizen.pinfl,
                                                    "password": "not-the-password-42"})
    assert wrong.status_code == 401
    login = client.post("/api/v1/auth/login", json={"login": citizen.pinfl,
                                                    "password": PASSWORD}).get_json()
    refreshed = client.post("/api/v1/auth/refresh",
                            json={"refresh_token": login["refresh_token"]}).get_json()
    application_id = complete_draft(citizen)
    assert submit(citizen, application_id).status_code == 200
    officer = make_staff(app)
    assert officer.post(f"/api/v1/officer/applications/{application_id}/take").status_code == 200
    secrets = {
        "password": PASSWORD, "wrong password": "not-the-password-42",
        "pinfl": citizen.pinfl, "officer pinfl": officer.pinfl,
        "access token": login["access_token"], "refresh token": login["refresh_token"],
        "rotated refresh token": refreshed["refresh_token"],
        "first access token": citizen.access_token,
        "officer token": officer.access_token,
        "totp code": pyotp.TOTP(officer.totp_secret or "").now(),
    }
    assert captured.lines, "nothing was logged: the capture is broken"
    for name, secret in secrets.items():
        leaks = [line for line in captured.lines if secret in line]
        assert not leaks, f"{name} appears in the log: {leaks[0][:200]}"
