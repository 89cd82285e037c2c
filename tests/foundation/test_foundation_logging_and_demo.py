"""One JSON log line per request; demo seeders and the CLI commands."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from server import demo
from server.db import session_factory
from server.demo import (
    DemoSeedRun,
    SeedSkipped,
    demo_seeder,
    registered_seeders,
    run_seeders,
)
from server.logging import JsonFormatter


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.setFormatter(JsonFormatter())

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def access_lines() -> Iterator[list[str]]:
    handler = _Collect()
    logger = logging.getLogger("server.access")
    logger.addHandler(handler)
    yield handler.lines
    logger.removeHandler(handler)


def test_one_json_line_per_request_with_its_id(app: Flask, access_lines: list[str]) -> None:
    client = app.test_client()
    first = client.get("/api/v1/health?pinfl=31234567890123", headers={"Accept-Language": "ru"})
    second = client.get("/api/v1/nope")
    assert len(access_lines) == 2
    entries = [json.loads(line) for line in access_lines]
    assert entries[0]["request_id"] == first.headers["X-Request-Id"]
    assert entries[1]["request_id"] == second.headers["X-Request-Id"]
    assert entries[0]["path"] == "/api/v1/health" and entries[0]["status"] == 200
    assert entries[0]["locale"] == "ru" and entries[0]["method"] == "GET"
    assert entries[1]["status"] == 404
    assert "31234567890123" not in access_lines[0]  # query strings never reach the log


def test_json_formatter_escapes_injected_newlines() -> None:
    record = logging.LogRecord("server.x", logging.INFO, __file__, 1, "a\nb", None, None)
    line = JsonFormatter().format(record)
    assert "\n" not in line and json.loads(line)["message"] == "a\nb"


def _fresh_registry(calls: list[str]) -> dict[str, Callable[[Session], list[str]]]:
    def people(session: Session) -> list[str]:
        calls.append("people")
        return ["citizen +998901234567 / demo"]

    def offices(session: Session) -> list[str]:
        calls.append("offices")
        return []

    return {"offices": offices, "people": people}


def test_seeders_run_once_per_database_and_report_again(app: Flask) -> None:
    calls: list[str] = []
    with session_factory(app)() as session:
        first = run_seeders(session, _fresh_registry(calls))
        second = run_seeders(session, _fresh_registry(calls))
        assert session.get(DemoSeedRun, "people") is not None
    assert calls == ["offices", "people"]
    assert [(r.name, r.newly_seeded) for r in first] == [("offices", True), ("people", True)]
    assert [r.newly_seeded for r in second] == [False, False]
    assert second[1].lines == ["citizen +998901234567 / demo"]


def test_failing_seeder_is_rolled_back(app: Flask) -> None:
    def broken(session: Session) -> list[str]:
        moment = datetime(2026, 1, 1, tzinfo=UTC)
        session.add(DemoSeedRun(name="half-done", lines=[], seeded_at=moment))
        raise RuntimeError("seed data invalid")

    with session_factory(app)() as session, pytest.raises(RuntimeError):
        run_seeders(session, {"broken": broken})
    with session_factory(app)() as session:
        assert session.get(DemoSeedRun, "half-done") is None
        assert session.get(DemoSeedRun, "broken") is None


def test_skipped_seeder_is_not_recorded_and_runs_again(app: Flask) -> None:
    attempts: list[int] = []

    def waiting(session: Session) -> list[str]:
        attempts.append(1)
        raise SeedSkipped("registry not configured")

    with session_factory(app)() as session:
        first = run_seeders(session, {"waiting": waiting})
        run_seeders(session, {"waiting": waiting})
        assert session.get(DemoSeedRun, "waiting") is None
    assert len(attempts) == 2
    assert first[0].skipped and first[0].lines == ["registry not configured"]


def test_duplicate_seeder_names_fail_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    # A registry of this test's own, so `flask demo seed` elsewhere never sees these.
    monkeypatch.setattr(demo, "_SEEDERS", dict(demo._SEEDERS))

    def one(session: Session) -> list[str]:
        return []

    def other(session: Session) -> list[str]:
        return []

    demo_seeder("foundation-test-duplicate")(one)
    with pytest.raises(ValueError, match="already registered"):
        demo_seeder("foundation-test-duplicate")(other)


def test_registered_seeders_are_discovered_sorted() -> None:
    names = list(registered_seeders())
    assert names == sorted(names)


def test_cli_upgrade_current_and_seed(make_app: Callable[..., Flask], tmp_path: object) -> None:
    app = make_app(db_url=f"sqlite:///{tmp_path}/cli.db")
    runner = app.test_cli_runner()
    upgraded = runner.invoke(args=["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    current = runner.invoke(args=["db", "current"])
    database_line, code_line = current.output.splitlines()
    assert database_line.split(":")[1].strip() == code_line.split(":")[1].strip()
    seeded = runner.invoke(args=["demo", "seed"])
    assert seeded.exit_code == 0, seeded.output
    again = runner.invoke(args=["demo", "seed"])
    assert "seeded" not in again.output.replace("already seeded", "")
