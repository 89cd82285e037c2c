"""Proactive services: a life event recorded in the registries becomes one offer, however
often it is delivered; the offer is accepted in one step or declined."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import delete, func, select

from server.db import session_factory
from server.registries.intake import sign_body
from server.registries.models import LifeEventCursor, LifeEventReceipt, Offer
from tests.registries.conftest import Citizen, Simulator, register

SECRET = "webhook-test-secret"


def pull(app: Flask) -> str:
    result = app.test_cli_runner().invoke(args=["registries", "pull"])
    assert result.exit_code == 0, result.output
    return result.output


def push(citizen: Citizen, events: list[dict[str, Any]], secret: str = SECRET) -> Any:
    body = json.dumps({"events": events}).encode()
    return citizen.client.post("/api/v1/registry-events", data=body, headers={
        "Content-Type": "application/json", "X-Registry-Signature": sign_body(secret, body)})


def offers_of(citizen: Citizen) -> list[dict[str, Any]]:
    response = citizen.get("/api/v1/me/offers")
    assert response.status_code == 200, response.get_json()
    items: list[dict[str, Any]] = response.get_json()["items"]
    return items


def count(app: Flask, model: Any) -> int:
    with app.app_context(), session_factory(app)() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_recorded_birth_makes_exactly_one_offer_even_when_delivered_twice(
        app: Flask, simulator: Simulator, parent: dict[str, Any]) -> None:
    citizen = register(app.test_client(), parent, locale="ru")
    child = simulator.record_birth(citizen.pinfl, given_name="Laziz", sex="male")
    birth = [e for e in simulator.events() if e["type"] == "birth_recorded"]
    assert len(birth) == 1

    first = pull(app)
    push(citizen, birth)  # the same event again, by the webhook
    assert push(citizen, birth).get_json() == {"outcomes": {"duplicate": 1}}
    with app.app_context(), session_factory(app)() as session:  # and pulled from the start
        session.execute(delete(LifeEventCursor))
        session.commit()
    again = pull(app)

    assert "offered: 1" in first and "offered" not in again
    offers = offers_of(citizen)
    assert len(offers) == 1 and count(app, Offer) == 1
    offer = offers[0]
    assert offer["event"] == "birth_recorded" and offer["status"] == "pending"
    assert offer["service"]["id"] == "child-benefit"
    assert offer["service"]["agency"]["id"] == "social-protection-agency"
    assert offer["facts"] == {"child_pinfl": child["child_pinfl"]}
    assert offer["prefill"]["low_income_status"]["source"] == "social.low_income_status"
    assert "child_pinfl" not in offer["missing"]
    # The citizen hears of it in their own language, in the app and by SMS.
    notes = citizen.get("/api/v1/me/notifications").get_json()["items"]
    assert notes[0]["message"].startswith("Поздравляем с рождением ребёнка!")


def test_an_offer_is_accepted_in_one_step(app: Flask, simulator: Simulator,
                                          citizen: Citizen) -> None:
    simulator.record_birth(citizen.pinfl)
    pull(app)
    offer = offers_of(citizen)[0]
    url = f"/api/v1/me/offers/{offer['id']}/accept"
    missing = {"children_under_18": 2, "monthly_income": 3_500_000,
               "card_number": "8600 1234 5678 9012", "phone": "+998901234567", "consent": True}

    incomplete = citizen.post(url, {"values": {"phone": "+998901234567"}})
    accepted = citizen.post(url, {"values": missing})
    again = citizen.post(url, {"values": missing})

    assert incomplete.status_code == 422
    assert {"card_number", "consent"} <= set(incomplete.get_json()["errors"])
    assert accepted.status_code == 200, accepted.get_json()
    body = accepted.get_json()
    assert body["status"] == "accepted" and body["application_id"]
    assert again.get_json()["application_id"] == body["application_id"]
    application = citizen.get(f"/api/v1/applications/{body['application_id']}").get_json()
    assert application["status"] == "submitted"
    assert application["agency"] == "social-protection-agency"
    assert application["values"]["family"]["child_pinfl"] == offer["facts"]["child_pinfl"]
    assert application["prefill"]["low_income_status"]["status"] == "registry"


def test_an_offer_can_be_declined_and_then_not_accepted(app: Flask, simulator: Simulator,
                                                       citizen: Citizen) -> None:
    simulator.record_birth(citizen.pinfl)
    pull(app)
    offer_id = offers_of(citizen)[0]["id"]

    declined = citizen.post(f"/api/v1/me/offers/{offer_id}/decline")
    accepted = citizen.post(f"/api/v1/me/offers/{offer_id}/accept", {"values": {}})

    assert declined.status_code == 200 and declined.get_json()["status"] == "declined"
    assert accepted.status_code == 409
    assert offers_of(citizen)[0]["status"] == "declined"
    assert citizen.get("/api/v1/me/offers?status=pending").get_json()["items"] == []


def test_nobody_sees_or_answers_another_citizens_offer(app: Flask, simulator: Simulator,
                                                       citizen: Citizen) -> None:
    simulator.record_birth(citizen.pinfl)
    pull(app)
    offer_id = offers_of(citizen)[0]["id"]
    other = register(app.test_client(), simulator.another_adult(than=citizen.pinfl))

    assert other.get(f"/api/v1/me/offers/{offer_id}").status_code == 404
    assert other.post(f"/api/v1/me/offers/{offer_id}/decline").status_code == 404
    assert offers_of(other) == []


def test_events_about_people_without_an_account_make_no_offer(
        app: Flask, simulator: Simulator, citizen: Citizen) -> None:
    output = pull(app)  # the simulator's backlog: retirements, expiring cards, disabilities

    assert "no_account" in output and "offered" not in output
    assert count(app, Offer) == 0
    assert count(app, LifeEventReceipt) == len(simulator.events())


def test_the_webhook_refuses_unsigned_or_malformed_events(
        app: Flask, simulator: Simulator, citizen: Citizen) -> None:
    event = {"id": "e" * 20, "type": "birth_recorded", "pinfl": citizen.pinfl, "data": {}}

    assert push(citizen, [event], secret="wrong").status_code == 403
    malformed = push(citizen, [{**event, "pinfl": "12345678901234"}, {"id": 5}])
    assert malformed.status_code == 200
    assert malformed.get_json() == {"outcomes": {"invalid": 2}}
    assert count(app, LifeEventReceipt) == 0


def test_two_concurrent_accepts_make_one_application(app: Flask, simulator: Simulator,
                                                     citizen: Citizen) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from server.applications.models import Application

    simulator.record_birth(citizen.pinfl)
    pull(app)
    offer_id = offers_of(citizen)[0]["id"]
    values = {"children_under_18": 1, "monthly_income": 900_000,
              "card_number": "8600123456789012", "phone": "+998901234567", "consent": True}

    def accept(_: int) -> Any:
        client = app.test_client()
        return client.post(f"/api/v1/me/offers/{offer_id}/accept", json={"values": values},
                           headers=citizen.headers)

    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(accept, range(2)))

    assert [a.status_code for a in answers] == [200, 200], [a.get_json() for a in answers]
    assert len({a.get_json()["application_id"] for a in answers}) == 1
    assert count(app, Application) == 1


@pytest.mark.parametrize(("kind", "service_id", "facts"), [
    ("document_expiring", "id-card", {"reason": "expiring"}),
    ("retirement_age_reached", "pension-assignment", {}),
    ("disability_status_granted", "low-income-family-support", None),
])
def test_each_kind_of_life_event_offers_its_service(
        app: Flask, simulator: Simulator, kind: str, service_id: str,
        facts: dict[str, Any] | None) -> None:
    event = next(e for e in simulator.events() if e["type"] == kind)
    person = simulator.record("civil", event["pinfl"])
    citizen = register(app.test_client(), {"pinfl": event["pinfl"],
                                            "full_name": person["full_name"]})

    pull(app)

    theirs = [e for e in simulator.events() if e["pinfl"] == citizen.pinfl]
    all_offers = offers_of(citizen)
    assert len(all_offers) == len(theirs)  # one per event about this person
    offers = [o for o in all_offers if o["event"] == kind]
    assert [o["service"]["id"] for o in offers] == [service_id]
    expected = facts if facts is not None else {
        "disability_group": event["data"]["disability_group"]}
    assert offers[0]["facts"] == expected
    assert offers[0]["prefill"]  # something the registries already knew
