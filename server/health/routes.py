"""``/api/v1/health`` (alive), ``/api/v1/ready`` (database usable), ``/api/v1/locales``.

``health`` and ``locales`` answer from bytes built once at start (per locale for the latter,
with an ETag); ``ready`` asks the database each time, since that is its purpose.
"""

from __future__ import annotations

import hashlib
from typing import Any, Final

from flask import Flask, Response, current_app, request
from flask_smorest import Blueprint
from sqlalchemy.exc import SQLAlchemyError

from locales import BCP47_TAGS, DEFAULT_LOCALE, NATIVE_NAMES, SCRIPTS, SUPPORTED_LOCALES
from locales.stats import all_locale_stats
from server import migrations
from server.api import json_bytes, prebuilt
from server.db import get_engine
from server.errors import Problem
from server.health.schemas import HealthSchema, LocalesSchema, ReadySchema
from server.i18n import N_, current_locale, translate

blp = Blueprint("health", __name__, description="Service health and the locales it speaks")

#: Each locale's name as a reader of another locale sees it.
LOCALE_NAMES: Final[dict[str, str]] = {
    "uz_Latn": N_("Uzbek (Latin)"),
    "uz_Cyrl": N_("Uzbek (Cyrillic)"),
    "ru": N_("Russian"),
    "en": N_("English"),
}
DATABASE_UNREACHABLE: Final[str] = N_("The database cannot be reached. Try again later.")
SCHEMA_OUTDATED: Final[str] = N_("The database schema is not up to date.")

#: Documented on every operation here: the two ways a client picks the locale.
LOCALE_PARAMETERS: Final[list[dict[str, Any]]] = [
    {
        "in": "query",
        "name": "lang",
        "required": False,
        "schema": {"type": "string"},
        "description": "Locale (uz-Latn, uz-Cyrl, ru, en); wins over Accept-Language",
    },
    {
        "in": "header",
        "name": "Accept-Language",
        "required": False,
        "schema": {"type": "string"},
    },
]
_HEALTH_BODY: Final[bytes] = json_bytes({"status": "ok"})
_PAYLOADS_KEY = "xizmat_locales_payloads"


@blp.route("/health")
@prebuilt
@blp.doc(parameters=LOCALE_PARAMETERS)
@blp.response(200, HealthSchema)
def health() -> Response:
    """The process is alive (no dependencies checked)."""
    return Response(_HEALTH_BODY, mimetype="application/json")


@blp.route("/ready")
@blp.doc(parameters=LOCALE_PARAMETERS)
@blp.response(200, ReadySchema)
@blp.alt_response(503, description="Database unreachable or not migrated")
def ready() -> dict[str, str]:
    """The database answers and its schema is at the revision this code expects."""
    engine = get_engine()
    try:
        with engine.connect() as connection:
            current = migrations.current_revisions(connection)
    except SQLAlchemyError as error:
        current_app.logger.warning("readiness check failed: %s", type(error).__name__)
        raise Problem(503, detail=DATABASE_UNREACHABLE, headers={"Retry-After": "5"}) from None
    if set(current) != set(migrations.head_revisions()):
        raise Problem(503, detail=SCHEMA_OUTDATED, headers={"Retry-After": "30"})
    return {
        "status": "ready",
        "database": engine.dialect.name,
        "schema_revision": ", ".join(current),
    }


@blp.route("/locales")
@prebuilt
@blp.doc(
    parameters=[
        *LOCALE_PARAMETERS,
        {"in": "header", "name": "If-None-Match", "required": False, "schema": {"type": "string"}},
    ]
)
@blp.response(200, LocalesSchema)
@blp.alt_response(304, description="Not modified (ETag matched)")
def locales() -> Response:
    """The supported locales: tag, names, script and translation completeness."""
    body, etag = current_app.extensions[_PAYLOADS_KEY][current_locale()]
    if etag in request.if_none_match:
        response = Response(status=304)
    else:
        response = Response(body, mimetype="application/json")
    response.headers["ETag"] = f'"{etag}"'
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def locales_document(locale: str) -> dict[str, Any]:
    stats = all_locale_stats()
    return {
        "default": BCP47_TAGS[DEFAULT_LOCALE],
        "current": BCP47_TAGS[locale],
        "locales": [
            {
                "tag": BCP47_TAGS[code],
                "code": code,
                "name": translate(LOCALE_NAMES[code], locale),
                "native_name": NATIVE_NAMES[code],
                "script": SCRIPTS[code],
                "completeness": stats[code].percent,
                "translated": stats[code].translated,
                "total": stats[code].total,
            }
            for code in SUPPORTED_LOCALES
        ],
    }


def prebuild(app: Flask) -> None:
    """Render ``/locales`` once per locale (bytes and ETag) when the app starts."""
    payloads: dict[str, tuple[bytes, str]] = {}
    for locale in SUPPORTED_LOCALES:
        body = json_bytes(locales_document(locale))
        payloads[locale] = (body, hashlib.sha256(body).hexdigest()[:20])
    app.extensions[_PAYLOADS_KEY] = payloads
