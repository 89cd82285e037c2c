"""Who is asking: the bearer access token of the request, and the roles a route requires.

``require_user("officer")`` answers 401 without a valid token and 403 for another role;
``current_user()`` is the signed-in :class:`User`, loaded once per request.  The same token
gives the user's saved locale to the locale negotiation (installed as the
``user_locale_loader``), between ``?lang=`` and ``Accept-Language``.

The user's row is read once per request with a prebuilt select run on the driver
(:mod:`server.prepared`; the ORM's ``get`` cost four times as much); :func:`current_account`
gives the few columns most views need as a plain :class:`Account`, and :func:`current_user`
makes the ORM object from the same row only when a view asks for it (to change the user).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from flask import current_app, g, request
from flask.ctx import _AppCtxGlobals
from flask.sansio.app import App
from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.util import identity_key

from server.db import get_connection, get_session
from server.errors import Problem
from server.i18n import N_, USER_LOCALE_LOADER, needs_authorization
from server.identity.models import ROLES, User
from server.identity.tokens import AccessClaims, read_access_token
from server.prepared import read_first

P = ParamSpec("P")
R = TypeVar("R")

_UNAUTHENTICATED = {"WWW-Authenticate": 'Bearer realm="xizmat"'}


def signing_key() -> str:
    key: str = current_app.config["SECRET_KEY"]
    return key


def request_claims() -> AccessClaims | None:
    """The claims of the request's bearer token, or None (no token, or not a valid one)."""
    app_globals: _AppCtxGlobals = g._get_current_object()  # one context lookup, not three
    if "xizmat_claims" not in app_globals:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        claims = None
        if scheme.lower() == "bearer" and token.strip():
            claims = read_access_token(token.strip(), signing_key())
        app_globals.xizmat_claims = claims
    claims_or_none: AccessClaims | None = app_globals.xizmat_claims
    return claims_or_none


_USERS: Table = User.__table__  # type: ignore[assignment]
_SELECT_USER = select(_USERS).where(_USERS.c.id == bindparam("user_id"))


@dataclass(frozen=True, slots=True)
class Account:
    """The signed-in person as most views need them (a plain object, no ORM state).

    Read when the request starts: a change to the user later in the same request (PATCH /me)
    is not reflected here; such views use :func:`current_user`.
    """

    id: int
    role: str
    agency: str | None
    locale: str | None
    phone: str
    full_name: str


def _user_row() -> Mapping[str, Any] | None:
    """The signed-in user's row (read once per request), or None without a valid token."""
    app_globals: _AppCtxGlobals = g._get_current_object()  # one context lookup, not three
    if "xizmat_user_row" not in app_globals:
        claims = request_claims()
        row = None
        if claims is not None:
            row = read_first(get_connection(), _SELECT_USER, {"user_id": claims.user_id})
        app_globals.xizmat_user_row = row
    found: Mapping[str, Any] | None = app_globals.xizmat_user_row
    return found


def _unauthenticated() -> Problem:
    return Problem(401, detail=N_("Sign in to continue."), headers=_UNAUTHENTICATED)


def current_account() -> Account:
    """The signed-in person's id, role, agency, locale, phone and name; 401 without a valid
    access token (or when the account no longer exists)."""
    app_globals: _AppCtxGlobals = g._get_current_object()  # one context lookup, not two
    account: Account | None = app_globals.get("xizmat_account")
    if account is None:
        row = _user_row()
        if row is None:
            raise _unauthenticated()
        account = app_globals.xizmat_account = Account(
            id=row["id"], role=row["role"], agency=row["agency"], locale=row["locale"],
            phone=row["phone"], full_name=row["full_name"])
    return account


def current_user() -> User:
    """The signed-in user as an ORM object of the request's session (changes to it are saved
    on commit); 401 when the request has no valid access token."""
    user: User | None = g.get("xizmat_user")
    if user is None:
        row = _user_row()
        if row is None:
            raise _unauthenticated()
        user = _persistent_user(row)
        g.xizmat_user = user
    return user


def _persistent_user(row: Mapping[str, Any]) -> User:
    """The session's object for ``row``: the one it already holds, else one made from the row
    and attached as if the session had loaded it (no second query)."""
    session = get_session()
    held = session.identity_map.get(identity_key(User, row["id"]))
    if isinstance(held, User):
        return held
    user = User(**row)
    make_transient_to_detached(user)  # "loaded, unchanged": only later changes are flushed
    session.add(user)
    return user


def require_user(*roles: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Only signed-in users (of one of ``roles`` when given) may call the decorated view."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")

    def decorator(view: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(view)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            user = current_account()
            if roles and user.role not in roles:
                raise Problem(403, detail=N_("Your account may not do this."))
            return view(*args, **kwargs)

        return wrapper

    return decorator


@needs_authorization  # without credentials nobody is signed in: negotiation skips the call
def saved_locale_of_signed_in_user() -> str | None:
    """The locale loader for negotiation: quiet (None) when nobody is signed in."""
    row = _user_row() if request_claims() is not None else None
    return row["locale"] if row is not None else None


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

