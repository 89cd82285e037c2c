"""``/api/v1/me``: the signed-in person's profile, settings and second factor.

Settings (locale, type size, theme, speech) live on the server so they follow the person to
any device.  Citizens may turn the one-time code on and off; staff cannot turn it off.
"""

from __future__ import annotations

from typing import Any

from locales import BCP47_TAGS
from server.db import get_session
from server.errors import Problem
from server.i18n import N_
from server.identity import audit, totp
from server.identity.auth import client_address, current_user, require_user
from server.identity.blueprint import blp
from server.identity.schemas import (
    ProfilePatchSchema,
    TotpCodeSchema,
    TotpEnrolmentSchema,
    UserSchema,
)
from server.identity.views import user_json

SECURITY: list[dict[str, list[str]]] = [{"bearerAuth": []}]


@blp.route("/me", methods=["GET"])
@blp.doc(security=SECURITY)
@blp.response(200, UserSchema)
@require_user()
def read_profile() -> dict[str, Any]:
    """The signed-in person's profile and settings."""
    return user_json(current_user())


@blp.route("/me", methods=["PATCH"])
@blp.doc(security=SECURITY)
@blp.arguments(ProfilePatchSchema, required=False)
@blp.response(200, UserSchema)
@require_user()
def update_profile(changes: dict[str, Any]) -> dict[str, Any]:
    """Change the name, the preferred language or accessibility settings (only those given)."""
    user = current_user()
    if "full_name" in changes:
        user.full_name = changes["full_name"].strip()
    if "locale" in changes:
        tag = changes["locale"]
        user.locale = next((name for name, value in BCP47_TAGS.items() if value == tag), None)
    if "preferences" in changes:
        user.preferences = {**(user.preferences or {}), **changes["preferences"]}
    get_session().commit()
    return user_json(user)


@blp.route("/me/totp", methods=["POST"])
@blp.doc(security=SECURITY)
@blp.response(201, TotpEnrolmentSchema)
@require_user()
def start_totp_enrolment() -> dict[str, Any]:
    """Start setting up a one-time code: a new secret to add to an authenticator app.

    The code is not required until it is confirmed with a first valid code.
    """
    user = current_user()
    if user.totp_enabled:
        raise Problem(409, detail=N_("One-time codes are already turned on."))
    user.totp_secret = totp.new_secret()
    user.totp_last_step = None
    get_session().commit()
    return {"secret": user.totp_secret,
            "otpauth_uri": totp.provisioning_uri(user.totp_secret, user.phone)}


@blp.route("/me/totp/confirm", methods=["POST"])
@blp.doc(security=SECURITY)
@blp.arguments(TotpCodeSchema)
@blp.response(200, UserSchema)
@require_user()
def confirm_totp(data: dict[str, Any]) -> dict[str, Any]:
    """Turn one-time codes on with the first code the authenticator app shows."""
    user = current_user()
    if user.totp_enabled:
        raise Problem(409, detail=N_("One-time codes are already turned on."))
    if not user.totp_secret:
        raise Problem(409, detail=N_("Start setting up one-time codes first."))
    if not totp.accept_code(user, data["code"]):
        raise Problem(422, detail=N_("The one-time code is not correct."),
                      errors={"code": [N_("The one-time code is not correct.")]})
    user.totp_enabled = True
    session = get_session()
    audit.record(session, "totp_enabled", user_id=user.id, address=client_address())
    session.commit()
    return user_json(user)


@blp.route("/me/totp/disable", methods=["POST"])
@blp.doc(security=SECURITY)
@blp.arguments(TotpCodeSchema)
@blp.response(200, UserSchema)
@require_user("citizen")
def disable_totp(data: dict[str, Any]) -> dict[str, Any]:
    """Turn one-time codes off (citizens only), confirmed with a current code."""
    user = current_user()
    if not user.totp_enabled:
        raise Problem(409, detail=N_("One-time codes are not turned on."))
    if not totp.accept_code(user, data["code"]):
        raise Problem(422, detail=N_("The one-time code is not correct."),
                      errors={"code": [N_("The one-time code is not correct.")]})
    user.totp_enabled = False
    user.totp_secret = None
    session = get_session()
    audit.record(session, "totp_disabled", user_id=user.id, address=client_address())
    session.commit()
    return user_json(user)
