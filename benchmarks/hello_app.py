"""The baseline H: a trivial Flask app answering a 2 KB JSON document with ``jsonify``.

Every server benchmark reports its figures as a ratio to H measured in the same run, since
the machines are noisy (notes/performance.md).  Served by gunicorn exactly as the real app.
"""

from __future__ import annotations

from flask import Flask, Response, jsonify

app = Flask(__name__)

_DOCUMENT = {
    "items": [{"id": index, "name": f"item {index}", "status": "ok"} for index in range(48)]
}


@app.get("/hello")
def hello() -> Response:
    return jsonify(_DOCUMENT)
