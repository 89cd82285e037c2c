"""The citizen's data-access log: every lookup about them, and nothing else, in their language."""

from __future__ import annotations

from typing import Any

from flask import Flask

from tests.accounts.conftest import make_staff
from tests.registries.conftest import Citizen, Simulator, register
from tests.registries.test_prefill import _complete_and_submit, new_draft


def log_of(citizen: Citizen, lang: str = "en") -> list[dict[str, Any]]:
    response = citizen.get(f"/api/v1/me/data-access?lang={lang}")
    assert response.status_code == 200, response.get_json()
    items: list[dict[str, Any]] = response.get_json()["items"]
    return items


def summary(entry: dict[str, Any]) -> tuple[Any, ...]:
    return (entry["registry"]["id"], tuple(a["id"] for a in entry["attributes"]),
            entry["outcome"], entry["purpose"]["kind"], entry["purpose"]["service_id"],
            entry["actor"]["role"], (entry["actor"]["agency"] or {}).get("id"))


def test_the_log_lists_every_lookup_of_these_steps_and_nothing_else(
        app: Flask, citizen: Citizen, simulator: Simulator, parent: dict[str, Any]) -> None:
    """Registration, a prefilled draft, a draft with the address registry down, and an
    officer's check: six lookups, each with its registry, attributes, purpose and actor."""
    address = simulator.record("address", citizen.pinfl)
    first, _ = new_draft(citizen)
    simulator.switch("address", "down")
    second, _ = new_draft(citizen)
    simulator.switch("address", "normal")
    assert _complete_and_submit(citizen, second, address["region"],
                                address["district"]).status_code == 200
    officer = make_staff(app, agency="migration-service")
    checked = officer.post(f"/api/v1/officer/applications/{second['id']}/registry-check")
    assert checked.status_code == 200, checked.get_json()
    by_name = {f["name"]: f for f in checked.get_json()["fields"]}
    assert by_name["region"]["status"] == "registry" and by_name["region"]["matches"] is True

    entries = log_of(citizen)

    assert [summary(e) for e in entries] == [  # newest first
        ("address", ("district", "region"), "ok", "verification", "id-card", "officer",
         "migration-service"),
        ("civil", ("birth_date", "full_name"), "ok", "verification", "id-card", "officer",
         "migration-service"),
        ("address", ("district", "region"), "unavailable", "application", "id-card",
         "citizen", None),
        ("civil", ("birth_date", "full_name"), "ok", "application", "id-card", "citizen", None),
        ("address", ("district", "region"), "ok", "application", "id-card", "citizen", None),
        ("civil", ("birth_date", "full_name"), "ok", "application", "id-card", "citizen", None),
        ("civil", ("full_name",), "ok", "registration", None, "citizen", None),
    ][: len(entries)] and len(entries) == 7
    assert first["id"] != second["id"]
    # The officer's check confirmed what was marked for verification.
    detail = citizen.get(f"/api/v1/applications/{second['id']}").get_json()
    assert detail["prefill"]["region"]["status"] == "registry"


def test_the_log_is_rendered_in_the_readers_language(citizen: Citizen) -> None:
    new_draft(citizen)

    english = log_of(citizen, "en")[0]
    russian = log_of(citizen, "ru")[0]

    assert english["registry"]["name"] == "Address registry"
    assert english["purpose"]["text"] == "To prefill your application: Biometric ID card"
    assert english["actor"]["text"] == "You"
    assert russian["registry"]["name"] != english["registry"]["name"]
    assert russian["actor"]["text"] == "Вы"
    assert russian["outcome_text"] != english["outcome_text"]


def test_nobody_reads_another_citizens_log(app: Flask, citizen: Citizen,
                                           simulator: Simulator) -> None:
    new_draft(citizen)
    someone_else = simulator.another_adult(than=citizen.pinfl)
    other = register(app.test_client(), someone_else)

    entries = log_of(other)

    assert [e["purpose"]["kind"] for e in entries] == ["registration"]
    assert all(e["registry"]["id"] == "civil" for e in entries)
    assert citizen.client.get("/api/v1/me/data-access").status_code == 401
    officer = make_staff(app, agency="migration-service")
    assert officer.get("/api/v1/me/data-access").status_code == 403


def test_the_log_pages_backwards(citizen: Citizen) -> None:
    for _ in range(2):
        new_draft(citizen)
    first = citizen.get("/api/v1/me/data-access?limit=2").get_json()
    rest = citizen.get(f"/api/v1/me/data-access?limit=10&before={first['next_before']}")

    assert len(first["items"]) == 2 and first["next_before"] == first["items"][-1]["id"]
    assert [e["id"] for e in rest.get_json()["items"]] == sorted(
        (e["id"] for e in rest.get_json()["items"]), reverse=True)
    assert len(rest.get_json()["items"]) == 3 and rest.get_json()["next_before"] is None


def test_done_when_every_lookup_of_the_journey_is_listed_and_nothing_else(
        app: Flask, citizen: Citizen, simulator: Simulator) -> None:
    """Registration, a prefilled ID card draft, one with the address registry down (then
    submitted), the birth bundle, and the birth event delivered twice: exactly these lookups."""
    from tests.registries.test_bundles import BIRTH, birth_answers
    from tests.registries.test_offers import pull, push

    address = simulator.record("address", citizen.pinfl)
    new_draft(citizen)
    simulator.switch("address", "down")
    down, _ = new_draft(citizen)
    simulator.switch("address", "normal")
    assert _complete_and_submit(citizen, down, address["region"],
                                address["district"]).status_code == 200
    simulator.record_birth(citizen.pinfl, birth_date="2026-11-20")
    bundle = citizen.post(f"/api/v1/bundles/{BIRTH}/applications",
                          {"values": birth_answers(address, citizen.pinfl)},
                          headers={"Idempotency-Key": "journey"})
    assert bundle.status_code == 201, bundle.get_json()
    pull(app)
    births = [e for e in simulator.events() if e["type"] == "birth_recorded"]
    assert push(citizen, births).get_json() == {"outcomes": {"duplicate": 1}}

    entries = log_of(citizen)

    def kinds(*items: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        return sorted(items, key=repr)

    assert kinds(*(summary(e) for e in entries)) == kinds(
        ("civil", ("full_name",), "ok", "registration", None, "citizen", None),
        ("civil", ("birth_date", "full_name"), "ok", "application", "id-card", "citizen", None),
        ("address", ("district", "region"), "ok", "application", "id-card", "citizen", None),
        ("civil", ("birth_date", "full_name"), "ok", "application", "id-card", "citizen", None),
        ("address", ("district", "region"), "unavailable", "application", "id-card",
         "citizen", None),
        ("civil", ("children", "full_name", "marital_status"), "ok", "bundle", BIRTH,
         "citizen", None),
        ("social", ("low_income_status",), "ok", "bundle", BIRTH, "citizen", None),
        ("education", ("kindergarten_place",), "ok", "bundle", BIRTH, "citizen", None),
        ("address", ("district", "permanent_address", "region"), "ok", "bundle", BIRTH,
         "citizen", None),
        ("social", ("low_income_status",), "ok", "offer", "child-benefit", "system", None),
        ("civil", ("children",), "ok", "offer", "child-benefit", "system", None),
    )
    group_id = bundle.get_json()["id"]
    assert {e["purpose"]["reference"] for e in entries if e["purpose"]["kind"] == "bundle"} == {
        group_id}
    offer_id = citizen.get("/api/v1/me/offers").get_json()["items"][0]["id"]
    assert {e["purpose"]["reference"] for e in entries if e["purpose"]["kind"] == "offer"} == {
        offer_id}
