"""Reaching a registry over HTTP: timeouts, bounded retries, and a circuit breaker.

Every call has a time budget (the adapter's timeout unless the caller passes less): each
attempt gets what is left of it, and a retry happens only while some of it remains, so a
lookup never outlasts its budget however the registry misbehaves.  Only idempotent reads
(GET) are retried, on connection errors and 502/503/504.  After ``failure_threshold``
consecutive failures the breaker opens and calls fail at once for ``reset_after`` seconds;
then one trial call decides whether it closes again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import requests

RETRYABLE_STATUSES = frozenset({502, 503, 504})


class RegistryUnavailableError(Exception):
    """The registry gave no usable answer in time: slow, failing, down, or circuit open."""

    def __init__(self, registry: str, reason: str) -> None:
        super().__init__(f"registry {registry} unavailable: {reason}")
        self.registry = registry
        self.reason = reason


class RecordNotFoundError(Exception):
    """The registry answered, and holds no record for the person asked about."""


class CircuitBreaker:
    """Closed -> open after consecutive failures -> half-open trial after ``reset_after``."""

    def __init__(self, failure_threshold: int = 5, reset_after: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.failure_threshold = failure_threshold
        self.reset_after = reset_after
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_running = False

    @property
    def state(self) -> str:
        with self._lock:
            return self._state_locked()

    def _state_locked(self) -> str:
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at >= self.reset_after:
            return "half_open"
        return "open"

    def allow(self) -> bool:
        """Whether a call may go out now (in half-open state, only one trial at a time)."""
        with self._lock:
            state = self._state_locked()
            if state == "closed":
                return True
            if state == "half_open" and not self._trial_running:
                self._trial_running = True
                return True
            return False

    def record_success(self) -> None:
        with self._lock:
            self._failures, self._opened_at, self._trial_running = 0, None, False

    def record_failure(self) -> None:
        with self._lock:
            self._failures += 1
            if self._trial_running or self._failures >= self.failure_threshold:
                self._opened_at = self._clock()
            self._trial_running = False


class RegistryClient:
    """JSON reads from one registry's base URL (thread-safe: one requests session per thread)."""

    def __init__(self, registry: str, base_url: str, timeout: float = 2.0, retries: int = 2,
                 breaker: CircuitBreaker | None = None) -> None:
        self.registry = registry
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.breaker = breaker or CircuitBreaker()
        self._local = threading.local()

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
            session.headers["Accept"] = "application/json"
        return session

    def get_json(self, path: str, budget: float | None = None) -> dict[str, Any]:
        """GET ``path`` as a JSON object (raises RecordNotFoundError, RegistryUnavailableError)."""
        if not self.breaker.allow():
            raise RegistryUnavailableError(self.registry, "circuit_open")
        deadline = time.monotonic() + min(budget or self.timeout, self.timeout)
        reason = "timeout"
        for attempt in range(self.retries + 1):
            remaining = deadline - time.monotonic()
            if remaining <= 0.01:
                break
            try:
                response = self._session().get(self.base_url + path, timeout=remaining)
            except requests.Timeout:
                reason = "timeout"
                break  # the budget is spent: another attempt could not finish in time
            except requests.ConnectionError:
                reason = "down"
            else:
                if response.status_code == 404:
                    self.breaker.record_success()  # the registry works; the person is unknown
                    raise RecordNotFoundError(self.registry)
                if response.ok:
                    try:
                        payload = response.json()
                    except ValueError:
                        reason = "invalid_response"
                        break
                    self.breaker.record_success()
                    return payload if isinstance(payload, dict) else {}
                reason = f"status_{response.status_code}"
                if response.status_code not in RETRYABLE_STATUSES:
                    break
            # Back off briefly, never past the deadline (0.05 s, 0.1 s, ...).
            time.sleep(max(0.0, min(0.05 * 2**attempt, deadline - time.monotonic() - 0.05)))
        self.breaker.record_failure()
        raise RegistryUnavailableError(self.registry, reason)
