"""Server-driven forms: every field type of the flow engine gets a control, conditions
apply as the user types, prefilled values show their source (Kivy under Xvfb)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.mobile.conftest import run_scenario

pytestmark = [pytest.mark.kivy, pytest.mark.usefixtures("needs_display")]


@pytest.fixture(scope="module")
def observed() -> dict[str, Any]:
    [found] = run_scenario("form_rules", api_url="http://127.0.0.1:9")
    return found


def test_every_field_type_has_a_control(observed: dict[str, Any]) -> None:
    controls = observed["controls"]
    assert len(controls) == 16
    assert {controls[name] for name in ("reason", "needs", "has_car", "region", "district")} \
        == {"BoxLayout"}  # groups of radio buttons or check boxes
    assert controls["agree"] == "XChoice"
    assert all(controls[name] == "XTextField" for name in
               ("full_name", "story", "children", "income", "born", "phone", "pinfl",
                "email", "address"))


def test_prefilled_value_is_shown_with_its_source(observed: dict[str, Any]) -> None:
    value, hint = observed["prefilled"]
    assert value == "Aziz Karimov"
    assert "Civil registry" in hint


def test_conditions_and_dependent_lists_follow_the_typing(observed: dict[str, Any]) -> None:
    assert observed["plate_before"] is False and observed["plate_after"] is True
    assert observed["districts"] == ["district__urgut"]


def test_values_are_typed_cleaned_and_kept_in_the_draft(observed: dict[str, Any]) -> None:
    assert observed["values"] == {"born": "1990-03-05", "children": "2", "has_car": True,
                                  "region": "samarkand", "needs": [], "agree": False,
                                  "car_plate": ""}
    assert observed["draft"]["born"] == "1990-03-05"
    assert observed["draft"]["region"] == "samarkand"
