"""The same life event delivered by several requests at once makes one offer, on SQLite and
on PostgreSQL (where the migrations, 0003 included, run from an empty database too)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from flask import Flask

from server.registries.intake import sign_body
from server.registries.models import LifeEventReceipt, Offer
from tests.registries.conftest import Simulator, register
from tests.registries.test_offers import SECRET, count


def deliver_at_once(app: Flask, events: list[dict[str, Any]], times: int) -> Counter[str]:
    body = json.dumps({"events": events}).encode()
    headers = {"Content-Type": "application/json",
               "X-Registry-Signature": sign_body(SECRET, body)}

    def deliver(_: int) -> dict[str, int]:
        response = app.test_client().post("/api/v1/registry-events", data=body, headers=headers)
        assert response.status_code == 200, response.get_json()
        outcomes: dict[str, int] = response.get_json()["outcomes"]
        return outcomes

    with ThreadPoolExecutor(max_workers=times) as pool:
        results = list(pool.map(deliver, range(times)))
    total: Counter[str] = Counter()
    for outcome in results:
        total.update(outcome)
    return total


def _one_offer_from_concurrent_deliveries(app: Flask, simulator: Simulator,
                                          parent: dict[str, Any]) -> None:
    citizen = register(app.test_client(), parent)
    simulator.record_birth(citizen.pinfl)
    births = [e for e in simulator.events() if e["type"] == "birth_recorded"]

    outcomes = deliver_at_once(app, births, times=4)

    assert outcomes == Counter({"offered": 1, "duplicate": 3})
    assert count(app, Offer) == 1 and count(app, LifeEventReceipt) == 1
    offers = citizen.get("/api/v1/me/offers").get_json()["items"]
    assert [o["event"] for o in offers] == ["birth_recorded"]


def test_concurrent_deliveries_make_one_offer_on_sqlite(
        app: Flask, simulator: Simulator, parent: dict[str, Any]) -> None:
    _one_offer_from_concurrent_deliveries(app, simulator, parent)


@pytest.mark.postgres
def test_concurrent_deliveries_make_one_offer_on_postgresql(
        make_app: Callable[..., Flask], pg_url: str, simulator: Simulator,
        parent: dict[str, Any]) -> None:
    _one_offer_from_concurrent_deliveries(make_app(pg_url), simulator, parent)
