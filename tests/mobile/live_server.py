"""The real Xizmat API as a process: migrated SQLite, demo data, gunicorn on a free port.

Started the way an operator starts it (``flask db upgrade``, ``flask demo seed``, then
gunicorn), so the client under test meets exactly what a phone would.  ``stop()`` and
``start()`` again on the same port and database give the offline tests a server that goes
away and comes back.
"""

from __future__ import annotations

import datetime
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from server.flows.identifiers import make_pinfl

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    def __init__(self, folder: Path, app_spec: str = "server:create_app()") -> None:
        self.folder = folder
        self.app_spec = app_spec
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "XIZMAT_DATABASE_URL": f"sqlite:///{folder / 'xizmat.db'}",
            "XIZMAT_INSTANCE_PATH": str(folder / "instance"),
            "XIZMAT_SECRET_KEY": "mobile-tests-secret-key-long-enough-for-hs256",
            "XIZMAT_LOG_LEVEL": "WARNING",
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.seed_output = ""

    def flask(self, *args: str) -> str:
        done = subprocess.run([str(BIN / "flask"), "--app", self.app_spec, *args], cwd=ROOT,
                              env=self.env, capture_output=True, text=True, timeout=180)
        if done.returncode != 0:
            raise RuntimeError(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def prepare(self) -> None:
        self.flask("db", "upgrade")
        self.seed_output = self.flask("demo", "seed")

    def start(self) -> None:
        log = (self.folder / "gunicorn.log").open("ab")
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-w", "1", "-b", f"127.0.0.1:{self.port}",
             self.app_spec],
            cwd=ROOT, env=self.env, stdout=log, stderr=log,
        )
        end = time.monotonic() + 60
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log_tail()}")
            try:
                if requests.get(f"{self.url}/api/v1/health", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer: {self.log_tail()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log_tail(self) -> str:
        path = self.folder / "gunicorn.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def register_citizen(self, serial: int, locale: str = "uz-Latn") -> tuple[str, str]:
        """A citizen account made through the public API: (PINFL, password)."""
        pinfl = make_pinfl(datetime.date(1990, 5, 17), "male", 26, serial)
        password = "Tashkent-bahor-2026"
        phone = f"+99890{serial:07d}"
        answer = requests.post(f"{self.url}/api/v1/auth/register", timeout=30, json={
            "pinfl": pinfl, "phone": phone, "password": password,
            "full_name": "Aziz Karimov", "locale": locale})
        if answer.status_code != 201:
            raise RuntimeError(f"register failed: {answer.status_code} {answer.text}")
        return pinfl, password

    def applications_of(self, login: str, password: str) -> list[dict[str, object]]:
        tokens = requests.post(f"{self.url}/api/v1/auth/login", timeout=30,
                               json={"login": login, "password": password}).json()
        answer = requests.get(f"{self.url}/api/v1/applications", timeout=30,
                              headers={"Authorization": f"Bearer {tokens['access_token']}"})
        answer.raise_for_status()
        return list(answer.json()["items"])
