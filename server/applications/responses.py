"""JSON answers built with orjson (the documented schemas describe them; no per-request
marshmallow dump, see notes/performance.md)."""

from __future__ import annotations

from typing import Any

from flask import Response

from server.api import json_bytes


def json_response(body: Any, status: int = 200) -> Response:
    return Response(json_bytes(body), status=status, mimetype="application/json")
