"""Drafts arrive prefilled from the registries, each value with its source and time; a
registry that is slow or down never blocks the citizen."""

from __future__ import annotations

import time
from typing import Any

from tests.registries.conftest import TIMEOUT, Citizen, Simulator


def new_draft(citizen: Citizen, service_id: str = "id-card") -> tuple[dict[str, Any], float]:
    started = time.monotonic()
    response = citizen.post("/api/v1/applications", {"service_id": service_id})
    elapsed = time.monotonic() - started
    assert response.status_code == 201, response.get_json()
    return response.get_json(), elapsed


def test_id_card_draft_has_name_birth_date_and_address_with_sources(
        citizen: Citizen, simulator: Simulator) -> None:
    civil = simulator.record("civil", citizen.pinfl)
    address = simulator.record("address", citizen.pinfl)

    draft, _ = new_draft(citizen)

    prefill = draft["prefill"]
    assert prefill["full_name"]["value"] == civil["full_name"]
    assert prefill["full_name"]["source"] == "civil.full_name"
    assert prefill["birth_date"]["value"] == civil["birth_date"]
    assert prefill["birth_date"]["source"] == "civil.birth_date"
    assert prefill["region"] == {**prefill["region"], "value": address["region"],
                                 "source": "address.region", "status": "registry"}
    assert prefill["district"]["value"] == address["district"]
    assert {value["status"] for value in prefill.values()} == {"registry"}
    assert all(value["fetched_at"].startswith("20") for value in prefill.values())


def _complete_and_submit(citizen: Citizen, draft: dict[str, Any], region: str,
                         district: str) -> Any:
    base = f"/api/v1/applications/{draft['id']}/steps"
    prefill = draft["prefill"]
    steps = {
        "applicant": {"full_name": prefill["full_name"]["value"],
                      "birth_date": prefill["birth_date"]["value"], "reason": "expiring"},
        "collection": {"region": region, "district": district, "phone": "+998901234567"},
        "confirm": {"consent": True},
    }
    for step_id, values in steps.items():
        response = citizen.put(f"{base}/{step_id}", {"values": values})
        assert response.status_code == 200, response.get_json()
    return citizen.post(f"/api/v1/applications/{draft['id']}/submit", {"declaration": True},
                        headers={"Idempotency-Key": f"submit-{draft['id']}"})


def test_address_registry_down_still_opens_the_draft_within_the_timeout_and_submits(
        citizen: Citizen, simulator: Simulator) -> None:
    address = simulator.record("address", citizen.pinfl)
    simulator.switch("address", "down")

    draft, elapsed = new_draft(citizen)

    assert elapsed < TIMEOUT + 0.5
    prefill = draft["prefill"]
    assert prefill["full_name"]["status"] == "registry"
    for name in ("region", "district"):
        assert prefill[name]["status"] == "verify_by_officer"
        assert prefill[name]["value"] is None
        assert prefill[name]["source"] == f"address.{name}"
    # The citizen types the address; the application goes through.
    submitted = _complete_and_submit(citizen, draft, address["region"], address["district"])
    assert submitted.status_code == 200, submitted.get_json()
    assert submitted.get_json()["status"] == "submitted"
    assert submitted.get_json()["prefill"]["region"]["status"] == "verify_by_officer"


def test_a_slow_registry_costs_at_most_the_adapters_timeout(
        citizen: Citizen, simulator: Simulator) -> None:
    simulator.switch("address", "slow", delay=TIMEOUT * 4)

    draft, elapsed = new_draft(citizen)

    assert elapsed < TIMEOUT + 0.5
    assert draft["prefill"]["region"]["status"] == "verify_by_officer"
    assert draft["prefill"]["full_name"]["status"] == "registry"


def test_a_failing_registry_marks_its_values_for_the_officer(
        citizen: Citizen, simulator: Simulator) -> None:
    simulator.switch("civil", "failing")

    draft, _ = new_draft(citizen)

    assert draft["prefill"]["full_name"]["status"] == "verify_by_officer"
    assert draft["prefill"]["birth_date"]["status"] == "verify_by_officer"
    assert draft["prefill"]["region"]["status"] == "registry"


def test_list_attributes_fill_fields_of_their_type(citizen: Citizen,
                                                    simulator: Simulator) -> None:
    children = simulator.record("civil", citizen.pinfl)["children"]
    youngest = max(children, key=lambda child: child["birth_date"])

    draft, _ = new_draft(citizen, "child-benefit")

    assert draft["prefill"]["child_pinfl"]["value"] == youngest["pinfl"]
    assert draft["prefill"]["child_pinfl"]["source"] == "civil.children"
    low_income = simulator.record("social", citizen.pinfl)["low_income_status"]
    assert draft["prefill"]["low_income_status"]["value"] is low_income
