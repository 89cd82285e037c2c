"""Structured logs: one JSON line per request, every line carrying the request id.

Each request gets an ``X-Request-Id`` (the client's, when it sends a sane one, so a trace can
cross services; otherwise a new random one), answered in the response header and in problem
bodies.  The access line records method, path (never the query string, which may hold
tokens or national ids), status, duration and locale.  JSON encoding escapes control
characters, so user input cannot forge log lines.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import traceback
import uuid
from datetime import UTC, datetime
from typing import Any, Final

import orjson
from flask import Flask, Response, g, request

REQUEST_ID_HEADER: Final[str] = "X-Request-Id"
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}\Z")
#: Attributes every LogRecord has; anything else was passed with ``extra=`` and is logged.
_STANDARD_ATTRIBUTES: Final[frozenset[str]] = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys() | {"message", "asctime"}
)

access_logger = logging.getLogger("server.access")


class JsonFormatter(logging.Formatter):
    """A LogRecord as one JSON object: time, level, logger, message and ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = "".join(traceback.format_exception(*record.exc_info))
        return orjson.dumps(entry, default=str).decode()


def configure_logging(level: str) -> None:
    """JSON lines on stderr for the ``server`` loggers (idempotent: tests build many apps)."""
    root = logging.getLogger("server")
    root.setLevel(level)
    if not any(isinstance(handler.formatter, JsonFormatter) for handler in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
    root.propagate = False


def assign_request_id() -> None:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = incoming if _SANE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def log_request(response: Response) -> Response:
    request_id = g.get("request_id") or uuid.uuid4().hex
    response.headers[REQUEST_ID_HEADER] = request_id
    started = g.get("request_started")
    duration_ms = round((time.perf_counter() - started) * 1000, 2) if started else None
    access_logger.info(
        "request",
        extra={
            "request_id": request_id,
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": duration_ms,
            "locale": g.get("xizmat_locale"),
        },
    )
    return response


def init_app(app: Flask) -> None:
    configure_logging(app.config.get("LOG_LEVEL", "INFO"))
    # First before_request and (after_request runs in reverse) last after_request, so the id
    # exists for every other hook and the log line sees the final status.
    app.before_request_funcs.setdefault(None, []).insert(0, assign_request_id)
    app.after_request_funcs.setdefault(None, []).insert(0, log_request)
