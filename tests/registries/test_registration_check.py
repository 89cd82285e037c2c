"""Registration checks the PINFL and the name in the civil registry (when registries are on)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server.flows.identifiers import make_pinfl
from server.registries.service import names_match
from tests.registries.conftest import PASSWORD, Simulator, new_phone, register


def attempt(client: FlaskClient, pinfl: str, full_name: str) -> Any:
    return client.post("/api/v1/auth/register?lang=en", json={
        "pinfl": pinfl, "phone": new_phone(), "password": PASSWORD, "full_name": full_name})


def test_a_person_the_civil_registry_knows_registers(client: FlaskClient,
                                                     parent: dict[str, Any]) -> None:
    surname, given, *_ = parent["full_name"].split()
    response = attempt(client, parent["pinfl"], f"{given.upper()} {surname}")
    assert response.status_code == 201, response.get_json()


def test_another_name_is_refused_and_the_attempt_is_logged_for_the_real_person(
        app: Flask, client: FlaskClient, parent: dict[str, Any]) -> None:
    refused = attempt(client, parent["pinfl"], "Somebody Else")

    assert refused.status_code == 422
    assert refused.get_json()["errors"]["full_name"] == [
        "The name does not match the civil registry. Write it as on your ID card."]
    owner = register(app.test_client(), parent)
    log = owner.get("/api/v1/me/data-access").get_json()["items"]
    assert [(e["purpose"]["kind"], e["outcome"]) for e in log] == [
        ("registration", "ok"), ("registration", "ok")]


def test_an_unknown_pinfl_is_refused(client: FlaskClient, simulator: Simulator) -> None:
    unknown = make_pinfl(datetime.date(1991, 3, 4), "female", 999, 999)
    refused = attempt(client, unknown, "Karimova Aziza")

    assert refused.status_code == 422
    assert "pinfl" in refused.get_json()["errors"]


def test_with_the_civil_registry_down_registration_waits(client: FlaskClient,
                                                         simulator: Simulator,
                                                         parent: dict[str, Any]) -> None:
    simulator.switch("civil", "down")

    refused = attempt(client, parent["pinfl"], parent["full_name"])

    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "60"


def test_the_check_can_be_turned_off(make_app: Any, simulator: Simulator,
                                     parent: dict[str, Any]) -> None:
    app = make_app(REGISTRY_CHECK_REGISTRATION="off")
    response = attempt(app.test_client(), parent["pinfl"], "Somebody Else")
    assert response.status_code == 201


@pytest.mark.parametrize(("registered", "typed", "expected"), [
    ("Karimov Aziz Rustam oʻgʻli", "Karimov Aziz", True),
    ("Karimov Aziz Rustam oʻgʻli", "aziz  KARIMOV rustam o'g'li", True),
    ("Gʻofurov Oʻtkir Anvar oʻgʻli", "G'ofurov O‘tkir", True),
    ("Karimov Aziz Rustam oʻgʻli", "Karimov Anvar", False),
    ("Karimov Aziz Rustam oʻgʻli", "", False),
])
def test_names_match_whatever_apostrophe_case_or_order(registered: str, typed: str,
                                                       expected: bool) -> None:
    assert names_match(registered, typed) is expected
