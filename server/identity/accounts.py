"""Account rules shared by the API, the CLI and the demo seeder.

PINFL and phone numbers are checked by the flow engine's own rules
(:mod:`server.flows.identifiers`), so a number accepted in a form is accepted here too.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

from flask import current_app
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from server.flows.identifiers import normalize_phone, pinfl_problem
from server.i18n import N_
from server.identity.models import ROLES, User, utc_now
from server.identity.passwords import DEFAULT_MEMORY_KIB, DEFAULT_TIME_COST, PasswordHashing

#: The failure that starts the first wait; each failure after it doubles the wait.
LOCK_AFTER_FAILURES = 5
FIRST_LOCK = timedelta(seconds=30)
LONGEST_LOCK = timedelta(minutes=15)

PREFERENCE_DEFAULTS: dict[str, object] = {
    "font_scale": 1.0, "theme": "default", "speech": False, "speech_rate": 1.0,
}


#: The message for each rule a PINFL can break (rules from :func:`pinfl_problem`).
PINFL_MESSAGES: dict[str, str] = {
    "invalid": N_("Enter your 14-digit PINFL."),
    "checksum": N_("This PINFL has a mistake in its digits. Check it and try again."),
    "birth_date": N_("This PINFL does not hold a possible birth date. Check it."),
}


def pinfl_error(raw: str) -> str | None:
    """The message id of the rule ``raw`` breaks as a PINFL, or None when it is valid."""
    rule = pinfl_problem("".join(raw.split()), date.today())
    return None if rule is None else PINFL_MESSAGES.get(rule, PINFL_MESSAGES["invalid"])


def valid_pinfl(raw: str) -> str | None:
    """The PINFL without spaces when it passes the flow engine's check, else None."""
    return "".join(raw.split()) if pinfl_error(raw) is None else None


@lru_cache(maxsize=4)
def _hashing(memory_kib: int, time_cost: int) -> PasswordHashing:
    return PasswordHashing(memory_kib, time_cost)


def hashing() -> PasswordHashing:
    config = current_app.config
    return _hashing(int(config.get("ARGON2_MEMORY_KIB", DEFAULT_MEMORY_KIB)),
                    int(config.get("ARGON2_TIME_COST", DEFAULT_TIME_COST)))


def find_by_login(session: Session, login: str) -> User | None:
    """The account whose PINFL or phone number is ``login``."""
    pinfl = valid_pinfl(login)
    phone = normalize_phone(login) if pinfl is None else None
    if pinfl is None and phone is None:
        return None
    column = User.pinfl if pinfl else User.phone
    return session.scalars(select(User).where(column == (pinfl or phone))).first()


def taken(session: Session, pinfl: str, phone: str) -> bool:
    query = select(User.id).where(or_(User.pinfl == pinfl, User.phone == phone))
    return session.scalars(query).first() is not None


def new_user(
    pinfl: str, phone: str, password: str, *, full_name: str = "", role: str = "citizen",
    agency: str | None = None, locale: str | None = None,
) -> User:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    return User(
        pinfl=pinfl, phone=phone, password_hash=hashing().hash(password), full_name=full_name,
        role=role, agency=agency, locale=locale, preferences=dict(PREFERENCE_DEFAULTS),
        created_at=utc_now(), failed_logins=0, totp_enabled=False,
    )


def lock_remaining(user: User, now: datetime) -> int | None:
    """Seconds the account still waits before the next attempt, or None."""
    if user.locked_until is None or user.locked_until <= now:
        return None
    return max(1, int((user.locked_until - now).total_seconds() + 0.999))


def note_failure(user: User, now: datetime) -> int | None:
    """Count a failed attempt; the seconds of the lock it starts, or None (no lock yet)."""
    user.failed_logins = (user.failed_logins or 0) + 1
    beyond = user.failed_logins - LOCK_AFTER_FAILURES
    if beyond < 0:
        return None
    wait = min(FIRST_LOCK * (2 ** min(beyond, 10)), LONGEST_LOCK)
    user.locked_until = now + wait
    return int(wait.total_seconds())


def note_success(user: User) -> None:
    user.failed_logins = 0
    user.locked_until = None
