"""The simulator's HTTP service (stdlib ThreadingHTTPServer, JSON in and out).

Registry reads, as Xizmat's adapters make them:
    GET  /registries/<name>/citizens/<pinfl>    -> {"pinfl", "registry", "as_of", "attributes"}
    GET  /events?after=<seq>&limit=<n>          -> {"events": [...], "last_seq": n}
Administration, for tests, demos and operators rehearsing an outage:
    GET  /admin/citizens?adults=1&with_children=1&limit=n   sample citizens
    PUT  /admin/registries/<name>  {"mode": "normal"|"slow"|"failing"|"down", "delay": s}
    POST /admin/births  {"parent_pinfl", "birth_date"?, "sex"?, "given_name"?}
    POST /admin/reset   back to the generated state, all registries normal
A registry switched "slow" answers after ``delay`` seconds, "failing" answers 503, and "down"
drops the connection without a word, as an unreachable host would look to the client.
"""

from __future__ import annotations

import datetime
import json
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from server.registries.simulator.events import EventLog, is_adult, publish_backlog, record_birth
from server.registries.simulator.population import Population, generate
from server.registries.simulator.records import PROJECTIONS

MODES = ("normal", "slow", "failing", "down")


class SimulatorState:
    def __init__(self, seed: int, households: int, today: datetime.date) -> None:
        self.seed, self.households, self.today = seed, households, today
        self.lock = threading.Lock()
        self.events = EventLog()
        self.population: Population = generate(seed, households, today)
        self.switches: dict[str, tuple[str, float]] = {}
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.population = generate(self.seed, self.households, self.today)
            self.events.__init__()  # type: ignore[misc]  # same object: pushers keep it
            publish_backlog(self.population, self.events)
            self.switches = {name: ("normal", 0.0) for name in PROJECTIONS}


class SimulatorHandler(BaseHTTPRequestHandler):
    server: SimulatorServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test output stays readable; errors still reach stderr."""

    # -- plumbing ---------------------------------------------------------------------------
    def _send(self, status: int, payload: Any) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        if not length:
            return {}
        loaded = json.loads(self.rfile.read(length) or b"{}")
        return loaded if isinstance(loaded, dict) else {}

    def _route(self, method: str) -> None:
        parts = urlsplit(self.path)
        segments = [s for s in parts.path.split("/") if s]
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        try:
            handled = self._dispatch(method, segments, query)
        except (ValueError, KeyError, TypeError) as error:
            self._send(HTTPStatus.BAD_REQUEST, {"error": f"bad request: {error}"})
            return
        if not handled:
            self._send(HTTPStatus.NOT_FOUND, {"error": "no such resource"})

    def do_GET(self) -> None:
        self._route("GET")

    def do_PUT(self) -> None:
        self._route("PUT")

    def do_POST(self) -> None:
        self._route("POST")

    # -- routes -----------------------------------------------------------------------------
    def _dispatch(self, method: str, seg: list[str], query: dict[str, str]) -> bool:
        state = self.server.state
        if method == "GET" and seg == ["health"]:
            self._send(HTTPStatus.OK, {"status": "ok", "citizens": len(state.population.citizens)})
        elif method == "GET" and len(seg) == 4 and seg[0] == "registries" and seg[2] == "citizens":
            self._registry_read(seg[1], seg[3])
        elif method == "GET" and seg == ["events"]:
            batch = state.events.after(int(query.get("after", 0)), int(query.get("limit", 100)))
            last = batch[-1]["seq"] if batch else int(query.get("after", 0))
            self._send(HTTPStatus.OK, {"events": batch, "last_seq": last})
        elif method == "GET" and seg == ["admin", "citizens"]:
            self._send(HTTPStatus.OK, {"citizens": self._sample(query)})
        elif method == "PUT" and len(seg) == 3 and seg[:2] == ["admin", "registries"]:
            self._switch(seg[2], self._body())
        elif method == "POST" and seg == ["admin", "births"]:
            self._birth(self._body())
        elif method == "POST" and seg == ["admin", "reset"]:
            state.reset()
            self._send(HTTPStatus.OK, {"status": "reset"})
        else:
            return False
        return True

    def _registry_read(self, registry: str, pinfl: str) -> None:
        state = self.server.state
        if registry not in PROJECTIONS:
            self._send(HTTPStatus.NOT_FOUND, {"error": "no such registry"})
            return
        mode, delay = state.switches[registry]
        if mode == "down":
            self.close_connection = True
            return
        if mode == "slow":
            time.sleep(delay)
        if mode == "failing":
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, {"error": "registry unavailable"})
            return
        with state.lock:
            citizen = state.population.citizens.get(pinfl)
            attributes = PROJECTIONS[registry](citizen, state.population) if citizen else None
        if attributes is None:
            self._send(HTTPStatus.NOT_FOUND, {"error": "no record for this PINFL"})
            return
        self._send(HTTPStatus.OK, {
            "pinfl": pinfl, "registry": registry, "attributes": attributes,
            "as_of": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        })

    def _sample(self, query: dict[str, str]) -> list[dict[str, Any]]:
        state = self.server.state
        with state.lock:
            chosen = []
            for citizen in sorted(state.population.citizens.values(), key=lambda c: c.pinfl):
                if query.get("adults") == "1" and not is_adult(citizen, state.today):
                    continue
                if query.get("with_children") == "1" and not citizen.children:
                    continue
                if query.get("married") == "1" and citizen.marital_status != "married":
                    continue
                chosen.append({"pinfl": citizen.pinfl, "full_name": citizen.full_name,
                               "sex": citizen.sex, "birth_date": citizen.birth_date.isoformat(),
                               "region": citizen.region, "district": citizen.district,
                               "children": len(citizen.children)})
            return chosen[: int(query.get("limit", 20))]

    def _switch(self, registry: str, body: dict[str, Any]) -> None:
        mode = str(body.get("mode", "normal"))
        if registry not in PROJECTIONS or mode not in MODES:
            self._send(HTTPStatus.BAD_REQUEST, {"error": f"registry or mode unknown; {MODES}"})
            return
        self.server.state.switches[registry] = (mode, float(body.get("delay", 5.0)))
        self._send(HTTPStatus.OK, {"registry": registry, "mode": mode})

    def _birth(self, body: dict[str, Any]) -> None:
        state = self.server.state
        with state.lock:
            parent = state.population.citizens.get(str(body.get("parent_pinfl", "")))
            if parent is None:
                self._send(HTTPStatus.NOT_FOUND, {"error": "no such parent"})
                return
            born = datetime.date.fromisoformat(body.get("birth_date") or state.today.isoformat())
            child = record_birth(state.population, state.events, parent, born,
                                 body.get("sex"), body.get("given_name"))
        self._send(HTTPStatus.CREATED, {"child_pinfl": child.pinfl, "full_name": child.full_name})


class SimulatorServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: SimulatorState) -> None:
        super().__init__(address, SimulatorHandler)
        self.state = state
