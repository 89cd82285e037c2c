"""The HTTP adapter against the simulator: time budget, bounded retries, circuit breaker."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any, ClassVar

import pytest

from server.registries.base import RegistryPlugin
from server.registries.config import load_registry_settings
from server.registries.http import (
    CircuitBreaker,
    RecordNotFoundError,
    RegistryClient,
    RegistryUnavailableError,
)
from server.registries.registry import PluginRegistry
from tests.registries.conftest import Simulator


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def client_for(simulator: Simulator, registry: str = "address", timeout: float = 0.8,
               breaker: CircuitBreaker | None = None) -> RegistryClient:
    return RegistryClient(registry, f"{simulator.url}/registries/{registry}", timeout=timeout,
                          retries=2, breaker=breaker)


@pytest.fixture
def pinfl(simulator: Simulator) -> str:
    return str(simulator.citizens(limit=1)[0]["pinfl"])


def test_a_read_answers_the_record(simulator: Simulator, pinfl: str) -> None:
    payload = client_for(simulator).get_json(f"/citizens/{pinfl}")
    assert payload["attributes"]["region"]
    with pytest.raises(RecordNotFoundError):
        client_for(simulator).get_json("/citizens/00000000000000")


@pytest.mark.parametrize(("mode", "reason"), [
    ("slow", "timeout"), ("down", "down"), ("failing", "status_503")])
def test_every_failure_ends_within_the_budget(simulator: Simulator, pinfl: str, mode: str,
                                              reason: str) -> None:
    simulator.switch("address", mode, delay=3.0)
    client = client_for(simulator, timeout=0.8)

    started = time.monotonic()
    with pytest.raises(RegistryUnavailableError) as raised:
        client.get_json(f"/citizens/{pinfl}")

    assert raised.value.reason == reason
    assert time.monotonic() - started < 0.8 + 0.3


def test_the_breaker_opens_after_consecutive_failures_and_closes_after_a_good_trial(
        simulator: Simulator, pinfl: str) -> None:
    clock = Clock()
    breaker = CircuitBreaker(failure_threshold=2, reset_after=30, clock=clock)
    client = client_for(simulator, breaker=breaker)
    simulator.switch("address", "failing")
    for _ in range(2):
        with pytest.raises(RegistryUnavailableError):
            client.get_json(f"/citizens/{pinfl}")
    assert breaker.state == "open"

    simulator.switch("address", "normal")  # healthy again, but the circuit is still open
    started = time.monotonic()
    with pytest.raises(RegistryUnavailableError) as raised:
        client.get_json(f"/citizens/{pinfl}")
    assert raised.value.reason == "circuit_open" and time.monotonic() - started < 0.05

    clock.now += 30
    assert breaker.state == "half_open"
    assert client.get_json(f"/citizens/{pinfl}")["attributes"]
    assert breaker.state == "closed"


def test_a_failed_trial_opens_the_circuit_again() -> None:
    clock = Clock()
    breaker = CircuitBreaker(failure_threshold=1, reset_after=10, clock=clock)
    breaker.record_failure()
    clock.now += 10
    assert breaker.allow() and not breaker.allow()  # one trial at a time
    breaker.record_failure()
    assert breaker.state == "open"


def test_the_registry_of_plugins_refuses_duplicates_and_knows_attributes() -> None:
    plugins = PluginRegistry()

    @plugins.register("demo")
    class DemoRegistry(RegistryPlugin):
        verbose_name = "Demo registry"
        attributes: ClassVar[Mapping[str, str]] = {"favourite_colour": "favourite colour"}

        def convert(self, attribute: str, value: Any) -> Any:
            return str(value).lower()

    with pytest.raises(ValueError, match="already registered"):
        plugins.register("demo")(DemoRegistry)
    with pytest.raises(ValueError, match="needs attributes"):
        plugins.register("empty")(type("Empty", (RegistryPlugin,), {}))
    assert plugins.knows("demo.favourite_colour") and not plugins.knows("demo.shoe_size")
    assert plugins["demo"].identifier == "demo"
    assert plugins.ids() == ("demo",)


def test_settings_come_from_config_then_environment() -> None:
    settings = load_registry_settings(
        {"REGISTRY_TIMEOUT": 0.5},
        ["civil", "address"],
        {"XIZMAT_REGISTRY_URL": "http://gateway:8700/", "XIZMAT_REGISTRY_TIMEOUT": "9",
         "XIZMAT_REGISTRY_CIVIL_URL": "https://zags.example/api", "XIZMAT_REGISTRY_RETRIES": "1"})

    assert settings.urls == {"civil": "https://zags.example/api",
                             "address": "http://gateway:8700/registries/address"}
    assert settings.timeout == 0.5 and settings.retries == 1
    assert settings.events_url == "http://gateway:8700/events"
    assert settings.check_registration is True
    assert not load_registry_settings({}, ["civil"], {}).enabled
    with pytest.raises(ValueError, match="XIZMAT_REGISTRY_RETRIES"):
        load_registry_settings({}, ["civil"], {"XIZMAT_REGISTRY_RETRIES": "many"})


@pytest.mark.parametrize(("variable", "raw"), [
    ("XIZMAT_REGISTRY_CHECK_REGISTRATION", "ture"),
    ("XIZMAT_REGISTRY_TIMEOUT", "0"),
    ("XIZMAT_REGISTRY_TIMEOUT", "nan"),
    ("XIZMAT_REGISTRY_RETRIES", "-1"),
    ("XIZMAT_REGISTRY_BREAKER_RESET", "-5"),
    ("XIZMAT_REGISTRY_BREAKER_FAILURES", "0"),
])
def test_a_malformed_registry_setting_names_its_variable(variable: str, raw: str) -> None:
    with pytest.raises(ValueError, match=variable):
        load_registry_settings({}, ["civil"], {"XIZMAT_REGISTRY_URL": "http://gw", variable: raw})


def test_registry_switches_read_as_every_other_setting() -> None:
    environ = {"XIZMAT_REGISTRY_URL": "http://gw"}
    for raw, expected in (("off", False), ("no", False), ("0", False), ("on", True),
                          ("YES", True)):
        settings = load_registry_settings(
            {}, ["civil"], {**environ, "XIZMAT_REGISTRY_CHECK_REGISTRATION": raw})
        assert settings.check_registration is expected
