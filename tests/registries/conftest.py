"""Fixtures of the registries tests: the registry simulator as a real process, and an app
that reaches it over HTTP.

The simulator is started once per session on a free port with a fixed seed and day, so its
citizens are the same in every run; each test starts from its generated state (reset) with
every registry working.  Nothing here replaces a part of Xizmat: the tests talk to the app,
the app talks to the simulator.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient

REPO_ROOT = Path(__file__).resolve().parents[2]
SIMULATED_DAY = "2026-11-27"
#: The adapter's budget in these tests: short, so "slow" and "down" cost little time.
TIMEOUT = 1.0
PASSWORD = "kuchli-parol-2026"
FAST_APP = {"ARGON2_MEMORY_KIB": 1024, "ARGON2_TIME_COST": 1,
            "LOGIN_RATE_LIMIT": "1000 per minute", "REGISTER_RATE_LIMIT": "1000 per minute"}
_phones = itertools.count(1)


@dataclass
class Simulator:
    url: str

    def citizens(self, **filters: Any) -> list[dict[str, Any]]:
        response = requests.get(f"{self.url}/admin/citizens", params=filters, timeout=5)
        response.raise_for_status()
        found: list[dict[str, Any]] = response.json()["citizens"]
        return found

    def another_adult(self, than: str) -> dict[str, Any]:
        """An adult other than the citizen ``than`` (the simulator's order moves with births)."""
        return next(p for p in self.citizens(adults=1, limit=10) if p["pinfl"] != than)

    def record(self, registry: str, pinfl: str) -> dict[str, Any]:
        response = requests.get(f"{self.url}/registries/{registry}/citizens/{pinfl}", timeout=5)
        response.raise_for_status()
        attributes: dict[str, Any] = response.json()["attributes"]
        return attributes

    def switch(self, registry: str, mode: str, delay: float = 5.0) -> None:
        response = requests.put(f"{self.url}/admin/registries/{registry}",
                                json={"mode": mode, "delay": delay}, timeout=5)
        response.raise_for_status()

    def record_birth(self, parent_pinfl: str, **details: Any) -> dict[str, Any]:
        response = requests.post(f"{self.url}/admin/births",
                                 json={"parent_pinfl": parent_pinfl, **details}, timeout=5)
        response.raise_for_status()
        child: dict[str, Any] = response.json()
        return child

    def events(self, after: int = 0) -> list[dict[str, Any]]:
        response = requests.get(f"{self.url}/events", params={"after": after, "limit": 500},
                                timeout=5)
        events: list[dict[str, Any]] = response.json()["events"]
        return events


@pytest.fixture(scope="session")
def simulator_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Simulator]:
    """``python -m server.registries.simulator`` on a free port, stopped after the session."""
    log = tmp_path_factory.mktemp("simulator") / "stderr.log"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "server.registries.simulator", "--port", "0",
             "--seed", "2026", "--households", "120", "--today", SIMULATED_DAY],
            cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=stderr, text=True)
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline()
        assert first_line.startswith("listening on "), (first_line, log.read_text())
        simulator = Simulator(first_line.split()[-1])
        deadline = time.monotonic() + 10
        while requests.get(f"{simulator.url}/health", timeout=2).status_code != 200:
            assert time.monotonic() < deadline, "the simulator did not come up"
            time.sleep(0.05)
        yield simulator
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


@pytest.fixture
def simulator(simulator_process: Simulator) -> Simulator:
    """The simulator back at its generated state, every registry answering normally."""
    requests.post(f"{simulator_process.url}/admin/reset", timeout=5).raise_for_status()
    return simulator_process


@pytest.fixture
def make_app(make_app: Callable[..., Flask], simulator: Simulator) -> Callable[..., Flask]:
    """Apps connected to the simulator (cheap argon2, generous limits)."""

    def factory(db_url: str | None = None, **config: Any) -> Flask:
        settings = {**FAST_APP, "REGISTRY_URL": simulator.url, "REGISTRY_TIMEOUT": TIMEOUT,
                    "REGISTRY_WEBHOOK_SECRET": "webhook-test-secret", **config}
        return make_app(db_url, **settings)

    return factory


@dataclass
class Citizen:
    client: FlaskClient
    pinfl: str
    full_name: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.client.get(url, headers={**self.headers, **kwargs.pop("headers", {})},
                               **kwargs)

    def post(self, url: str, json: Any = None, **kwargs: Any) -> Any:
        return self.client.post(url, json=json if json is not None else {},
                                headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)

    def put(self, url: str, json: Any, **kwargs: Any) -> Any:
        return self.client.put(url, json=json,
                               headers={**self.headers, **kwargs.pop("headers", {})}, **kwargs)


def new_phone() -> str:
    return f"+99893{next(_phones):07d}"


def register(client: FlaskClient, person: dict[str, Any], locale: str | None = None
             ) -> Citizen:
    """Open an account for a person the civil registry knows (checked there on the way)."""
    body = {"pinfl": person["pinfl"], "phone": new_phone(), "password": PASSWORD,
            "full_name": person["full_name"], **({"locale": locale} if locale else {})}
    response = client.post("/api/v1/auth/register", json=body)
    assert response.status_code == 201, response.get_json()
    return Citizen(client, person["pinfl"], person["full_name"],
                   response.get_json()["access_token"])


@pytest.fixture
def parent(simulator: Simulator) -> dict[str, Any]:
    """A married adult with children, as the simulator lists them."""
    return simulator.citizens(adults=1, with_children=1, married=1, limit=1)[0]


@pytest.fixture
def citizen(client: FlaskClient, parent: dict[str, Any]) -> Citizen:
    return register(client, parent)
