"""HTTP to the Xizmat API: timeouts on every call, retries with backoff where it is safe.

A call is retried only when repeating it cannot do anything twice: safe and idempotent
methods (GET, HEAD, PUT, DELETE, OPTIONS) and a POST that carries an ``Idempotency-Key``
(the server answers a repeat with the first answer).  Retried conditions are the ones a
phone meets on a bad network or a busy server: connection errors, timeouts, 502/503/504,
and 429 (waiting for ``Retry-After`` when the server says how long, within a cap).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests

from mobile.api.errors import OfflineError

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRY_STATUSES = frozenset({429, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry: ``attempts`` in all, exponential backoff with jitter."""

    attempts: int = 4
    backoff_base: float = 0.3
    backoff_cap: float = 5.0
    retry_after_cap: float = 10.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before attempt number ``attempt + 1`` (``attempt`` counts from 1)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.retry_after_cap)
        ceiling = min(self.backoff_cap, self.backoff_base * (2 ** (attempt - 1)))
        # "Full jitter": many phones retrying after an outage do not come back in step.
        return random.uniform(ceiling / 2, ceiling)


@dataclass(frozen=True)
class Timeouts:
    connect: float = 3.05
    read: float = 15.0


def is_retry_safe(method: str, headers: Mapping[str, str]) -> bool:
    if method.upper() in IDEMPOTENT_METHODS:
        return True
    return any(name.lower() == "idempotency-key" for name in headers)


def _retry_after_seconds(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff rather than parse clocks


class Transport:
    """One ``requests.Session`` to one server, with the retry rules above."""

    def __init__(
        self,
        base_url: str,
        *,
        retry: RetryPolicy | None = None,
        timeouts: Timeouts | None = None,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.retry = retry or RetryPolicy()
        self.timeouts = timeouts or Timeouts()
        self._sleep = sleep
        self.session = session or requests.Session()

    def url(self, path: str) -> str:
        return path if path.startswith("http") else f"{self.base_url}{path}"

    def send(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | None = None,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
    ) -> requests.Response:
        """Send one request, retrying when safe; raise ``OfflineError`` if never answered.

        An HTTP error status is returned, not raised: the caller decides what it means.
        """
        headers = dict(headers or {})
        attempts = self.retry.attempts if is_retry_safe(method, headers) else 1
        last_error: Exception | None = None
        for attempt in range(1, attempts + 1):
            try:
                response = self.session.request(
                    method,
                    self.url(path),
                    headers=headers,
                    json=json,
                    params=params,
                    timeout=(self.timeouts.connect, self.timeouts.read),
                )
            except (requests.ConnectionError, requests.Timeout) as error:
                last_error = error
                if attempt < attempts:
                    self._sleep(self.retry.delay(attempt))
                continue
            if response.status_code in RETRY_STATUSES and attempt < attempts:
                retry_after = _retry_after_seconds(response)
                response.close()
                self._sleep(self.retry.delay(attempt, retry_after))
                continue
            return response
        raise OfflineError(str(last_error)) from last_error

    def close(self) -> None:
        self.session.close()
