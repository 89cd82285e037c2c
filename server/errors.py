"""One error format for every error: ``application/problem+json`` (RFC 9457).

Domains raise :class:`Problem` (or let werkzeug/webargs raise an ``HTTPException``); every
path ends in :func:`problem_response`, which renders a localized ``title`` (by status) and
``detail`` (a message id with named parameters), the ``status``, the request id, and for
invalid input an ``errors`` map field -> localized messages.  Unexpected exceptions become a
500 that says nothing about the code; the traceback goes to the log with the request id.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, Final

import orjson
from flask import Flask, Response, current_app, g, has_app_context, has_request_context
from flask_limiter.errors import RateLimitExceeded
from werkzeug.exceptions import HTTPException

from server.extensions import seconds_until_reset
from server.i18n import N_, _n, current_locale, translate, translate_plural
from server.i18n.validation import localize_errors

PROBLEM_CONTENT_TYPE: Final[str] = "application/problem+json"

#: Localized title of each status (RFC 9457: a short, status-level summary).
TITLES: Final[dict[int, str]] = {
    400: N_("Bad request"),
    401: N_("Sign-in required"),
    403: N_("Access denied"),
    404: N_("Not found"),
    405: N_("Method not allowed"),
    406: N_("Not acceptable"),
    409: N_("Conflict"),
    410: N_("No longer available"),
    412: N_("Precondition failed"),
    413: N_("Request too large"),
    415: N_("Unsupported content type"),
    422: N_("Invalid input"),
    428: N_("Precondition required"),
    429: N_("Too many requests"),
    500: N_("Internal error"),
    502: N_("Upstream service error"),
    503: N_("Service unavailable"),
    504: N_("Upstream service timed out"),
}

#: What a client gets as ``detail`` when the raiser gave none.
DEFAULT_DETAILS: Final[dict[int, str]] = {
    400: N_("The request could not be understood."),
    401: N_("Sign in to continue."),
    403: N_("You do not have permission to do this."),
    404: N_("The requested resource does not exist."),
    405: N_("This method is not allowed here; see the Allow header."),
    406: N_("The requested response format is not available."),
    409: N_("The request conflicts with the current state of the resource."),
    410: N_("This resource is no longer available."),
    412: N_("The resource has changed since you last read it."),
    # translators: %(limit)s is a number of bytes, e.g. 1048576.
    413: N_("The request body is larger than %(limit)s bytes."),
    415: N_("Send the request body as JSON (Content-Type: application/json)."),
    422: N_("Some fields are invalid; see errors."),
    428: N_("This request must be conditional (If-Match)."),
    500: N_("Something went wrong on our side. Try again later."),
    502: N_("A service we depend on answered with an error."),
    503: N_("The service is temporarily unavailable. Try again later."),
    504: N_("A service we depend on did not answer in time."),
}
GENERIC_CLIENT_TITLE: Final[str] = N_("Request failed")
GENERIC_SERVER_TITLE: Final[str] = N_("Server error")
INVALID_JSON_DETAIL: Final[str] = N_("The request body is not valid JSON.")
#: 429's detail counts the seconds to wait, so it needs the locale's plural forms.
# translators: %(num)d is the number of seconds the client should wait.
RETRY_AFTER_DETAIL: Final[tuple[str, str]] = _n(
    "Too many requests; try again in %(num)d second.",
    "Too many requests; try again in %(num)d seconds.",
)

logger = logging.getLogger(__name__)


class Problem(Exception):  # noqa: N818 - the name is the team contract (RFC 9457 "problem")
    """An error to answer with: ``raise Problem(409, detail=N_("..."), name=value)``.

    ``detail`` is an English message id rendered in the reader's locale with ``params``;
    ``errors`` maps field -> messages (message ids or marshmallow texts, localized on render).
    """

    def __init__(
        self,
        status: int,
        detail: str | None = None,
        errors: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        **params: Any,
    ) -> None:
        HTTPStatus(status)  # an unknown status is a programming error: fail here, loudly
        super().__init__(detail or DEFAULT_DETAILS.get(status, ""))
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = dict(headers or {})
        self.params = params


def title_for(status: int, locale: str | None = None) -> str:
    fallback = GENERIC_SERVER_TITLE if status >= 500 else GENERIC_CLIENT_TITLE
    return translate(TITLES.get(status, fallback), locale)


def problem_body(
    status: int,
    detail: str | None = None,
    errors: Mapping[str, Any] | None = None,
    locale: str | None = None,
    **params: Any,
) -> dict[str, Any]:
    """The problem document as a dict (localized)."""
    locale = locale or current_locale()
    msgid = detail or DEFAULT_DETAILS.get(status)
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title_for(status, locale),
        "status": status,
    }
    if status == 413 and has_app_context():
        params.setdefault("limit", current_app.config.get("MAX_CONTENT_LENGTH"))
    if msgid is None and status == 429:
        seconds = int(params.get("seconds") or 60)
        body["detail"] = translate_plural(*RETRY_AFTER_DETAIL, seconds, locale)
    elif msgid:
        body["detail"] = _render_detail(msgid, locale, params)
    if errors:
        body["errors"] = localize_errors(errors, locale)
    if has_request_context() and g.get("request_id"):
        body["request_id"] = g.request_id
    return body


def _render_detail(msgid: str, locale: str, params: Mapping[str, Any]) -> str:
    try:
        return translate(msgid, locale, **params)
    except (KeyError, ValueError, TypeError):
        # A placeholder without its parameter is a bug, but the error being reported must
        # still reach the client: send the text unformatted and leave the bug in the log.
        logger.exception("detail %r could not be formatted with %r", msgid, sorted(params))
        return translate(msgid, locale)


def problem_response(
    status: int,
    detail: str | None = None,
    errors: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    **params: Any,
) -> Response:
    response = Response(
        orjson.dumps(problem_body(status, detail, errors, **params)),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
    )
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def handle_problem(problem: Problem) -> Response:
    params = dict(problem.params)
    headers = dict(problem.headers)
    if problem.status == 429 and "seconds" not in params:
        retry_after = headers.get("Retry-After", "")
        params["seconds"] = int(retry_after) if retry_after.isdigit() else 60
    if problem.status == 429:
        headers.setdefault("Retry-After", str(params["seconds"]))
    return problem_response(problem.status, problem.detail, problem.errors, headers, **params)


def handle_http_exception(error: HTTPException) -> Response:
    """werkzeug, webargs (``abort(422, messages=...)``) and Flask-Limiter errors."""
    status = error.code or 500
    headers = {
        name: value
        for name, value in error.get_headers()
        if name.lower() not in {"content-type", "content-length"}
    }
    data = getattr(error, "data", None) or {}
    headers.update(data.get("headers") or {})
    detail: str | None = None
    params: dict[str, Any] = {}
    errors: Any = None
    messages = data.get("errors") or data.get("messages")
    if status == 400 and messages == {"json": ["Invalid JSON body."]}:
        detail, messages = INVALID_JSON_DETAIL, None
    elif status == 400 and "Failed to decode JSON object" in (error.description or ""):
        detail = INVALID_JSON_DETAIL
    if isinstance(messages, Mapping):
        # webargs nests errors under the location ("json", "query"): clients want fields.
        errors = _merge_locations(messages)
    elif messages:
        errors = {"_schema": messages}
    if isinstance(error, RateLimitExceeded) or status == 429:
        seconds = seconds_until_reset() or 60
        headers["Retry-After"] = str(seconds)
        params["seconds"] = seconds
    return problem_response(status, detail, errors, headers, **params)


_LOCATIONS: Final[frozenset[str]] = frozenset(
    {"json", "query", "querystring", "form", "files", "headers", "cookies", "view_args", "path"}
)


def _merge_locations(messages: Mapping[str, Any]) -> dict[str, Any]:
    if not set(messages) <= _LOCATIONS:
        return dict(messages)
    merged: dict[str, Any] = {}
    for location_errors in messages.values():
        if isinstance(location_errors, Mapping):
            merged.update(location_errors)
        else:
            merged.setdefault("_schema", []).extend(location_errors)
    return merged


def handle_unexpected(error: Exception) -> Response:
    """Any other exception: log the traceback, answer a bare 500."""
    if isinstance(error, HTTPException):  # registered for Exception, but keep the contract
        return handle_http_exception(error)
    logger.exception("unhandled exception", extra={"request_id": g.get("request_id")})
    return problem_response(500)


def init_app(app: Flask) -> None:
    app.register_error_handler(Problem, handle_problem)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
