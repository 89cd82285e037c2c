"""Server foundation under load: health, prebuilt locales (200 and 304), the 404 problem path.

    python benchmarks/bench_foundation.py [--duration 10]

Each figure is also given as a ratio to H (Flask ``jsonify`` of 2 KB, same gunicorn settings,
same run).  Targets from notes/performance.md: prebuilt read paths at or above H (they skip
serialization), a problem+json error close to H (it is rendered per request).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # runnable as a plain script

from harness import Endpoint, fetch, parse_duration, run_suite


def current_etag(base_url: str) -> Mapping[str, str]:
    _, headers = fetch(base_url + "/api/v1/locales?lang=ru")
    return {"If-None-Match": headers["ETag"]}


ENDPOINTS = [
    Endpoint("GET /api/v1/health", "/api/v1/health"),
    Endpoint("GET /api/v1/locales?lang=ru (prebuilt bytes)", "/api/v1/locales?lang=ru"),
    Endpoint(
        "GET /api/v1/locales?lang=ru, If-None-Match (304)",
        "/api/v1/locales?lang=ru",
        expect_status=304,
        prepare=current_etag,
    ),
    Endpoint(
        "GET /api/v1/nope, Accept-Language uz-Cyrl-UZ (404 problem+json)",
        "/api/v1/nope",
        headers={"Accept-Language": "uz-Cyrl-UZ"},
        expect_status=404,
    ),
]


def main() -> None:
    run_suite(
        "Server foundation",
        ENDPOINTS,
        duration=parse_duration(),
        notes="Every response passes the request-id, JSON access log, locale negotiation and "
        "Content-Language hooks; the app runs on a fresh migrated SQLite file.",
    )


if __name__ == "__main__":
    main()
