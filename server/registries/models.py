"""What the registries domain keeps: the data-access log, life events received, offers and
the groups of applications one bundle submission made.

The log is keyed by the PINFL of the person looked up, not by an account: a lookup may
happen before the person has one (registration), and the log must still show it to them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from server.db import Base
from server.identity.models import UtcDateTime, utc_now


class DataAccessEntry(Base):
    """One lookup in one registry about one person: what, why, by whom, and how it went."""

    __tablename__ = "data_access_log"
    __table_args__ = (Index("ix_data_access_log_subject_at", "subject_pinfl", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_pinfl: Mapped[str] = mapped_column(String(14))
    registry_id: Mapped[str] = mapped_column("registry", String(32))
    attributes: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: "ok", "not_found" or "unavailable" (slow, failing, down or circuit open).
    outcome: Mapped[str] = mapped_column(String(16))
    #: "application", "offer", "registration", "bundle" or "verification".
    purpose: Mapped[str] = mapped_column(String(16))
    #: The application id, offer id or bundle group id the lookup served.
    purpose_ref: Mapped[str | None] = mapped_column(String(64), nullable=True)
    service_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: "citizen", "officer" or "system" (the life-event intake).
    actor_role: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    actor_agency: Mapped[str | None] = mapped_column(String(64), nullable=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class LifeEventReceipt(Base):
    """A life event received from the registries; the unique id de-duplicates deliveries."""

    __tablename__ = "life_event_receipts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    subject_pinfl: Mapped[str] = mapped_column(String(14), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: "offered", "no_account" or "no_service".
    outcome: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class LifeEventCursor(Base):
    """How far the pull loop has read a source's event log (its last ``seq``)."""

    __tablename__ = "life_event_cursors"

    source: Mapped[str] = mapped_column(String(255), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class Offer(Base):
    """A service the state offers after a life event: accepted in one step, or declined."""

    __tablename__ = "offers"
    __table_args__ = (Index("ix_offers_user_id_id", "user_id", "id"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    event_id: Mapped[str] = mapped_column(String(64), unique=True)
    event_kind: Mapped[str] = mapped_column(String(40))
    service_id: Mapped[str] = mapped_column(String(64))
    #: "pending", "accepted" or "declined".
    status: Mapped[str] = mapped_column(String(16), default="pending")
    #: Values by field name, each {value, source, fetched_at, status} (as a draft's prefill).
    prefill: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: The event's facts the offer rests on (e.g. the child's name and birth date).
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    application_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class ApplicationGroup(Base):
    """The applications one bundle submission made, listed together for the citizen."""

    __tablename__ = "application_groups"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    bundle_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class ApplicationGroupMember(Base):
    __tablename__ = "application_group_members"

    application_id: Mapped[str] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[str] = mapped_column(
        ForeignKey("application_groups.id", ondelete="CASCADE"), index=True)
    service_id: Mapped[str] = mapped_column(String(64))
