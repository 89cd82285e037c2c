"""Submissions under load: POST /api/v1/applications/{id}/submit at 64 connections.

Sign-in is done beforehand; every request submits a different draft with a fresh
Idempotency-Key, so each one is a real submission: the whole application validated again,
a number and due date given, an event, a notification and an SMS outbox row written, all in
one transaction.  Run on SQLite (WAL, 2 sync workers) and on PostgreSQL, each against H (the
trivial Flask endpoint) measured just before and just after it, as bench_catalogue.py does.
Targets on SQLite: at least 0.3 × H, p99 at most 60 ms, and no "database is locked" (it would
surface as a 500: every answer must be 200).

    python benchmarks/bench_submit.py [--duration 10] [--postgres URL | --no-postgres]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from harness import (
    BASELINE_PATH,
    BASELINE_SPEC,
    ROOT,
    VENV_BIN,
    PairedBaseline,
    Row,
    WrkResult,
    app_environment,
    append_results,
    gunicorn,
    migrated_sqlite,
    parse_wrk,
)

sys.path.insert(0, str(ROOT))

SERVICE_ID = "no-criminal-record-certificate"
ANSWERS = {"request": {"purpose": "travel"}, "confirm": {"consent": True}}
PASSWORD = "bench-password-2026"
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
SQLITE_TARGET_RATIO = 0.3
SQLITE_TARGET_P99_MS = 60.0


def prepare(database_url: str, folder: Path, drafts: int) -> tuple[str, list[str]]:
    """A signed-in citizen with ``drafts`` complete drafts: (access token, draft ids)."""
    from sqlalchemy import insert

    from server import create_app
    from server.applications.models import Application
    from server.catalogue.service import current_catalogue
    from server.db import get_engine
    from server.flows.identifiers import make_pinfl

    app = create_app({"DATABASE_URL": database_url, "INSTANCE_PATH": str(folder / "instance"),
                      "RATELIMIT_ENABLED": False})
    client = app.test_client()
    pinfl = make_pinfl(datetime(1990, 5, 17).date(), "female", serial=777)
    registered = client.post("/api/v1/auth/register", json={
        "pinfl": pinfl, "phone": "+998907770001", "password": PASSWORD})
    if registered.status_code != 201:
        raise SystemExit(f"registration failed: {registered.get_json()}")
    body = registered.get_json()
    with app.app_context():
        definition = current_catalogue().get(SERVICE_ID)
        if definition is None:
            raise SystemExit(f"the catalogue has no {SERVICE_ID}")
        now = datetime.now(UTC)
        ids = [uuid.uuid4().hex for _ in range(drafts)]
        rows = [{"id": i, "user_id": body["user"]["id"], "service_id": SERVICE_ID,
                 "service_version": definition.version, "agency": definition.agency,
                 "status": "draft", "values": ANSWERS, "prefill": {}, "notify_by_sms": True,
                 "created_at": now, "updated_at": now} for i in ids]
        with get_engine(app).begin() as connection:
            for start in range(0, len(rows), 5000):
                connection.execute(insert(Application), rows[start:start + 5000])
        if database_url.startswith("sqlite"):
            # Start the run with an empty write-ahead log, as a live server would have.
            with get_engine(app).connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        get_engine(app).dispose()
    return body["access_token"], ids


def lua_script(folder: Path, token: str, ids: list[str], threads: int) -> Path:
    """A wrk script: each thread walks its own share of the drafts, one fresh key each."""
    listing = ",\n".join(f'"{i}"' for i in ids)
    script = folder / "submit.lua"
    script.write_text(f"""
local ids = {{
{listing}
}}
local threads = {threads}
local next_thread = 0
counter = 0
function setup(thread)
  thread:set("tid", next_thread)
  next_thread = next_thread + 1
end
request = function()
  local index = tid + counter * threads + 1
  counter = counter + 1
  local id = ids[index] or ids[1]
  return wrk.format("POST", "/api/v1/applications/" .. id .. "/submit", {{
    ["Authorization"] = "Bearer {token}",
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. tid .. "-" .. counter,
  }}, '{{"declaration": true}}')
end
""", encoding="utf-8")
    return script


def run_wrk_script(url: str, script: Path, duration: int, threads: int = 2,
                   connections: int = 64) -> WrkResult:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed (Debian package `wrk`)")
    output = subprocess.run(
        [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "-s",
         str(script), url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def submitted_count(database_url: str, folder: Path) -> int:
    from sqlalchemy import func, select

    from server.applications.models import Application
    from server.db import make_engine

    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(Application)
                                          .where(Application.status == "submitted")) or 0)
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Measured:
    row: Row
    #: Applications the database holds as submitted afterwards (each answer made one).
    submitted: int


def measure(name: str, database_url: str, folder: Path, baseline: PairedBaseline) -> Measured:
    """Prepare the drafts, then submit them for the run's duration between two H runs."""
    duration = baseline.duration
    drafts = max(20000, duration * 4000)
    token, ids = prepare(database_url, folder, drafts)
    script = lua_script(folder, token, ids, threads=2)
    env = {**app_environment(folder, database_url), "XIZMAT_RATELIMIT_ENABLED": "false"}
    with gunicorn("server:create_app()", "/api/v1/health", env) as base_url:
        row = baseline.measure(name, "submit",
                               lambda: run_wrk_script(base_url + "/", script, duration))
    if row.result.requests > drafts:
        raise SystemExit(f"ran out of drafts ({row.result.requests} > {drafts}): raise the count")
    return Measured(row, submitted_count(database_url, folder))


@contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(admin_url).set(drivername="postgresql")
    name = f"xizmat_bench_{uuid.uuid4().hex[:10]}"
    dsn = admin.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True, connect_timeout=3) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrate(database_url: str, folder: Path) -> None:
    subprocess.run([str(VENV_BIN / "flask"), "--app", "server", "db", "upgrade"], cwd=ROOT,
                   env={**os.environ, **app_environment(folder, database_url)}, check=True,
                   capture_output=True)


def sqlite_verdict(row: Row) -> tuple[bool, str]:
    ratio = row.result.requests_per_second / row.h_rate
    met = (ratio >= SQLITE_TARGET_RATIO and row.result.p99_ms <= SQLITE_TARGET_P99_MS
           and row.result.errors(200) == 0)
    return met, (f"SQLite target (≥ {SQLITE_TARGET_RATIO} × H, p99 ≤ {SQLITE_TARGET_P99_MS:.0f} "
                 f"ms, every answer 200): {'met' if met else 'NOT met'} "
                 f"({ratio:.2f} × H, p99 {row.result.p99_ms:.1f} ms).")


def table(baseline: PairedBaseline, rows: list[Row]) -> str:
    h_rates = [run.requests_per_second for run in baseline.runs]
    lines = ["| endpoint | req/s | p50 ms | p99 ms | H req/s (paired) | ÷ H | errors |",
             "|---|---:|---:|---:|---:|---:|---:|",
             f"| H: Flask jsonify 2 KB ({len(h_rates)} runs between the others, "
             f"{min(h_rates):,.0f} to {max(h_rates):,.0f}) | {sum(h_rates) / len(h_rates):,.0f} "
             f"| {max(r.p50_ms for r in baseline.runs):.1f} | "
             f"{max(r.p99_ms for r in baseline.runs):.1f} | | 1.00 | "
             f"{sum(r.errors(200) for r in baseline.runs)} |"]
    lines += [f"| {row.name} | {row.result.requests_per_second:,.0f} | {row.result.p50_ms:.1f} | "
              f"{row.result.p99_ms:.1f} | {row.h_rate:,.0f} | "
              f"{row.result.requests_per_second / row.h_rate:.2f} | {row.result.errors(200)} |"
              for row in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--postgres", default=os.environ.get("XIZMAT_TEST_POSTGRES_URL",
                                                             DEFAULT_POSTGRES))
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-record", action="store_true", help="do not append RESULTS.md")
    args = parser.parse_args()
    measured: list[Measured] = []
    with gunicorn(BASELINE_SPEC, BASELINE_PATH) as h_url:
        # H runs before and after each row: each row is set against H of its own moment.
        baseline = PairedBaseline(h_url + BASELINE_PATH, args.duration)
        with tempfile.TemporaryDirectory(prefix="xizmat-bench-submit-") as tmp:
            folder = Path(tmp)
            measured.append(measure("submit, SQLite WAL", migrated_sqlite(folder), folder,
                                    baseline))
        if not args.no_postgres:
            with tempfile.TemporaryDirectory(prefix="xizmat-bench-submit-pg-") as tmp, \
                    postgres_database(args.postgres) as pg_url:
                folder = Path(tmp)
                migrate(pg_url, folder)
                measured.append(measure("submit, PostgreSQL", pg_url, folder, baseline))
    met, verdict = sqlite_verdict(measured[0].row)
    notes = [f"{m.row.name}: {m.row.result.requests} answers, {m.submitted} applications "
             f"submitted." for m in measured]
    notes.append(f"Each row's ÷ H is against the mean of the H runs just before and after it. "
                 f"{verdict}")
    text = table(baseline, [m.row for m in measured])
    print(text)
    print("\n".join(notes))
    if not args.no_record:
        append_results("Submissions (accounts and applications)",
                       f"python benchmarks/bench_submit.py --duration {args.duration}", text,
                       "Every request submits a different complete draft with a fresh "
                       "Idempotency-Key (sign-in beforehand).  " + "  ".join(notes))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
