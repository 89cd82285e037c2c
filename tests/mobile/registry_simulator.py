"""The registry simulator as a process, and an API server that reaches it (for the offers,
the data-access log and prefill as the phone sees them).

Started as the registries tests start it (``python -m server.registries.simulator --port 0``
with a fixed seed and day, so its citizens are the same in every run); the API server gets
``XIZMAT_REGISTRY_URL`` as ``make run`` gives it.  Life events are pulled with
``flask registries pull``, as an operator's pull loop would.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests

from tests.mobile.live_server import ROOT, LiveServer

SIMULATED_DAY = "2026-11-27"
PASSWORD = "kuchli-parol-2026"
_phones = itertools.count(1)


class SimulatorProcess:
    def __init__(self, folder: Path) -> None:
        self.log = (folder / "simulator.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server.registries.simulator", "--port", "0", "--seed",
             "2026", "--households", "120", "--today", SIMULATED_DAY],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=self.log, text=True)
        assert self.process.stdout is not None
        first_line = self.process.stdout.readline()
        if not first_line.startswith("listening on "):
            self.stop()
            raise RuntimeError(f"the simulator did not start: {first_line!r}")
        self.url = first_line.split()[-1]
        deadline = time.monotonic() + 10
        while requests.get(f"{self.url}/health", timeout=2).status_code != 200:
            if time.monotonic() > deadline:
                raise RuntimeError("the simulator did not come up")
            time.sleep(0.05)

    def parents(self, count: int) -> list[dict[str, Any]]:
        """Married adults with children (each a different person)."""
        answer = requests.get(f"{self.url}/admin/citizens", timeout=5, params={
            "adults": 1, "with_children": 1, "married": 1, "limit": count})
        answer.raise_for_status()
        return list(answer.json()["citizens"])

    def record_birth(self, parent_pinfl: str, **details: Any) -> dict[str, Any]:
        answer = requests.post(f"{self.url}/admin/births", timeout=5,
                               json={"parent_pinfl": parent_pinfl, **details})
        answer.raise_for_status()
        return dict(answer.json())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.log.close()


class RegistryServer(LiveServer):
    """The API server with the registries on (prefill, offers, the data-access log)."""

    def __init__(self, folder: Path, simulator: SimulatorProcess) -> None:
        super().__init__(folder)
        self.simulator = simulator
        self.env["XIZMAT_REGISTRY_URL"] = simulator.url
        self.env["XIZMAT_REGISTRY_TIMEOUT"] = "2.0"
        # The first one is the demo seed's citizen (`flask demo seed`): skip that one.
        self._people = iter(simulator.parents(40)[1:])

    def register_parent(self, locale: str = "uz-Latn") -> tuple[str, str]:
        """An account for the next parent the civil registry knows: (PINFL, password)."""
        person = next(self._people)
        answer = requests.post(f"{self.url}/api/v1/auth/register", timeout=30, json={
            "pinfl": person["pinfl"], "phone": f"+99893{next(_phones):07d}",
            "password": PASSWORD, "full_name": person["full_name"], "locale": locale})
        if answer.status_code != 201:
            raise RuntimeError(f"register failed: {answer.status_code} {answer.text}")
        return str(person["pinfl"]), PASSWORD

    def offer_after_birth(self, pinfl: str) -> str:
        """Record a birth to ``pinfl`` and pull the event: the server makes its offer."""
        self.simulator.record_birth(pinfl, birth_date="2026-11-20")
        return self.flask("registries", "pull")
