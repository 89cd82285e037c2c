"""Composite services: one submission of a bundle makes one application per service, each
with its own agency, status and timeline, grouped for the citizen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server.catalogue.service import current_catalogue
from server.registries.bundles import (
    BUNDLES_DIR,
    BundleError,
    bundle_fields,
    current_bundles,
    load_bundles,
    untranslated,
)
from tests.registries.conftest import Citizen, Simulator

BIRTH = "birth-of-a-child"


def birth_answers(address: dict[str, Any], owner_pinfl: str) -> dict[str, Any]:
    """What the citizen types for the birth bundle: only what no registry holds."""
    return {
        "child_given_name": "Laziz", "child_sex": "male", "child_birth_date": "2026-11-20",
        "birth_region": address["region"], "birth_district": address["district"],
        "children_under_18": 3, "monthly_income": 4_200_000,
        "card_number": "8600 1234 5678 9012", "special_needs": False,
        "preferred_kindergartens": "DMTT No. 4", "language": "uz", "start_date": "2029-09-01",
        "new_region": address["region"], "new_district": address["district"],
        "new_address": address["permanent_address"], "moving_date": "2026-11-20",
        "basis": "family", "owner_pinfl": owner_pinfl, "phone": "+998901234567", "consent": True,
    }


def test_bundles_are_listed_and_described_in_the_readers_language(client: FlaskClient) -> None:
    listed = client.get("/api/v1/bundles?lang=en").get_json()["items"]
    detail = client.get(f"/api/v1/bundles/{BIRTH}?lang=en").get_json()

    assert len(listed) >= 3
    assert {b["id"] for b in listed} >= {BIRTH, "starting-a-business", "getting-married"}
    assert [s["id"] for s in detail["services"]] == [
        "birth-registration", "child-benefit", "kindergarten-queue",
        "permanent-residence-registration"]
    fields = {f["name"]: f for f in detail["fields"]}
    assert fields["phone"]["shared"] is True and len(fields["phone"]["services"]) == 4
    assert fields["child_birth_date"]["services"] == ["birth-registration",
                                                      "kindergarten-queue"]
    assert fields["child_given_name"]["shared"] is False
    assert detail["prefilled_fields"] == sum(1 for f in detail["fields"] if f["prefill"])
    assert len(detail["fields"]) == len(fields)  # each question once
    assert client.get("/api/v1/bundles/no-such-bundle").status_code == 404


def test_one_submission_makes_four_applications_in_four_agencies(
        app: Flask, citizen: Citizen, simulator: Simulator) -> None:
    address = simulator.record("address", citizen.pinfl)
    newborn = simulator.record_birth(citizen.pinfl, birth_date="2026-11-20")
    url = f"/api/v1/bundles/{BIRTH}/applications"
    body = {"values": birth_answers(address, citizen.pinfl)}

    made = citizen.post(url, body, headers={"Idempotency-Key": "birth-1"})
    retried = citizen.post(url, body, headers={"Idempotency-Key": "birth-1"})

    assert made.status_code == 201, made.get_json().get("errors")
    group = made.get_json()
    assert retried.status_code == 201 and retried.get_json()["id"] == group["id"]
    applications = group["applications"]
    assert len(applications) == 4
    assert {a["agency"]["id"] for a in applications} == {
        "civil-registry", "social-protection-agency", "school-education-ministry",
        "migration-service"}
    assert {a["status"] for a in applications} == {"submitted"}
    assert len({a["number"] for a in applications}) == 4
    # Each is an ordinary application with its own timeline, in the citizen's list too.
    mine = citizen.get("/api/v1/applications").get_json()
    listed = {a["id"]: a["group_id"] for a in mine["items"]}
    assert {a["id"]: group["id"] for a in applications} == listed
    for application in applications:
        detail = citizen.get(f"/api/v1/applications/{application['id']}").get_json()
        assert [event["status"] for event in detail["timeline"]] == ["submitted"]
    benefit = next(a for a in applications if a["service_id"] == "child-benefit")
    detail = citizen.get(f"/api/v1/applications/{benefit['id']}").get_json()
    assert detail["values"]["family"]["child_pinfl"] == newborn["child_pinfl"]
    assert detail["prefill"]["child_pinfl"]["source"] == "civil.children"
    groups = citizen.get("/api/v1/me/application-groups").get_json()["items"]
    assert [g["id"] for g in groups] == [group["id"]]
    assert groups[0]["bundle"]["id"] == BIRTH


def test_a_bundle_with_missing_answers_makes_nothing(app: Flask, citizen: Citizen,
                                                     simulator: Simulator) -> None:
    address = simulator.record("address", citizen.pinfl)
    answers = birth_answers(address, citizen.pinfl)
    del answers["card_number"], answers["child_given_name"]

    refused = citizen.post(f"/api/v1/bundles/{BIRTH}/applications", {"values": answers},
                           headers={"Idempotency-Key": "birth-2"})

    assert refused.status_code == 422
    assert {"card_number", "child_given_name"} <= set(refused.get_json()["errors"])
    assert citizen.get("/api/v1/applications").get_json()["items"] == []
    # Corrected, the same key goes through: a refused submission leaves no claim.
    fixed = citizen.post(f"/api/v1/bundles/{BIRTH}/applications",
                         {"values": birth_answers(address, citizen.pinfl)},
                         headers={"Idempotency-Key": "birth-2"})
    assert fixed.status_code == 201, fixed.get_json()


def test_a_bundle_needs_a_signed_in_citizen_and_an_idempotency_key(
        client: FlaskClient, citizen: Citizen) -> None:
    url = f"/api/v1/bundles/{BIRTH}/applications"
    assert client.post(url, json={"values": {}}).status_code == 401
    assert citizen.post(url, {"values": {}}).status_code == 400


def test_prefilled_attributes_across_the_bundled_services(app: Flask) -> None:
    """The once-only count: fields of the bundled services that the registries fill."""
    with app.app_context():
        catalogue = current_catalogue()
        per_service = {}
        for bundle in current_bundles().values():
            for item in bundle_fields(bundle, catalogue):
                for service_id in item.used_by:
                    definition = catalogue.get(service_id)
                    assert definition is not None
                    field = next(f for _, f in definition.fields() if f.name == item.field.name)
                    if field.prefill:
                        per_service[(service_id, field.name)] = field.prefill
    assert len(per_service) >= 15
    print(f"\nattributes no longer asked across the bundled services: {len(per_service)}")


def test_every_bundle_is_translated_in_every_locale(app: Flask) -> None:
    with app.app_context():
        assert untranslated(current_bundles()) == []
        assert len(current_bundles()) == len(list(BUNDLES_DIR.glob("*.yaml")))


def test_a_broken_bundle_is_refused_with_file_and_reason(app: Flask, tmp_path: Path) -> None:
    (tmp_path / "twins.yaml").write_text(
        "id: twins\nlife_event: birth-of-a-child\ntitle: Twins\nsummary: Two at once\n"
        "services: [birth-registration, no-such-service]\n", encoding="utf-8")
    with app.app_context(), pytest.raises(BundleError, match=r"twins.yaml: services not in"):
        load_bundles(current_catalogue(), tmp_path)
    (tmp_path / "twins.yaml").write_text(
        "id: triplets\nlife_event: birth-of-a-child\ntitle: T\nsummary: S\n"
        "services: [birth-registration, child-benefit]\n", encoding="utf-8")
    with app.app_context(), pytest.raises(BundleError, match="must equal the file name"):
        load_bundles(current_catalogue(), tmp_path)


def test_the_bundle_shows_what_the_registries_hold_before_submission(
        citizen: Citizen, simulator: Simulator) -> None:
    civil = simulator.record("civil", citizen.pinfl)

    shown = citizen.get(f"/api/v1/bundles/{BIRTH}/prefill").get_json()["values"]

    assert shown["full_name"] == {**shown["full_name"], "value": civil["full_name"],
                                  "source": "civil.full_name", "status": "registry"}
    assert shown["region"]["source"] == "address.region"
    log = citizen.get("/api/v1/me/data-access").get_json()["items"]
    assert {e["purpose"]["kind"] for e in log} == {"bundle", "registration"}
    assert citizen.client.get(f"/api/v1/bundles/{BIRTH}/prefill").status_code == 401
