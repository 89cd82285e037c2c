"""Shared load-benchmark helper: gunicorn (2 sync workers) on a free port, measured by wrk.

    from harness import Endpoint, run_suite
    run_suite("Server foundation", [Endpoint("health", "/api/v1/health")])

``run_suite`` migrates a fresh SQLite database, starts the real app with gunicorn, measures
the baseline H (a trivial Flask JSON endpoint, benchmarks/hello_app.py, served the same way)
and each endpoint with ``wrk -t2 -c64 -d10s --latency``, prints a table and appends it to
benchmarks/RESULTS.md.  Figures are req/s, p50 and p99 latency, and req/s as a ratio to H
from the same run (the only comparison that survives the machines' noise).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "benchmarks"
RESULTS = BENCH_DIR / "RESULTS.md"
VENV_BIN = Path(sys.executable).parent
APP_SPEC = "server:create_app()"
BASELINE_SPEC = "hello_app:app"
BASELINE_PATH = "/hello"


@dataclass(frozen=True)
class Endpoint:
    """One measured request: a name for the table, a path, optional headers."""

    name: str
    path: str
    headers: Mapping[str, str] = field(default_factory=dict)
    expect_status: int = 200
    #: Computes extra headers from the running server (e.g. an ETag for If-None-Match).
    prepare: Callable[[str], Mapping[str, str]] | None = None


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_success: int  # answers other than 2xx/3xx
    socket_errors: int

    def errors(self, expect_status: int) -> int:
        """Failed requests: socket errors, and non-2xx/3xx answers when those are unexpected."""
        expected_failure = expect_status >= 400
        return self.socket_errors + (0 if expected_failure else self.non_success)


_UNIT_TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if match is None:
        raise ValueError(f"unexpected wrk latency {text!r}")
    return float(match.group(1)) * _UNIT_TO_MS[match.group(2)]


def parse_wrk(output: str) -> WrkResult:
    """The figures of ``wrk --latency`` output."""

    def find(pattern: str) -> re.Match[str]:
        match = re.search(pattern, output, re.MULTILINE)
        if match is None:
            raise ValueError(f"wrk output lacks {pattern!r}:\n{output}")
        return match

    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return WrkResult(
        requests_per_second=float(find(r"^Requests/sec:\s+([\d.]+)").group(1)),
        p50_ms=_ms(find(r"^\s+50%\s+(\S+)").group(1)),
        p99_ms=_ms(find(r"^\s+99%\s+(\S+)").group(1)),
        requests=int(find(r"^\s+(\d+) requests in").group(1)),
        non_success=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(value) for value in sockets.groups()) if sockets else 0,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_serving(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before serving {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers: an error status is still a running server
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout:.0f} s")


@contextmanager
def gunicorn(
    app_spec: str, probe_path: str, env: Mapping[str, str] | None = None, workers: int = 2
) -> Iterator[str]:
    """Serve ``app_spec`` with gunicorn (sync workers) on a free port; yield the base URL.

    Its output goes to a temporary file, shown when it fails to start.
    """
    port = free_port()
    command = [
        str(VENV_BIN / "gunicorn"), "--workers", str(workers), "--worker-class", "sync",
        "--bind", f"127.0.0.1:{port}", "--pythonpath", f"{ROOT},{BENCH_DIR}", app_spec,
    ]
    base_url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile(prefix="xizmat-bench-") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log, stderr=log
        )
        try:
            try:
                _wait_until_serving(base_url + probe_path, process)
            except RuntimeError as error:
                log.seek(0)
                tail = log.read().decode(errors="replace")[-3000:]
                raise RuntimeError(f"{error}\n--- gunicorn output ---\n{tail}") from None
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def run_wrk(
    url: str, duration: int = 10, threads: int = 2, connections: int = 64,
    headers: Mapping[str, str] | None = None,
) -> WrkResult:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed (Debian package `wrk`; `make system-deps`)")
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def migrated_sqlite(folder: Path) -> str:
    """A fresh SQLite database at head, as ``make run`` prepares it before the workers."""
    url = f"sqlite:///{folder / 'bench.db'}"
    subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "server", "db", "upgrade"],
        cwd=ROOT, env={**os.environ, **app_environment(folder, url)}, check=True,
        capture_output=True,
    )
    return url


def app_environment(folder: Path, database_url: str) -> dict[str, str]:
    return {
        "XIZMAT_DATABASE_URL": database_url,
        "XIZMAT_INSTANCE_PATH": str(folder / "instance"),
        "XIZMAT_LOG_LEVEL": "INFO",
    }


def measure_baseline(duration: int = 10) -> WrkResult:
    """H: the trivial Flask JSON endpoint under the same gunicorn settings."""
    with gunicorn(BASELINE_SPEC, BASELINE_PATH) as base_url:
        return run_wrk(base_url + BASELINE_PATH, duration)


@dataclass(frozen=True)
class Row:
    name: str
    result: WrkResult
    kind: str  # "read", "search" or "reference"
    h_rate: float  # H req/s measured right before and after this row (mean)


class PairedBaseline:
    """H measured between the endpoints, so each endpoint is judged against H of its moment.

    The machine is shared: other work comes and goes within a run and moved H by up to 30 %
    between the start and the end of one.  Runs go H, E1, H, E2, H, ... and each E is set
    against the mean of the H just before and just after it.
    """

    def __init__(self, url: str, duration: int) -> None:
        self.url = url
        self.duration = duration
        self.runs: list[WrkResult] = [self._h()]

    def _h(self) -> WrkResult:
        return run_wrk(self.url, max(2, self.duration // 2))

    def measure(self, name: str, kind: str, run: Callable[[], WrkResult]) -> Row:
        result = run()
        before, after = self.runs[-1], self._h()
        self.runs.append(after)
        h_rate = (before.requests_per_second + after.requests_per_second) / 2
        return Row(name, result, kind, h_rate)


def describe_machine() -> str:
    return (f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            "gunicorn 2 sync workers, wrk -t2 -c64 on 127.0.0.1")


def format_table(baseline: WrkResult, rows: Sequence[tuple[Endpoint, WrkResult]]) -> str:
    lines = [
        "| endpoint | req/s | p50 ms | p99 ms | ÷ H | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    everything = [(Endpoint("H: Flask jsonify 2 KB (baseline)", BASELINE_PATH), baseline), *rows]
    for endpoint, result in everything:
        ratio = result.requests_per_second / baseline.requests_per_second
        lines.append(
            f"| {endpoint.name} | {result.requests_per_second:,.0f} | {result.p50_ms:.1f} | "
            f"{result.p99_ms:.1f} | {ratio:.2f} | {result.errors(endpoint.expect_status)} |"
        )
    return "\n".join(lines)


def append_results(section: str, command: str, table: str, notes: str = "") -> None:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    block = f"\n### {section}, {stamp}\n\n`{command}` on {describe_machine()}.\n"
    if notes:
        block += f"{notes}\n"
    block += f"\n{table}\n"
    RESULTS.write_text(text.rstrip("\n") + "\n" + block, encoding="utf-8")


def parse_duration(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    return int(parser.parse_args(argv).duration)


def run_suite(
    section: str, endpoints: Sequence[Endpoint], duration: int = 10,
    env: Mapping[str, str] | None = None, notes: str = "",
) -> list[tuple[Endpoint, WrkResult]]:
    """Measure H and ``endpoints`` on the real app; print and record the table."""
    with tempfile.TemporaryDirectory(prefix="xizmat-bench-") as tmp:
        folder = Path(tmp)
        database_url = migrated_sqlite(folder)
        baseline = measure_baseline(duration)
        rows: list[tuple[Endpoint, WrkResult]] = []
        server_env = {**app_environment(folder, database_url), **(env or {})}
        with gunicorn(APP_SPEC, "/api/v1/health", server_env) as base_url:
            for endpoint in endpoints:
                headers = dict(endpoint.headers)
                if endpoint.prepare is not None:
                    headers.update(endpoint.prepare(base_url))
                _check_status(base_url, endpoint.path, headers, endpoint.expect_status)
                result = run_wrk(base_url + endpoint.path, duration, headers=headers)
                rows.append((endpoint, result))
    table = format_table(baseline, rows)
    print(f"{section}\n{table}")
    command = f"python {os.path.relpath(sys.argv[0], ROOT)} --duration {duration}"
    append_results(section, command, table, notes)
    return rows


def fetch(url: str, headers: Mapping[str, str] | None = None) -> tuple[int, Mapping[str, str]]:
    """Status and headers of one GET (error statuses included)."""
    request = urllib.request.Request(url, headers=dict(headers or {}))
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def _check_status(base_url: str, path: str, headers: Mapping[str, str], expected: int) -> None:
    status, _ = fetch(base_url + path, headers)
    if status != expected:
        raise RuntimeError(f"{path} answered {status}, expected {expected}")
