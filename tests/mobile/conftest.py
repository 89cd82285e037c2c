"""Fixtures of the client's tests: a real API server process, and app scenarios in processes.

Kivy tests (marked ``kivy``) need a display: run them under ``xvfb-run -a`` (``make
test`` does).  Each scenario runs the app in a fresh process, so a restart is a real one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.mobile.live_server import ROOT, LiveServer
from tests.mobile.registry_simulator import RegistryServer, SimulatorProcess
from tests.mobile.scripted_http import ScriptedServer

SERVICE_ID = "no-criminal-record-certificate"
#: What a citizen would type to find the certificate, in each language.
QUERIES = {"uz_Latn": "sudlanmaganlik", "uz_Cyrl": "судланмаганлик",
           "ru": "справка о несудимости", "en": "criminal record"}


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    """A scripted HTTP server answering the API client's calls (no Kivy, no real API)."""
    scripted = ScriptedServer()
    yield scripted
    scripted.close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path_factory.mktemp("live-server"))
    server.prepare()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def registry_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RegistryServer]:
    """The API server with the registry simulator behind it, both as processes."""
    folder = tmp_path_factory.mktemp("registry-server")
    simulator = SimulatorProcess(folder)
    server = RegistryServer(folder, simulator)
    try:
        server.prepare()
        server.start()
        yield server
    finally:
        server.stop()
        simulator.stop()


@pytest.fixture(scope="session")
def needs_display() -> None:
    if not os.environ.get("DISPLAY"):
        pytest.skip("Kivy tests need a display: run them under `xvfb-run -a`")


def service_title(server: LiveServer, locale: str) -> str:
    answer = requests.get(f"{server.url}/api/v1/services/{SERVICE_ID}", timeout=30,
                          headers={"Accept-Language": locale.replace("_", "-")})
    answer.raise_for_status()
    return str(answer.json()["title"])


def scenario_env() -> dict[str, str]:
    return {**os.environ, "XIZMAT_SPEECH_BACKEND": "recording", "KIVY_LOG_MODE": "PYTHON",
            "KIVY_NO_CONSOLELOG": "1",
            "KIVY_HOME": str(Path(tempfile.gettempdir()) / "xizmat-kivy-home")}


def parse(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line.removeprefix("SCENARIO "))
            for line in stdout.splitlines() if line.startswith("SCENARIO ")]


def run_scenario(name: str, timeout: float = 240, **args: Any) -> list[dict[str, Any]]:
    """Run one scenario to its end; its reports, or a failure with what it printed."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.mobile.scenarios", name, json.dumps(args)],
        cwd=ROOT, env=scenario_env(), capture_output=True, text=True, timeout=timeout,
    )
    if done.returncode != 0:
        pytest.fail(f"scenario {name} failed:\n{done.stdout[-3000:]}\n{done.stderr[-6000:]}")
    return parse(done.stdout)


class RunningScenario:
    """A scenario the test talks to: read its reports one by one, answer on its stdin."""

    def __init__(self, name: str, **args: Any) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.mobile.scenarios", name, json.dumps(args)],
            cwd=ROOT, env=scenario_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )

    def next_report(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("SCENARIO "):
                return dict(json.loads(line.removeprefix("SCENARIO ")))
        self.fail("ended without a report")
        raise AssertionError  # unreachable: fail raises

    def say(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def finish(self, timeout: float = 120) -> None:
        if self.process.wait(timeout=timeout) != 0:
            self.fail(f"exited {self.process.returncode}")

    def fail(self, why: str) -> None:
        self.process.kill()
        _out, errors = self.process.communicate()
        pytest.fail(f"scenario {why}:\n{errors[-6000:]}")
