"""CPU per cached read, in process: the real app called as a WSGI function, no server, no wrk.

The machine is shared and wrk figures move ±30 % with others' load; CPU time of a few thousand
requests through the WSGI callable moves far less and shows where the shared per-request work
(request id, access log, locale, guards, flask-smorest, Flask-Limiter) goes.  The bundled
catalogue is used; search runs over the benchmark's queries.

    python benchmarks/profile_catalogue.py [--count 5000] [--profile PATH]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench_catalogue import REAL_QUERIES
from harness import ROOT, migrated_sqlite

sys.path.insert(0, str(ROOT))

#: name -> (path, query string, headers)
REQUESTS: dict[str, tuple[str, str, dict[str, str]]] = {
    "health": ("/api/v1/health", "", {}),
    "catalogue uz-Latn": ("/api/v1/catalogue", "", {}),
    "catalogue ru (Accept-Language)": ("/api/v1/catalogue", "", {"Accept-Language": "ru"}),
    "catalogue en (?lang)": ("/api/v1/catalogue", "lang=en", {}),
    "services/id-card ru": ("/api/v1/services/id-card", "lang=ru", {}),
    "services/id-card 304": ("/api/v1/services/id-card", "", {"If-None-Match": "*"}),
    "search": ("/api/v1/catalogue", f"q={quote(REAL_QUERIES[0])}&lang=uz-Latn", {}),
}


def wsgi_get(app: Any, path: str, query: str = "", headers: dict[str, str] | None = None
             ) -> Callable[[], str]:
    """One GET through the app's WSGI callable, as gunicorn makes it; returns the status line."""
    environ_base: dict[str, Any] = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
        "SERVER_NAME": "bench", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr,
        "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
        "wsgi.version": (1, 0), "wsgi.input": io.BytesIO(b""),
        **{"HTTP_" + name.upper().replace("-", "_"): value
           for name, value in (headers or {}).items()},
    }
    status: list[str] = []

    def start_response(line: str, _headers: Any, _exc: Any = None) -> None:
        status.append(line)

    def call() -> str:
        body: Iterable[bytes] = app(dict(environ_base), start_response)
        for _chunk in body:
            pass
        close = getattr(body, "close", None)
        if close is not None:
            close()
        return status.pop()

    return call


def timed(call: Callable[[], str], count: int) -> tuple[float, str]:
    for _ in range(200):
        call()
    started = time.process_time()
    status = ""
    for _ in range(count):
        status = call()
    return (time.process_time() - started) / count, status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--profile", default=None, help="cProfile /catalogue into this file")
    parser.add_argument("--top", type=int, default=35)
    args = parser.parse_args()
    from server import create_app

    with tempfile.TemporaryDirectory(prefix="xizmat-profile-catalogue-") as tmp:
        folder = Path(tmp)
        url = migrated_sqlite(folder)
        # The access log goes where gunicorn sends it (a file), not to this terminal.
        with open(os.devnull, "w", encoding="utf-8") as sink:
            stderr, sys.stderr = sys.stderr, sink
            try:
                app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(folder / "instance"),
                                  "LOG_LEVEL": "INFO"})
                gc.collect()
                gc.freeze()  # as gunicorn.conf.py does in every worker
                sys.path.insert(0, str(ROOT / "benchmarks"))
                from hello_app import app as hello_app

                hello, _ = timed(wsgi_get(hello_app, "/hello"), args.count)
                lines = [f"{'H (Flask jsonify 2 KB)':32} {hello * 1e6:7.1f} µs  1.00 × H"]
                for name, (path, query, headers) in REQUESTS.items():
                    cpu, status = timed(wsgi_get(app, path, query, headers), args.count)
                    lines.append(f"{name:32} {cpu * 1e6:7.1f} µs  {hello / cpu:.2f} × H  {status}")
                if args.profile:
                    call = wsgi_get(app, "/api/v1/catalogue")
                    profiler = cProfile.Profile()
                    profiler.runcall(lambda: [call() for _ in range(args.count)])
                    profiler.dump_stats(args.profile)
            finally:
                sys.stderr = stderr
    print("\n".join(lines))
    if args.profile:
        stats = pstats.Stats(args.profile)
        stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
