"""Life events pushed by the simulator's webhook reach a running Xizmat and make an offer."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

from tests.registries.conftest import REPO_ROOT, SIMULATED_DAY, Citizen, Simulator

SECRET = "webhook-test-secret"


@pytest.fixture
def served(app: Flask) -> Iterator[str]:
    """The test's app behind a real HTTP server on a free port."""
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def pushing_simulator(served: str) -> Iterator[Simulator]:
    """A second simulator (same seed and day, so the same people) that pushes its events."""
    process = subprocess.Popen(
        [sys.executable, "-m", "server.registries.simulator", "--port", "0", "--seed", "2026",
         "--households", "120", "--today", SIMULATED_DAY,
         "--webhook-url", f"{served}/api/v1/registry-events", "--webhook-secret", SECRET],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        yield Simulator(process.stdout.readline().split()[-1])
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def test_a_pushed_birth_becomes_an_offer(citizen: Citizen,
                                         pushing_simulator: Simulator) -> None:
    pushing_simulator.record_birth(citizen.pinfl)

    offers: list[dict[str, Any]] = []
    deadline = time.monotonic() + 15
    while not offers and time.monotonic() < deadline:
        offers = citizen.get("/api/v1/me/offers").get_json()["items"]
        time.sleep(0.1)

    assert [o["event"] for o in offers] == ["birth_recorded"]
    health = requests.get(f"{pushing_simulator.url}/health", timeout=2)
    assert health.status_code == 200
