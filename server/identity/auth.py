"""Who is asking: the bearer access token of the request, and the roles a route requires.

``require_user("officer")`` answers 401 without a valid token and 403 for another role;
``current_user()`` is the signed-in :class:`User`, loaded once per request.  The same token
gives the user's saved locale to the locale negotiation (installed as the
``user_locale_loader``), between ``?lang=`` and ``Accept-Language``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from flask import current_app, g, request
from flask.sansio.app import App

from server.db import get_session
from server.errors import Problem
from server.i18n import N_, USER_LOCALE_LOADER
from server.identity.models import ROLES, User
from server.identity.tokens import AccessClaims, read_access_token

P = ParamSpec("P")
R = TypeVar("R")

_UNAUTHENTICATED = {"WWW-Authenticate": 'Bearer realm="xizmat"'}


def signing_key() -> str:
    key: str = current_app.config["SECRET_KEY"]
    return key


def request_claims() -> AccessClaims | None:
    """The claims of the request's bearer token, or None (no token, or not a valid one)."""
    if "xizmat_claims" not in g:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        claims = None
        if scheme.lower() == "bearer" and token.strip():
            claims = read_access_token(token.strip(), signing_key())
        g.xizmat_claims = claims
    claims_or_none: AccessClaims | None = g.xizmat_claims
    return claims_or_none


def _load_user() -> User | None:
    if "xizmat_user" not in g:
        claims = request_claims()
        g.xizmat_user = get_session().get(User, claims.user_id) if claims else None
    user: User | None = g.xizmat_user
    return user


def current_user() -> User:
    """The signed-in user; 401 when the request has no valid access token."""
    user = _load_user()
    if user is None:
        raise Problem(401, detail=N_("Sign in to continue."), headers=_UNAUTHENTICATED)
    return user


def require_user(*roles: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Only signed-in users (of one of ``roles`` when given) may call the decorated view."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")

    def decorator(view: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(view)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            user = current_user()
            if roles and user.role not in roles:
                raise Problem(403, detail=N_("Your account may not do this."))
            return view(*args, **kwargs)

        return wrapper

    return decorator


def saved_locale_of_signed_in_user() -> str | None:
    """The locale loader for negotiation: quiet (None) when nobody is signed in."""
    if request_claims() is None:
        return None
    user = _load_user()
    return user.locale if user is not None else None


def install_locale_loader(app: App) -> None:
    app.extensions[USER_LOCALE_LOADER] = saved_locale_of_signed_in_user


def add_bearer_scheme(app: App) -> None:
    """Declare the bearer token in the OpenAPI document (once per app)."""
    spec = app.extensions["xizmat_api"].spec
    if "bearerAuth" not in spec.components.security_schemes:
        spec.components.security_scheme(
            "bearerAuth", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})


def client_address() -> str:
    return request.remote_addr or ""

