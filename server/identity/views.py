"""JSON shapes of accounts, shared by the auth and profile views."""

from __future__ import annotations

from typing import Any

from locales import BCP47_TAGS
from server.identity.accounts import PREFERENCE_DEFAULTS
from server.identity.models import User


def user_json(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "pinfl": user.pinfl,
        "phone": user.phone,
        "full_name": user.full_name,
        "role": user.role,
        "agency": user.agency,
        "locale": BCP47_TAGS.get(user.locale) if user.locale else None,
        "preferences": {**PREFERENCE_DEFAULTS, **(user.preferences or {})},
        "totp_enabled": bool(user.totp_enabled),
    }
