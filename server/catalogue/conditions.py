"""``show_if`` conditions: parsed from YAML into nodes, evaluated by walking them (never eval).

The language has five forms, ``{field, equals}``, ``{field, one_of}``, ``{not}``, ``{all}`` and
``{any}``, and may only look at fields that come earlier in the service, so the flow engine can
decide visibility in one pass, field by field.
"""

# mobile/conditions.py evaluates the same language on the phone, which cannot import server.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from server.catalogue.models import (
    AllOf,
    AnyOf,
    Condition,
    Equals,
    FieldDefinition,
    Not,
    OneOf,
)
from server.catalogue.problems import Problems

_FORMS = "{field, equals}, {field, one_of}, {not}, {all} or {any}"
#: Deeper nesting than this is a mistake, and bounds the work of evaluation.
MAX_DEPTH = 8


def evaluate(condition: Condition, values: Mapping[str, Any]) -> bool:
    """Whether ``condition`` holds for the cleaned ``values`` (a missing field matches nothing).

    A multiple-choice answer (a list) equals a value when it contains it.
    """
    if isinstance(condition, Equals):
        return _matches(values.get(condition.field), (condition.value,))
    if isinstance(condition, OneOf):
        return _matches(values.get(condition.field), condition.values)
    if isinstance(condition, Not):
        return not evaluate(condition.condition, values)
    if isinstance(condition, AllOf):
        return all(evaluate(inner, values) for inner in condition.conditions)
    return any(evaluate(inner, values) for inner in condition.conditions)


def _matches(actual: Any, expected: tuple[Any, ...]) -> bool:
    if actual is None:
        return False
    if isinstance(actual, list):
        return any(_same(item, wanted) for item in actual for wanted in expected)
    return any(_same(actual, wanted) for wanted in expected)


def _same(actual: Any, wanted: Any) -> bool:
    # True == 1 in Python: a yes/no answer must never equal a number, nor the other way round.
    if isinstance(actual, bool) or isinstance(wanted, bool):
        return actual is wanted
    try:
        return bool(actual == wanted)
    except (ArithmeticError, TypeError, ValueError):  # e.g. a signalling NaN Decimal
        return False


def parse(
    raw: Any,
    path: list[str],
    problems: Problems,
    earlier: Mapping[str, FieldDefinition],
    depth: int = 0,
) -> Condition | None:
    """The condition written at ``path``, or None after recording why it is broken.

    ``earlier`` holds the fields that come before the one being shown or hidden.
    """
    if depth > MAX_DEPTH:
        problems.add(path, f"conditions are nested more than {MAX_DEPTH} deep")
        return None
    if not isinstance(raw, Mapping):
        problems.add(path, f"a condition must be a mapping: {_FORMS}")
        return None
    keys = set(raw)
    if keys == {"not"}:
        inner = parse(raw["not"], [*path, "not"], problems, earlier, depth + 1)
        return Not(inner) if inner is not None else None
    if keys in ({"all"}, {"any"}):
        (operator,) = keys
        return _parse_group(raw[operator], operator, [*path, operator], problems, earlier, depth)
    if keys in ({"field", "equals"}, {"field", "one_of"}):
        return _parse_comparison(raw, path, problems, earlier)
    problems.add(path, f"unknown condition keys {sorted(map(str, keys))}; use {_FORMS}")
    return None


def _parse_group(
    raw: Any,
    operator: str,
    path: list[str],
    problems: Problems,
    earlier: Mapping[str, FieldDefinition],
    depth: int,
) -> Condition | None:
    if not isinstance(raw, list) or not raw:
        problems.add(path, f"'{operator}' needs a non-empty list of conditions")
        return None
    parsed = [
        parse(item, [*path, str(index)], problems, earlier, depth + 1)
        for index, item in enumerate(raw)
    ]
    inner = tuple(condition for condition in parsed if condition is not None)
    if len(inner) != len(parsed):
        return None
    return AllOf(inner) if operator == "all" else AnyOf(inner)


def _parse_comparison(
    raw: Mapping[str, Any], path: list[str], problems: Problems,
    earlier: Mapping[str, FieldDefinition],
) -> Condition | None:
    name = raw["field"]
    target = earlier.get(name) if isinstance(name, str) else None
    if target is None:
        problems.add(
            [*path, "field"],
            f"'{name}' is not a field that comes earlier in the service "
            "(a condition may only look at earlier fields)",
        )
        return None
    if "equals" in raw:
        wanted: tuple[Any, ...] = (raw["equals"],)
        operator = "equals"
    else:
        operator = "one_of"
        if not isinstance(raw["one_of"], list) or not raw["one_of"]:
            problems.add([*path, "one_of"], "'one_of' needs a non-empty list of values")
            return None
        wanted = tuple(raw["one_of"])
    if not all(_comparable(target, value, [*path, operator], problems) for value in wanted):
        return None
    return Equals(name, wanted[0]) if operator == "equals" else OneOf(name, wanted)


def _comparable(
    target: FieldDefinition, value: Any, path: list[str], problems: Problems
) -> bool:
    """Whether ``value`` is something the field ``target`` can ever hold."""
    if target.type in ("yes_no", "consent"):
        ok, expected = isinstance(value, bool), "true or false"
    elif target.type in ("single_choice", "multiple_choice"):
        ok = isinstance(value, str) and value in target.option_values
        expected = f"one of its option values {sorted(target.option_values)}"
    elif target.type == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
        expected = "a whole number"
    else:
        ok, expected = isinstance(value, str), "a string"
    if not ok:
        problems.add(path, f"{value!r} can never be the value of '{target.name}': use {expected}")
    return ok


def to_source(condition: Condition) -> dict[str, Any]:
    """The condition in its YAML/JSON form, as the API sends it to clients."""
    if isinstance(condition, Equals):
        return {"field": condition.field, "equals": condition.value}
    if isinstance(condition, OneOf):
        return {"field": condition.field, "one_of": list(condition.values)}
    if isinstance(condition, Not):
        return {"not": to_source(condition.condition)}
    if isinstance(condition, AllOf):
        return {"all": [to_source(inner) for inner in condition.conditions]}
    return {"any": [to_source(inner) for inner in condition.conditions]}
