"""The parts that stand alone: passwords, tokens, codes, working days, numbers, channels."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta, timezone

import jwt
import pyotp
import pytest
from sqlalchemy import DateTime
from sqlalchemy.dialects import sqlite

from server.applications.channels import Channel, ChannelRegistry, registry
from server.applications.lifecycle import STATUSES, TRANSITIONS, allowed_actions
from server.applications.numbering import format_number
from server.applications.workdays import add_working_days, is_working_day
from server.identity.models import User, UtcDateTime
from server.identity.passwords import PasswordHashing, common_passwords, password_problems
from server.identity.tokens import AUDIENCE, ISSUER, issue_access_token, read_access_token
from server.identity.totp import accept_code, matching_step

KEY = "unit-test-key-long-enough-for-hs512-" * 2


def test_password_policy() -> None:
    assert password_problems("a-long-and-unusual-passphrase") == []
    assert password_problems("short") == ["Use at least 10 characters."]
    assert "This password is too common. Choose one that is harder to guess." in \
        password_problems("Toshkent2024")
    assert password_problems("aaaaaaaaaaaaaa")  # one repeated character
    assert password_problems("x" * 10 + "y" * 200)[0] == "Use at most 128 characters."
    assert password_problems("+998901234567a", phone="+998901234567")
    assert len(common_passwords()) > 1000


def test_argon2id_hashes_verify_and_refuse() -> None:
    hashing = PasswordHashing(memory_kib=1024, time_cost=1)
    stored = hashing.hash("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert hashing.verify(stored, "correct horse battery")
    assert not hashing.verify(stored, "wrong horse battery")
    assert not hashing.verify(None, "anything at all")  # unknown account: decoy, still False
    assert not hashing.verify("not a hash", "correct horse battery")
    assert PasswordHashing(memory_kib=2048, time_cost=1).needs_rehash(stored)


def _user() -> User:
    return User(id=7, role="officer", agency="tax-committee", pinfl="x", phone="y")


def test_access_tokens_check_signature_expiry_audience_and_algorithm() -> None:
    token = issue_access_token(_user(), KEY)
    claims = read_access_token(token, KEY)
    assert claims is not None and (claims.user_id, claims.role, claims.agency) == (
        7, "officer", "tax-committee")
    assert read_access_token(token, "another key of at least thirty-two bytes") is None
    old = issue_access_token(_user(), KEY, now=datetime.now(UTC) - timedelta(minutes=16))
    assert read_access_token(old, KEY) is None
    now = int(time.time())
    base = {"sub": "7", "role": "admin", "iat": now, "exp": now + 60, "iss": ISSUER}
    assert read_access_token(jwt.encode({**base, "aud": "other"}, KEY, "HS256"), KEY) is None
    assert read_access_token(jwt.encode({**base, "aud": AUDIENCE}, KEY, "HS512"), KEY) is None
    unsigned = jwt.encode({**base, "aud": AUDIENCE}, None, algorithm="none")
    assert read_access_token(unsigned, KEY) is None
    no_expiry = {k: v for k, v in base.items() if k != "exp"}
    assert read_access_token(jwt.encode({**no_expiry, "aud": AUDIENCE}, KEY, "HS256"), KEY) is None
    assert read_access_token("garbage", KEY) is None



def test_a_remembered_access_token_still_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    # Verified tokens are remembered per process; the clock must still end them.
    token = issue_access_token(_user(), KEY)
    assert read_access_token(token, KEY) is not None
    expires = jwt.decode(token, options={"verify_signature": False})["exp"]
    monkeypatch.setattr("server.identity.tokens.time.time", lambda: float(expires))
    assert read_access_token(token, KEY) is None
    assert read_access_token(token, "another key of at least thirty-two bytes") is None

def test_totp_accepts_a_code_once() -> None:
    secret = pyotp.random_base32()
    user = User(totp_secret=secret)
    code = pyotp.TOTP(secret).now()
    assert matching_step(secret, "12 34 5") is None
    assert accept_code(user, code)
    assert not accept_code(user, code)  # replayed
    previous = pyotp.TOTP(secret).at(time.time() - 30)
    assert not accept_code(user, previous)  # older than the last accepted one
    assert not accept_code(User(totp_secret=None), code)


def test_working_days_skip_weekends_and_fixed_holidays() -> None:
    assert not is_working_day(date(2026, 3, 21))  # Navruz
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert is_working_day(date(2026, 11, 27))
    # Friday 18 Dec 2026 + 3 working days = Wed 23 Dec.
    assert add_working_days(date(2026, 12, 18), 3) == date(2026, 12, 23)
    # 31 Dec (Thu) + 1: 1 Jan is a holiday, 2-3 Jan a weekend -> Mon 4 Jan.
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    # Around Constitution Day: Mon 7 Dec + 2 -> Tue 8 Dec skipped -> Thu 10 Dec.
    assert add_working_days(date(2026, 12, 7), 2) == date(2026, 12, 10)
    assert add_working_days(date(2026, 12, 7), 0) == date(2026, 12, 7)


def test_numbers_read_like_xz_year_seven_digits() -> None:
    assert format_number(2026, 123) == "XZ-2026-0000123"


def test_the_lifecycle_table() -> None:
    for transition in TRANSITIONS.values():
        assert transition.sources <= set(STATUSES) and transition.target in STATUSES
        assert transition.actor in ("owner", "officer")
    assert allowed_actions("in_review", "officer") == ["request_info", "approve", "reject"]
    assert allowed_actions("in_review", "owner") == ["withdraw"]
    assert allowed_actions("approved", "owner") == []  # no withdrawal after a decision
    for final in ("issued", "rejected", "withdrawn"):
        assert allowed_actions(final, "owner") == allowed_actions(final, "officer") == []


def test_channels_register_once() -> None:
    assert "sms_outbox" in registry
    own = ChannelRegistry()

    @own.register("push")
    class Push(Channel):
        def wants(self, delivery: object) -> bool:  # type: ignore[override]
            return False

        def deliver(self, *args: object) -> None:  # type: ignore[override]
            return None

    assert own.get("push") is not None and Push.id == "push"
    with pytest.raises(ValueError, match="registered twice"):
        own.register("push")(Push)


@pytest.mark.parametrize("moment", [
    datetime(2026, 11, 27, 21, 41, 0, 123456, tzinfo=UTC),
    datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
    datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(2026, 3, 1, 7, 30, tzinfo=timezone(timedelta(hours=5))),  # stored as UTC
])
def test_utc_moments_are_stored_on_sqlite_as_sqlalchemy_stores_them(moment: datetime) -> None:
    """UtcDateTime writes SQLite text with isoformat: it must be SQLAlchemy's very text, so
    rows written either way compare and sort alike, and read back as the same aware moment."""
    dialect = sqlite.dialect()
    theirs = DateTime().dialect_impl(dialect)
    ours = UtcDateTime().dialect_impl(dialect)
    theirs_text = theirs.bind_processor(dialect)(moment.astimezone(UTC).replace(tzinfo=None))
    ours_text = ours.bind_processor(dialect)(moment)
    assert ours_text == theirs_text
    assert ours.result_processor(dialect, None)(theirs_text) == moment
    assert ours.result_processor(dialect, None)(None) is None
    with pytest.raises(ValueError, match="naive"):
        ours.bind_processor(dialect)(moment.replace(tzinfo=None))
