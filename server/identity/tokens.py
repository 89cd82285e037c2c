"""Access tokens (signed JWT, 15 minutes) and refresh tokens (opaque, rotated, in families).

Access tokens are checked without the database: signature with an algorithm allow-list,
``exp``, ``aud``, ``iss``.  Refresh tokens are 256 random bits shown to the client once and
stored as SHA-256 digests; each is used once.  A token presented after rotation revokes its
whole family (someone replayed it), logout revokes the family, and a family ends 30 days after
the sign-in that started it whatever happens in between.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import jwt
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from server.identity.models import RefreshToken, User, utc_now

ACCESS_TOKEN_LIFETIME = timedelta(minutes=15)
REFRESH_IDLE_LIFETIME = timedelta(days=7)
REFRESH_ABSOLUTE_LIFETIME = timedelta(days=30)
AUDIENCE = "xizmat-api"
ISSUER = "xizmat"
#: The only algorithms a token may name; "none" and public-key confusion are thereby refused.
ALLOWED_ALGORITHMS = ("HS256",)
#: Verified access tokens remembered per process (a few hundred bytes each).
VERIFIED_TOKENS_CACHED = 4096


@dataclass(frozen=True, slots=True)
class AccessClaims:
    user_id: int
    role: str
    agency: str | None


def issue_access_token(user: User, key: str, now: datetime | None = None) -> str:
    moment = now or utc_now()
    claims: dict[str, Any] = {
        "sub": str(user.id),
        "role": user.role,
        "agency": user.agency,
        "aud": AUDIENCE,
        "iss": ISSUER,
        "iat": int(moment.timestamp()),
        "exp": int((moment + ACCESS_TOKEN_LIFETIME).timestamp()),
    }
    return jwt.encode(claims, key, algorithm=ALLOWED_ALGORITHMS[0])


def read_access_token(token: str, key: str) -> AccessClaims | None:
    """The claims of a valid token, or None for anything expired, forged or malformed.

    A client sends the same token with every request for 15 minutes, and checking it (PyJWT:
    base64, JSON, HMAC, claim checks) cost about a tenth of a submission's CPU.  A token that
    passed is remembered with its expiry: the same string with the same key cannot verify
    differently later, so a remembered token is only checked against the clock.  Tokens that
    fail are not remembered, so forged ones cannot crowd out real ones.
    """
    try:
        claims, expires = _verified(token, key)
    except (jwt.PyJWTError, KeyError, TypeError, ValueError):
        return None
    # PyJWT's own rule (no leeway): a token is expired from its ``exp`` second on.
    return claims if time.time() < expires else None


@lru_cache(maxsize=VERIFIED_TOKENS_CACHED)
def _verified(token: str, key: str) -> tuple[AccessClaims, int]:
    """(claims, exp) of a token that verifies now; raises for any other (never cached)."""
    claims = jwt.decode(
        token, key, algorithms=list(ALLOWED_ALGORITHMS), audience=AUDIENCE, issuer=ISSUER,
        options={"require": ["exp", "iat", "sub", "aud", "iss"]},
    )
    return (AccessClaims(int(claims["sub"]), str(claims["role"]), claims.get("agency")),
            int(claims["exp"]))


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_refresh_token(
    session: Session, user_id: int, family: str | None = None,
    family_expires_at: datetime | None = None,
) -> str:
    """A new refresh token (returned once, stored as its digest); a new family when none given."""
    now = utc_now()
    token = secrets.token_urlsafe(32)
    family_end = family_expires_at or now + REFRESH_ABSOLUTE_LIFETIME
    session.add(RefreshToken(
        user_id=user_id, family=family or secrets.token_hex(16), token_hash=digest(token),
        created_at=now, expires_at=min(now + REFRESH_IDLE_LIFETIME, family_end),
        family_expires_at=family_end,
    ))
    return token


class RefreshRefusedError(Exception):
    """The refresh token cannot be used; ``reused`` when it had been rotated already."""

    def __init__(self, reused: bool = False, user_id: int | None = None) -> None:
        super().__init__("refresh token refused")
        self.reused = reused
        self.user_id = user_id


def rotate_refresh_token(session: Session, token: str) -> tuple[int, str]:
    """Use ``token`` once: returns (user id, the next token of its family).

    Raises :class:`RefreshRefusedError`.  The caller commits (also after a refusal for reuse,
    so that the family's revocation is kept).
    """
    now = utc_now()
    record = session.scalars(
        select(RefreshToken).where(RefreshToken.token_hash == digest(token))
    ).first()
    if record is None:
        raise RefreshRefusedError()
    if record.rotated_at is not None:
        revoke_family(session, record.family)
        raise RefreshRefusedError(reused=True, user_id=record.user_id)
    if record.revoked_at is not None or record.expires_at <= now:
        raise RefreshRefusedError(user_id=record.user_id)
    # Conditional update: of two requests racing with the same token only one may win.
    claimed = session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == record.id, RefreshToken.rotated_at.is_(None))
        .values(rotated_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        revoke_family(session, record.family)
        raise RefreshRefusedError(reused=True, user_id=record.user_id)
    next_token = issue_refresh_token(
        session, record.user_id, record.family, record.family_expires_at
    )
    return record.user_id, next_token


def revoke_family(session: Session, family: str) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.family == family, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utc_now())
        .execution_options(synchronize_session=False)
    )


def revoke_token_family(session: Session, token: str) -> int | None:
    """Logout: revoke the family of ``token``; the user id, or None for an unknown token."""
    record = session.scalars(
        select(RefreshToken).where(RefreshToken.token_hash == digest(token))
    ).first()
    if record is None:
        return None
    revoke_family(session, record.family)
    return record.user_id
