"""CPU per submission, in process: the real app called as a WSGI function, no server, no wrk.

The machine is shared and wrk figures move with others' load; CPU time of a few thousand
submissions through the WSGI callable moves far less and shows where the time goes.  Each
call submits a different complete draft with a fresh Idempotency-Key, as bench_submit.py does.

    python benchmarks/profile_submit.py [--count 3000] [--profile] [--postgres URL]
    python benchmarks/profile_submit.py --instructions [--count 300]

``--instructions`` runs the same under valgrind's callgrind and counts the instructions of the
measured submissions only (zeroed after the warm-up, read after the last one).  Seconds on
this shared machine move by a third from one minute to the next; the count is the same from
run to run, so it shows what a change to the code did.  It counts user-space instructions:
time in the kernel (socket and file writes, WAL checkpoints) is not in it.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_submit import postgres_database, prepare
from harness import ROOT, migrated_sqlite

sys.path.insert(0, str(ROOT))


def wsgi_caller(app: Any, method: str, path: str, headers: dict[str, str],
                body: bytes) -> Callable[[], str]:
    """One request through the app's WSGI callable; returns the status line."""
    environ_base = {
        "REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "bench",
        "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr, "wsgi.multithread": False,
        "wsgi.multiprocess": True, "wsgi.run_once": False, "wsgi.version": (1, 0),
        "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(body)),
        **{"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()},
    }
    status: list[str] = []

    def start_response(line: str, _headers: Any, _exc: Any = None) -> None:
        status.append(line)

    def call() -> str:
        environ = {**environ_base, "wsgi.input": io.BytesIO(body)}
        for _chunk in app(environ, start_response):
            pass
        return status.pop()

    return call


def hello_cpu(count: int) -> float:
    """CPU seconds per call of the trivial Flask endpoint H (the benchmarks' baseline)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from hello_app import app as hello

    call = wsgi_caller(hello, "GET", "/hello", {}, b"")
    for _ in range(200):
        call()
    started = time.process_time()
    for _ in range(count):
        call()
    return (time.process_time() - started) / count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--profile", action="store_true", help="print cProfile's top entries")
    parser.add_argument("--postgres", default=None, help="measure on this PostgreSQL server")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions per submission with valgrind (callgrind)")
    args = parser.parse_args()
    if args.instructions and not os.environ.get(_UNDER_CALLGRIND):
        return count_instructions(args.count)
    with tempfile.TemporaryDirectory(prefix="xizmat-profile-submit-") as tmp:
        folder = Path(tmp)
        if args.postgres:
            from bench_submit import migrate
            with postgres_database(args.postgres) as url:
                migrate(url, folder)
                return measure(url, folder, args)
        return measure(migrated_sqlite(folder), folder, args)


_UNDER_CALLGRIND = "XIZMAT_PROFILE_UNDER_CALLGRIND"


def callgrind(command: str) -> None:
    """Tell the callgrind running this process to zero or dump its counts (else nothing)."""
    if os.environ.get(_UNDER_CALLGRIND):
        subprocess.run(["callgrind_control", command, str(os.getpid())], check=True,
                       capture_output=True)


def count_instructions(count: int) -> int:
    """Run this script under callgrind; print the instructions of one submission."""
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian package `valgrind`)")
    with tempfile.TemporaryDirectory(prefix="xizmat-callgrind-") as tmp:
        output = Path(tmp) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={output}", sys.executable,
             __file__, "--count", str(count)],
            env={**os.environ, _UNDER_CALLGRIND: "1"}, check=True, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        # The dump made after the last submission: "<output>.1" (the final one is "<output>").
        totals = re.search(r"^(?:summary|totals): (\d+)", (Path(tmp) / "callgrind.out.1")
                           .read_text(), re.MULTILINE)
    if totals is None:
        raise SystemExit("callgrind wrote no totals")
    print(f"submit: {int(totals.group(1)) / count:,.0f} instructions per submission "
          f"({count} submissions, callgrind)")
    return 0


def measure(url: str, folder: Path, args: argparse.Namespace) -> int:
    from server import create_app

    warmup = 200
    token, ids = prepare(url, folder, args.count + warmup)
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(folder / "instance"),
                      "RATELIMIT_ENABLED": False, "LOG_LEVEL": "INFO"})
    # As gunicorn.conf.py does in every worker once the app is loaded.
    gc.collect()
    gc.freeze()
    headers = {"Authorization": f"Bearer {token}"}
    calls = [wsgi_caller(app, "POST", f"/api/v1/applications/{draft}/submit",
                         {**headers, "Idempotency-Key": f"profile-{n}"}, b'{"declaration": true}')
             for n, draft in enumerate(ids)]
    for call in calls[:warmup]:
        assert call().startswith("200"), "warm-up submission failed"
    callgrind("--zero")  # from here on: the measured submissions only
    profiler = cProfile.Profile() if args.profile else None
    started = time.process_time()
    wall = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    statuses = [call() for call in calls[warmup:]]
    if profiler is not None:
        profiler.disable()
    failed = [s for s in statuses if not s.startswith("200")]
    if os.environ.get(_UNDER_CALLGRIND):
        callgrind("--dump=measured")
        return 1 if failed else 0  # seconds under valgrind mean nothing: the caller counts
    cpu = (time.process_time() - started) / args.count
    elapsed = (time.perf_counter() - wall) / args.count
    hello = hello_cpu(args.count)
    print(f"submit: {cpu * 1e6:.0f} µs CPU ({elapsed * 1e6:.0f} µs wall) per submission; "
          f"hello: {hello * 1e6:.0f} µs; ratio {hello / cpu:.3f}; failures: {len(failed)}")
    if profiler is not None:
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
