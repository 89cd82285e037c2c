"""Time-based one-time codes (RFC 6238, 30-second steps, 6 digits) with pyotp.

A code is accepted in the current step or the one before (clock drift), and never twice: the
step of the last accepted code is kept on the account.
"""

from __future__ import annotations

import time

import pyotp

from server.identity.models import User

ISSUER_NAME = "Xizmat"
STEP_SECONDS = 30


def new_secret() -> str:
    return pyotp.random_base32()  # 160 bits, as RFC 4226 recommends


def provisioning_uri(secret: str, account_name: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account_name, issuer_name=ISSUER_NAME)


def matching_step(secret: str, code: str, at: float | None = None) -> int | None:
    """The time step ``code`` belongs to (now or one step back), or None if it matches neither."""
    cleaned = "".join(code.split())
    if len(cleaned) != 6 or not cleaned.isdigit():
        return None
    moment = time.time() if at is None else at
    totp = pyotp.TOTP(secret)
    current = int(moment // STEP_SECONDS)
    for step in (current, current - 1):
        if totp.at(step * STEP_SECONDS) == cleaned:
            return step
    return None


def accept_code(user: User, code: str, secret: str | None = None) -> bool:
    """Check ``code`` against the user's secret (or ``secret`` during enrolment) and burn it."""
    key = secret or user.totp_secret
    if not key:
        return False
    step = matching_step(key, code)
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    return True
