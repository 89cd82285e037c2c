"""Property tests: no input of any shape or size makes the flow engine raise.

They call the engine without its safety net (``check_step``/``check_application``), so a bug
shows as a failure here instead of being turned into an error message.
"""

from __future__ import annotations

from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.catalogue.conditions import evaluate
from server.catalogue.models import AllOf, AnyOf, Condition, Equals, Not, OneOf, ServiceDefinition
from server.flows.engine import FlowContext, check_application, check_step

JSON: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=300)
    | st.decimals(allow_nan=True),
    lambda children: st.lists(children, max_size=6)
    | st.dictionaries(st.text(max_size=20), children, max_size=6),
    max_leaves=30,
)
FIELD_NAMES = st.sampled_from([
    "full_name", "pinfl", "phone", "reason", "lost_where", "region", "district", "agree",
    "birth_date", "children", "income", "has_benefit", "benefit_kind", "languages", "email",
    "start_date", "comment", "address", "other",
])
ANSWERS = st.dictionaries(FIELD_NAMES, JSON, max_size=19)
LOCALES = st.sampled_from(["uz_Latn", "uz_Cyrl", "ru", "en", "xx", ""]) | st.text(max_size=5)
STEP_IDS = st.sampled_from(["applicant", "request", "child", "nope"]) | JSON
SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def assert_well_formed(values: dict[str, Any], errors: dict[str, list[str]]) -> None:
    orjson.dumps(values)  # clean values are JSON-compatible
    for messages in errors.values():
        assert messages and all(isinstance(m, str) and m for m in messages)


@SETTINGS
@given(step_id=STEP_IDS, data=ANSWERS | JSON, earlier=ANSWERS | JSON, locale=LOCALES)
def test_any_step_submission_is_answered(
    passport: ServiceDefinition, kindergarten: ServiceDefinition, context: FlowContext,
    step_id: Any, data: Any, earlier: Any, locale: str,
) -> None:
    for definition in (passport, kindergarten):
        outcome = check_step(definition, step_id, data, locale, earlier, context)
        assert_well_formed(outcome.values, outcome.errors)
        assert not set(outcome.values) & set(outcome.errors)


@SETTINGS
@given(answers=st.dictionaries(st.sampled_from(["applicant", "request", "child", "x"]),
                               ANSWERS | JSON, max_size=4) | JSON, locale=LOCALES)
def test_any_application_is_answered(
    passport: ServiceDefinition, kindergarten: ServiceDefinition, context: FlowContext,
    answers: Any, locale: str,
) -> None:
    for definition in (passport, kindergarten):
        outcome = check_application(definition, answers, locale, context)
        for step_id, values in outcome.values_by_step.items():
            assert_well_formed(values, outcome.errors.get(step_id, {}))


@SETTINGS
@given(unit=st.text(min_size=1, max_size=3), repeat=st.integers(5_000, 1_000_000))
def test_huge_values_are_refused(
    passport: ServiceDefinition, context: FlowContext, unit: str, repeat: int
) -> None:
    text = (unit * repeat)[:1_000_000]
    data = {name: text for name in ("full_name", "pinfl", "phone")}
    outcome = check_step(passport, "applicant", data, "en", {}, context)
    assert set(outcome.errors) == {"full_name", "pinfl", "phone"}


def conditions() -> st.SearchStrategy[Condition]:
    leaf = st.builds(Equals, st.sampled_from(["a", "b"]), JSON) | st.builds(
        OneOf, st.sampled_from(["a", "b"]), st.lists(JSON, max_size=3).map(tuple))
    return st.recursive(leaf, lambda inner: st.builds(Not, inner)
                        | st.lists(inner, min_size=1, max_size=3).map(lambda c: AllOf(tuple(c)))
                        | st.lists(inner, min_size=1, max_size=3).map(lambda c: AnyOf(tuple(c))),
                        max_leaves=12)


@given(condition=conditions(), values=st.dictionaries(st.sampled_from(["a", "b", "c"]), JSON))
def test_conditions_always_evaluate_to_a_boolean(condition: Condition, values: Any) -> None:
    result = evaluate(condition, values)
    assert isinstance(result, bool)
    assert evaluate(Not(condition), values) is (not result)
