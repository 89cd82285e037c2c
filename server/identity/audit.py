"""The security audit trail (ASVS 16.x): sign-ins, failures, lockouts, decisions, role changes.

Details never hold a password, token, one-time code or full PINFL: a login identifier is kept
only as its last four characters.
"""

from __future__ import annotations

import logging
from typing import Any, Final

from sqlalchemy.orm import Session

from server.identity.models import SecurityEvent, utc_now

EVENTS: Final[frozenset[str]] = frozenset({
    "registered", "sign_in", "sign_in_failed", "sign_in_refused_locked", "lockout",
    "second_factor_failed", "refresh_reuse", "logout", "totp_enabled", "totp_disabled",
    "role_changed", "account_created", "decision",
})

logger = logging.getLogger("server.identity.audit")


def masked(identifier: str) -> str:
    """An identifier as the audit trail may keep it: only its last four characters."""
    cleaned = identifier.strip()
    return "…" + cleaned[-4:] if len(cleaned) > 4 else "…"


def record(
    session: Session, event: str, *, user_id: int | None = None, actor_id: int | None = None,
    address: str | None = None, **details: Any,
) -> None:
    """Add an audit row to the caller's transaction and log the event (without secrets)."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    session.add(SecurityEvent(
        at=utc_now(), event=event, user_id=user_id, actor_id=actor_id, address=address,
        details=details,
    ))
    # Only fixed words and ids reach the log line: no user-typed text (log injection, 16.4.1).
    logger.info("security event %s user=%s actor=%s", event, user_id, actor_id)
