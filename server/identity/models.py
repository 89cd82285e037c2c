"""Accounts: people who sign in, their refresh-token families and the security audit trail.

Secrets are never stored in the clear: passwords as argon2id hashes, refresh tokens as
SHA-256 digests (the token itself has 256 random bits, so a fast digest is enough).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from server.db import Base

ROLES: tuple[str, ...] = ("citizen", "officer", "admin")


def utc_now() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A moment in UTC: stored naive (SQLite has no time zones), always read back aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware UTC moment")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)

    # SQLite keeps moments as text.  SQLAlchemy's DateTime formats and parses that text in
    # Python, field by field; ``isoformat``/``fromisoformat`` make and read the very same text
    # ("2026-11-27 21:41:00.123456") in C, several times faster (a submission writes six).
    def bind_processor(self, dialect: Dialect) -> Callable[[Any], Any] | None:
        if dialect.name != "sqlite":
            return super().bind_processor(dialect)
        return _sqlite_text_of_moment

    def result_processor(self, dialect: Dialect, coltype: object
                         ) -> Callable[[Any], Any] | None:
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)
        return _moment_of_sqlite_text


#: The last moment written and its text: the rows of one write share their moment (a
#: submission binds the same one six times).
_last_moment: tuple[datetime | None, str | None] = (None, None)


def _sqlite_text_of_moment(value: datetime | None) -> str | None:
    global _last_moment
    if value is None:
        return None
    last = _last_moment
    if value is last[0]:
        return last[1]
    if value.tzinfo is None:
        raise ValueError("naive datetime: pass an aware UTC moment")
    text = value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    _last_moment = (value, text)
    return text


def _moment_of_sqlite_text(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pinfl: Mapped[str] = mapped_column(String(14), unique=True)
    phone: Mapped[str] = mapped_column(String(13), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(16), default="citizen")
    #: The agency an officer works for (an id from reference/agencies.yaml); None otherwise.
    agency: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: The saved locale folder name; None until the person chooses one.
    locale: Mapped[str | None] = mapped_column(String(8), nullable=True)
    preferences: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    totp_secret: Mapped[str | None] = mapped_column(String(64), nullable=True)
    totp_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The time step of the last accepted code, so that one code cannot be used twice.
    totp_last_step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class Person(Protocol):
    """What the lifecycle and notifications need of someone: a :class:`User`, or the
    request's signed-in ``Account`` (:mod:`server.identity.auth`), read without the ORM."""

    @property
    def id(self) -> int: ...

    @property
    def role(self) -> str: ...

    @property
    def phone(self) -> str: ...

    @property
    def locale(self) -> str | None: ...


class RefreshToken(Base):
    """One refresh token; tokens issued from one sign-in share a family.

    A token is used once: refreshing marks it rotated and issues the next one of its family.
    Presenting a rotated token again means it was stolen or replayed, so the family is revoked.
    """

    __tablename__ = "refresh_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    family: Mapped[str] = mapped_column(String(32), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    #: Idle timeout of this token (also never past the family's absolute end).
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    #: Absolute end of the family: the sign-in itself is good for 30 days at most.
    family_expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    rotated_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class SecurityEvent(Base):
    """The audit trail of security events: who, what, when, from where; never a secret."""

    __tablename__ = "security_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, index=True)
    event: Mapped[str] = mapped_column(String(40), index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    address: Mapped[str | None] = mapped_column(String(64), nullable=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
