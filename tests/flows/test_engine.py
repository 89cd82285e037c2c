"""The flow engine on the fixture definitions: every field type, conditions, locales."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from server.catalogue.models import ServiceDefinition
from server.flows.engine import FlowContext, StepOutcome, validate_application, validate_step
from server.flows.identifiers import make_pinfl

TODAY = date.today()
VALID_PINFL = make_pinfl(date(1990, 5, 17), "male")


def step(definition: ServiceDefinition, step_id: str, data: Any, context: FlowContext,
         locale: str = "en", earlier: Any = None) -> StepOutcome:
    return validate_step(definition, step_id, data, locale, earlier or {}, context=context)


def child(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "birth_date": (TODAY - timedelta(days=800)).isoformat(), "children": 2,
        "has_benefit": False, "languages": ["uz"], "address": "Chilonzor 5, 12",
    }
    data.update(changes)
    return data


def test_a_good_step_gives_clean_json_values(
    passport: ServiceDefinition, context: FlowContext
) -> None:
    outcome = step(passport, "applicant", {
        "full_name": "  Aziz Karimov ", "pinfl": VALID_PINFL, "phone": "(90) 123-45-67",
        "unexpected": "ignored",
    }, context)
    assert outcome.errors == {}
    assert outcome.values == {"full_name": "Aziz Karimov", "pinfl": VALID_PINFL,
                              "phone": "+998901234567"}


def test_missing_required_fields_are_reported_in_the_locale(
    passport: ServiceDefinition, context: FlowContext
) -> None:
    outcome = step(passport, "applicant", {"full_name": ""}, context, locale="ru")
    assert outcome.errors == {"full_name": ["Заполните это поле."],
                              "pinfl": ["Заполните это поле."],
                              "phone": ["Заполните это поле."]}
    assert outcome.values == {}


@pytest.mark.parametrize(
    ("locale", "message"),
    [("en", "Enter at most 40 characters."), ("ru", "Введите не более 40 символов."),
     ("uz_Latn", "Koʻpi bilan 40 ta belgi kiriting."),
     ("uz_Cyrl", "Кўпи билан 40 та белги киритинг.")],
)
def test_constraint_messages_quote_the_limit(
    passport: ServiceDefinition, context: FlowContext, locale: str, message: str
) -> None:
    outcome = step(passport, "applicant", {"full_name": "x" * 41}, context, locale=locale)
    assert outcome.errors["full_name"] == [message]


def test_identifier_fields_explain_what_is_wrong(
    passport: ServiceDefinition, context: FlowContext
) -> None:
    outcome = step(passport, "applicant", {
        "full_name": "A", "pinfl": VALID_PINFL[:13] + str((int(VALID_PINFL[13]) + 1) % 10),
        "phone": "+7 901 234 56 78"}, context, locale="uz_Latn")
    assert outcome.errors["pinfl"] == [
        "JShShIR raqamlarida xato bor; tekshirib, qaytadan kiriting."]
    assert outcome.errors["phone"][0].startswith("Oʻzbekiston telefon raqamini kiriting")


def test_a_hidden_field_is_not_required_and_its_value_is_dropped(
    passport: ServiceDefinition, context: FlowContext
) -> None:
    data = {"reason": "first", "lost_where": "at the bazaar", "region": "samarkand",
            "district": "urgut-district", "agree": True}
    outcome = step(passport, "request", data, context)
    assert outcome.errors == {}
    assert "lost_where" not in outcome.values
    shown = step(passport, "request", {**data, "reason": "lost", "lost_where": ""}, context,
                 locale="ru")
    # the definition words this rule itself; its translation comes from the services domain
    assert shown.errors == {"lost_where": ["Укажите, где вы его потеряли."]}


def test_a_district_must_belong_to_the_chosen_region(
    passport: ServiceDefinition, context: FlowContext
) -> None:
    base = {"reason": "first", "agree": True}
    wrong = step(passport, "request", {**base, "region": "samarkand",
                                       "district": "chilanzar-district"}, context)
    assert wrong.errors == {"district": ["Choose a district of the region you selected."]}
    unknown = step(passport, "request", {**base, "region": "atlantis"}, context)
    assert unknown.errors["region"] == ["Choose a region from the list."]
    first = step(passport, "request", {**base, "region": "nowhere",
                                       "district": "urgut-district"}, context)
    assert first.errors["district"] == ["Choose the region first."]


def test_consent_must_be_given(passport: ServiceDefinition, context: FlowContext) -> None:
    data = {"reason": "first", "region": "samarkand", "district": "urgut-district"}
    for agree in (False, None, "false"):
        outcome = step(passport, "request", {**data, "agree": agree}, context)
        assert outcome.errors == {"agree": ["You need to agree to continue."]}
    assert step(passport, "request", {**data, "agree": "true"}, context).values["agree"] is True


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"birth_date": (TODAY + timedelta(days=1)).isoformat()}, "birth_date",
         "This date cannot be in the future."),
        ({"birth_date": (TODAY - timedelta(days=365 * 9)).isoformat()}, "birth_date",
         "The person must be at most 7 years old."),
        ({"birth_date": "31.02.2024"}, "birth_date",
         "Enter a date as day, month and year, for example 31.05.2024."),
        ({"children": 0}, "children", "Enter 1 or more."),
        ({"children": "2.5"}, "children", "Enter a whole number."),
        ({"children": True}, "children", "Enter a whole number."),
        ({"income": "-1"}, "income", "Enter 0 or more."),
        ({"income": "NaN"}, "income", "Enter a number."),
        ({"languages": []}, "languages", "Fill in this field."),
        ({"languages": ["uz", "ru", "en"]}, "languages", "Choose at most 2 options."),
        ({"languages": ["fr"]}, "languages", "Choose one of the options offered."),
        ({"has_benefit": "maybe"}, "has_benefit", "Answer yes or no."),
        ({"email": "not-an-address"}, "email",
         "Enter an e-mail address, for example name@example.uz."),
        ({"start_date": (TODAY - timedelta(days=1)).isoformat()}, "start_date",
         "This date cannot be in the past."),
        ({"start_date": "2100-01-02"}, "start_date", "Enter a date on or before 01.01.2100."),
        ({"address": "line one\nline two\x00"}, "address", "Enter the address as text."),
    ],
)
def test_each_rule_has_its_message(
    kindergarten: ServiceDefinition, context: FlowContext, changes: dict[str, Any], field: str,
    message: str,
) -> None:
    outcome = step(kindergarten, "child", child(**changes), context)
    assert outcome.errors == {field: [message]}


def test_values_are_cleaned_to_json_types(
    kindergarten: ServiceDefinition, context: FlowContext
) -> None:
    outcome = step(kindergarten, "child", child(
        birth_date="01.02.2025", children="3", income="1234,50", email="Ali@Example.UZ",
        languages=["ru", "uz", "ru"]), context)
    assert outcome.errors == {}
    assert outcome.values["birth_date"] == "2025-02-01"
    assert outcome.values["children"] == 3
    assert outcome.values["income"] == "1234.5"
    assert outcome.values["email"] == "Ali@example.uz"
    assert outcome.values["languages"] == ["ru", "uz"]


def test_nested_conditions(kindergarten: ServiceDefinition, context: FlowContext) -> None:
    # benefit_kind shows when has_benefit and not exactly one child
    hidden = step(kindergarten, "child", child(has_benefit=True, children=1), context)
    assert "benefit_kind" not in hidden.errors
    shown = step(kindergarten, "child", child(has_benefit=True, children=3), context)
    assert shown.errors == {"benefit_kind": ["Fill in this field."]}
    # comment shows for English groups or benefit holders: optional, but kept when shown
    kept = step(kindergarten, "child", child(languages=["en"], comment="Hi"), context)
    assert kept.values["comment"] == "Hi"
    dropped = step(kindergarten, "child", child(comment="Hi"), context)
    assert "comment" not in dropped.values


def test_unknown_steps_and_shapes_are_errors_not_exceptions(
    passport: ServiceDefinition, context: FlowContext
) -> None:
    assert step(passport, "payment", {}, context).errors == {
        "_step": ["This service has no such step."]}
    assert step(passport, "applicant", ["a", "list"], context, locale="ru").errors == {
        "_schema": ["Отправьте ответы шага объектом JSON."]}
    assert step(passport, None, None, context, locale="xx").errors["_step"] == [
        "Bu xizmatda bunday qadam yoʻq."]


def test_a_whole_application_is_checked_step_by_step(
    passport: ServiceDefinition, context: FlowContext
) -> None:
    outcome = validate_application(passport, {
        "applicant": {"full_name": "Aziz", "pinfl": VALID_PINFL, "phone": "901234567"},
        "request": {"reason": "lost", "region": "tashkent-city",
                    "district": "yunusabad-district", "agree": True},
    }, "en", context=context)
    assert outcome.errors == {"request": {"lost_where": ["Tell us where you lost it."]}}
    assert outcome.values_by_step["applicant"]["phone"] == "+998901234567"
    missing = validate_application(passport, {}, "en", context=context)
    assert set(missing.errors) == {"applicant", "request"}
    assert validate_application(passport, "nope", "en", context=context).errors == {
        "_application": {"_schema": ["Send the answers of a step as a JSON object."]}}


def test_a_condition_may_look_at_an_earlier_step(
    passport: ServiceDefinition, context: FlowContext
) -> None:
    earlier = {"reason": "lost"}
    later_view = step(passport, "request", {"reason": "first", "region": "samarkand",
                                            "district": "urgut-district", "agree": True},
                      context, earlier=earlier)
    # the step's own answer wins over an earlier value of the same name
    assert later_view.errors == {}
