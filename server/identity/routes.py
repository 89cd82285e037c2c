"""The accounts API: registration, sign-in, token refresh and logout (``/api/v1/auth``).

The profile and second-factor routes live in :mod:`server.identity.profile` on the same
blueprint.  Sign-in and registration are limited per address (Flask-Limiter) and sign-in also
per account (a growing wait after repeated failures), both answered 429 with Retry-After.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app
from sqlalchemy.orm import Session

from locales import BCP47_TAGS
from server.db import get_session
from server.errors import Problem
from server.extensions import limiter
from server.i18n import N_
from server.identity import accounts, audit, cli, profile, totp
from server.identity.auth import client_address, signing_key
from server.identity.blueprint import blp
from server.identity.models import User, utc_now
from server.identity.passwords import password_problems
from server.identity.schemas import (
    LoginSchema,
    RefreshTokenSchema,
    RegisterSchema,
    TokenPairSchema,
)
from server.identity.tokens import (
    ACCESS_TOKEN_LIFETIME,
    RefreshRefusedError,
    issue_access_token,
    issue_refresh_token,
    revoke_token_family,
    rotate_refresh_token,
)
from server.identity.views import user_json

__all__ = ["blp", "cli", "profile"]

#: ``app.extensions`` key of the optional check run before an account is opened.
REGISTRATION_CHECK = "registration_check"
RegistrationCheck = Callable[[Session, str, str], None]
WRONG_CREDENTIALS = N_("The PINFL or phone number, or the password, is not correct.")


def _login_limit() -> str:
    return str(current_app.config.get("LOGIN_RATE_LIMIT", "20 per minute"))


def _register_limit() -> str:
    return str(current_app.config.get("REGISTER_RATE_LIMIT", "10 per minute"))


def _too_many(seconds: int) -> Problem:
    """429 whose detail counts the wait in the reader's plural forms (the foundation's)."""
    return Problem(429, headers={"Retry-After": str(seconds)}, seconds=seconds)


def token_pair(user: User) -> dict[str, Any]:
    """New access and refresh tokens for ``user`` (added to the session; caller commits)."""
    session = get_session()
    return {
        "access_token": issue_access_token(user, signing_key()),
        "token_type": "Bearer",
        "expires_in": int(ACCESS_TOKEN_LIFETIME.total_seconds()),
        "refresh_token": issue_refresh_token(session, user.id),
        "user": user_json(user),
    }


@blp.route("/auth/register", methods=["POST"])
@limiter.limit(_register_limit)
@blp.arguments(RegisterSchema)
@blp.response(201, TokenPairSchema)
def register(data: dict[str, Any]) -> dict[str, Any]:
    """Create a citizen's account and sign in."""
    errors: dict[str, list[str]] = {}
    pinfl_error = accounts.pinfl_error(data["pinfl"])
    pinfl = None if pinfl_error else "".join(data["pinfl"].split())
    phone = accounts.normalize_phone(data["phone"])
    if pinfl_error:
        errors["pinfl"] = [pinfl_error]
    if phone is None:
        errors["phone"] = [N_("Enter a phone number of Uzbekistan: +998 and nine digits.")]
    problems = password_problems(data["password"], pinfl=pinfl or "", phone=phone or "")
    if problems:
        errors["password"] = problems
    if errors or pinfl is None or phone is None:
        raise Problem(422, detail=N_("Some fields need your attention."), errors=errors)
    session = get_session()
    if accounts.taken(session, pinfl, phone):
        raise Problem(409, detail=N_("An account with this PINFL or phone number already exists. "
                                     "Sign in instead."))
    full_name = data["full_name"].strip()
    # A seam for the registries part: it may require the civil registry to know this person
    # (raising a localized Problem otherwise).  Without it, any valid PINFL may register.
    registration_check: RegistrationCheck | None = current_app.extensions.get(
        REGISTRATION_CHECK)
    if registration_check is not None:
        registration_check(session, pinfl, full_name)
    locale = next((name for name, tag in BCP47_TAGS.items() if tag == data["locale"]), None)
    user = accounts.new_user(pinfl, phone, data["password"], full_name=full_name, locale=locale)
    session.add(user)
    session.flush()
    audit.record(session, "registered", user_id=user.id, address=client_address())
    pair = token_pair(user)
    session.commit()
    return pair


@blp.route("/auth/login", methods=["POST"])
@limiter.limit(_login_limit)
@blp.arguments(LoginSchema)
@blp.response(200, TokenPairSchema)
def login(data: dict[str, Any]) -> dict[str, Any]:
    """Sign in with PINFL or phone number and password (and a one-time code when enabled)."""
    session = get_session()
    now = utc_now()
    address = client_address()
    user = accounts.find_by_login(session, data["login"])
    if user is not None and (wait := accounts.lock_remaining(user, now)) is not None:
        audit.record(session, "sign_in_refused_locked", user_id=user.id, address=address)
        session.commit()
        raise _too_many(wait)
    hashing = accounts.hashing()
    if not hashing.verify(user.password_hash if user else None, data["password"]) or not user:
        audit.record(session, "sign_in_failed", user_id=user.id if user else None,
                     address=address, login=audit.masked(data["login"]))
        _fail(user, now, address)
        raise Problem(401, detail=WRONG_CREDENTIALS)
    if user.role != "citizen" and not user.totp_enabled:
        audit.record(session, "sign_in_failed", user_id=user.id, address=address,
                     reason="second_factor_not_set_up")
        session.commit()
        raise Problem(403, detail=N_("Staff accounts must use a one-time code. Ask an "
                                     "administrator to set it up."))
    if user.totp_enabled:
        if not data["otp"]:
            raise Problem(401, detail=N_("Enter the one-time code from your authenticator app."),
                          errors={"otp": [N_("This field is required.")]})
        if not totp.accept_code(user, data["otp"]):
            audit.record(session, "second_factor_failed", user_id=user.id, address=address)
            _fail(user, now, address)
            raise Problem(401, detail=N_("The one-time code is not correct."),
                          errors={"otp": [N_("The one-time code is not correct.")]})
    accounts.note_success(user)
    if hashing.needs_rehash(user.password_hash):
        user.password_hash = hashing.hash(data["password"])
    audit.record(session, "sign_in", user_id=user.id, address=address)
    pair = token_pair(user)
    session.commit()
    return pair


def _fail(user: User | None, now: Any, address: str) -> None:
    """Count a failure on the account; commit; raise 429 when it starts a lock."""
    session = get_session()
    locked_for = accounts.note_failure(user, now) if user is not None else None
    if user is not None and locked_for is not None:
        audit.record(session, "lockout", user_id=user.id, address=address,
                     seconds=locked_for, failures=user.failed_logins)
    session.commit()
    if locked_for is not None:
        raise _too_many(locked_for)


@blp.route("/auth/refresh", methods=["POST"])
@limiter.limit(_login_limit)
@blp.arguments(RefreshTokenSchema)
@blp.response(200, TokenPairSchema)
def refresh(data: dict[str, Any]) -> dict[str, Any]:
    """Exchange a refresh token (used once) for new tokens."""
    session = get_session()
    try:
        user_id, next_token = rotate_refresh_token(session, data["refresh_token"])
    except RefreshRefusedError as refused:
        if refused.reused:
            audit.record(session, "refresh_reuse", user_id=refused.user_id,
                         address=client_address())
        session.commit()
        raise Problem(401, detail=N_("Your session has ended. Sign in again.")) from None
    user = session.get(User, user_id)
    if user is None:
        raise Problem(401, detail=N_("Your session has ended. Sign in again."))
    pair = {
        "access_token": issue_access_token(user, signing_key()),
        "token_type": "Bearer",
        "expires_in": int(ACCESS_TOKEN_LIFETIME.total_seconds()),
        "refresh_token": next_token,
        "user": user_json(user),
    }
    session.commit()
    return pair


@blp.route("/auth/logout", methods=["POST"])
@blp.arguments(RefreshTokenSchema)
@blp.response(204)
def logout(data: dict[str, Any]) -> None:
    """End the sign-in: its refresh token (and every token rotated from it) stops working."""
    session = get_session()
    user_id = revoke_token_family(session, data["refresh_token"])
    if user_id is not None:
        audit.record(session, "logout", user_id=user_id, address=client_address())
    session.commit()

