"""Where the registries are and how long to wait for them.

Read from the Flask config first (tests pass a dict), then from ``XIZMAT_*`` variables:

==================================  =========================================================
``XIZMAT_REGISTRY_URL``             common base URL (the simulator or an interagency gateway);
                                    a registry's URL is ``<base>/registries/<name>``.  Empty
                                    (the default): registries are off, drafts start empty and
                                    registration is not checked.
``XIZMAT_REGISTRY_<NAME>_URL``      one registry's own URL (``XIZMAT_REGISTRY_CIVIL_URL``);
                                    overrides the common base for that registry.
``XIZMAT_REGISTRY_TIMEOUT``         seconds a lookup may take in all, retries included (2.0)
``XIZMAT_REGISTRY_RETRIES``         extra attempts of a failed read within that time (2)
``XIZMAT_REGISTRY_BREAKER_FAILURES`` consecutive failures that open a circuit (5)
``XIZMAT_REGISTRY_BREAKER_RESET``   seconds an open circuit waits before a trial call (30)
``XIZMAT_REGISTRY_CHECK_REGISTRATION`` check new accounts' PINFL and name in the civil registry
                                    (on by default whenever the civil registry has a URL)
``XIZMAT_REGISTRY_WEBHOOK_SECRET``  shared secret of the life-event webhook; empty turns the
                                    webhook off (events are then pulled: ``flask registries pull``)
==================================  =========================================================
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from server.config import (
    parse_bool,
    parse_non_negative_int,
    parse_positive_int,
    parse_positive_seconds,
)

T = TypeVar("T")


@dataclass(frozen=True)
class RegistrySettings:
    base_url: str = ""
    urls: Mapping[str, str] = field(default_factory=dict)
    events_url: str = ""
    timeout: float = 2.0
    retries: int = 2
    breaker_failures: int = 5
    breaker_reset: float = 30.0
    check_registration: bool = False
    webhook_secret: str = ""

    @property
    def enabled(self) -> bool:
        return bool(self.urls)


def load_registry_settings(config: Mapping[str, Any], registry_ids: Iterable[str],
                           environ: Mapping[str, str] | None = None) -> RegistrySettings:
    """The settings from ``config`` (Flask keys without ``XIZMAT_``) over ``environ``.

    Raises ``ValueError`` naming the variable when a value does not parse.
    """
    env = os.environ if environ is None else environ

    def value(key: str, parse: Callable[[str], T], default: T) -> T:
        if key in config and config[key] not in (None, ""):
            raw: Any = config[key]
            if not isinstance(raw, str):
                return cast(T, raw)
        else:
            raw = env.get("XIZMAT_" + key, "")
            if not raw.strip():
                return default
        try:
            return parse(raw)
        except ValueError as error:
            raise ValueError(f"XIZMAT_{key}={raw!r} is not valid: {error}") from error

    base = value("REGISTRY_URL", str, "").rstrip("/")
    urls: dict[str, str] = {}
    for registry_id in registry_ids:
        own = value(f"REGISTRY_{registry_id.upper()}_URL", str, "")
        if own or base:
            urls[registry_id] = own or f"{base}/registries/{registry_id}"
    return RegistrySettings(
        base_url=base,
        urls=urls,
        events_url=value("REGISTRY_EVENTS_URL", str, f"{base}/events" if base else ""),
        timeout=value("REGISTRY_TIMEOUT", parse_positive_seconds, 2.0),
        retries=value("REGISTRY_RETRIES", parse_non_negative_int, 2),
        breaker_failures=value("REGISTRY_BREAKER_FAILURES", parse_positive_int, 5),
        breaker_reset=value("REGISTRY_BREAKER_RESET", parse_positive_seconds, 30.0),
        # The same strict switch as every other XIZMAT_ setting: a typo stops the start
        # rather than quietly turning the registration check off.
        check_registration=value("REGISTRY_CHECK_REGISTRATION", parse_bool, "civil" in urls),
        webhook_secret=value("REGISTRY_WEBHOOK_SECRET", str, ""),
    )
