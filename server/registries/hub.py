"""The app's connections to the registries: one client (and circuit breaker) per registry,
and parallel lookups bounded by the adapter's timeout.

Several registries are asked at once, so a draft waits for the slowest answer within the
budget, not for the sum of them; an answer not in by then counts as unavailable.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from server.registries.config import RegistrySettings
from server.registries.http import (
    CircuitBreaker,
    RecordNotFoundError,
    RegistryClient,
    RegistryUnavailableError,
)
from server.registries.registry import PluginRegistry


@dataclass(frozen=True)
class RegistryAnswer:
    """One registry's answer about one person: the attributes asked for, or why there are none.

    ``outcome`` is "ok", "not_found" or "unavailable"; ``reason`` details an unavailable one
    ("timeout", "down", "status_503", "circuit_open", "not_configured").
    """

    registry: str
    attributes: tuple[str, ...]
    outcome: str
    fetched_at: datetime
    values: Mapping[str, Any] = field(default_factory=dict)
    reason: str = ""


class RegistryHub:
    def __init__(self, settings: RegistrySettings, plugins: PluginRegistry) -> None:
        self.settings = settings
        self.plugins = plugins
        self.clients = {
            registry_id: RegistryClient(
                registry_id, url, timeout=settings.timeout, retries=settings.retries,
                breaker=CircuitBreaker(settings.breaker_failures, settings.breaker_reset))
            for registry_id, url in settings.urls.items()
        }
        self._executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="registry")

    def lookup(self, pinfl: str, wanted: Mapping[str, set[str]]) -> dict[str, RegistryAnswer]:
        """Ask each registry in ``wanted`` (id -> attributes) about ``pinfl``, all at once.

        Returns within the adapter's timeout (plus thread start-up), whatever the registries do.
        """
        futures = {
            registry_id: self._executor.submit(self._ask, registry_id, pinfl, attributes)
            for registry_id, attributes in wanted.items()
        }
        wait(futures.values(), timeout=self.settings.timeout + 0.25)
        answers: dict[str, RegistryAnswer] = {}
        for registry_id, future in futures.items():
            if future.done():
                answers[registry_id] = future.result()
            else:  # the thread keeps running to its own deadline; we no longer wait for it
                answers[registry_id] = RegistryAnswer(
                    registry_id, tuple(sorted(wanted[registry_id])), "unavailable",
                    datetime.now(UTC), reason="timeout")
        return answers

    def _ask(self, registry_id: str, pinfl: str, attributes: set[str]) -> RegistryAnswer:
        asked = tuple(sorted(attributes))
        client = self.clients.get(registry_id)
        if client is None or registry_id not in self.plugins:
            return RegistryAnswer(registry_id, asked, "unavailable", datetime.now(UTC),
                                  reason="not_configured")
        try:
            record = self.plugins[registry_id].fetch(client, pinfl)
        except RecordNotFoundError:
            return RegistryAnswer(registry_id, asked, "not_found", datetime.now(UTC))
        except RegistryUnavailableError as error:
            return RegistryAnswer(registry_id, asked, "unavailable", datetime.now(UTC),
                                  reason=error.reason)
        values = {name: record.get(name) for name in asked}
        return RegistryAnswer(registry_id, asked, "ok", datetime.now(UTC), values)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
