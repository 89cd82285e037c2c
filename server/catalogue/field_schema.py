"""Validation of one form field of a service definition (FORMAT.md, "Field types")."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from server.catalogue import conditions
from server.catalogue.models import FIELD_TYPES, FieldDefinition, Option
from server.catalogue.problems import Problems

SNAKE_CASE = re.compile(r"^[a-z][a-z0-9_]*$")
PREFILL_SOURCE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$")

FIELD_KEYS = frozenset({
    "name", "type", "required", "label", "hint", "spoken", "prefill", "show_if", "constraints",
    "options", "errors", "region_field",
})
SPOKEN_KEYS = frozenset({"label", "hint"})
CHOICE_TYPES = frozenset({"single_choice", "multiple_choice"})

#: Constraint name -> the kind of value it takes, per field type.
CONSTRAINTS: dict[str, dict[str, str]] = {
    "text": {"min_length": "count", "max_length": "count", "pattern": "regex"},
    "long_text": {"min_length": "count", "max_length": "count"},
    "address": {"min_length": "count", "max_length": "count"},
    "integer": {"min": "integer", "max": "integer"},
    "decimal": {"min": "number", "max": "number"},
    "date": {
        "not_future": "flag", "not_past": "flag", "min_age": "count", "max_age": "count",
        "min": "date", "max": "date",
    },
    "multiple_choice": {"min_items": "count", "max_items": "count"},
    "district": {"region_field": "field"},
}

#: Rules whose message a definition may replace under ``errors``.
ERROR_RULES = frozenset({
    "required", "invalid", "min", "max", "min_length", "max_length", "pattern", "min_items",
    "max_items", "not_future", "not_past", "min_age", "max_age", "choice", "must_accept",
    "region_first", "checksum", "birth_date",
})

_BOUND_PAIRS = (("min_length", "max_length"), ("min", "max"), ("min_items", "max_items"),
                ("min_age", "max_age"))


def parse_field(
    raw: Any, path: list[str], problems: Problems, earlier: Mapping[str, FieldDefinition]
) -> FieldDefinition | None:
    """The field at ``path`` or None; ``earlier`` holds the fields before it in the service."""
    if not isinstance(raw, Mapping):
        problems.add(path, "a field must be a mapping with at least name, type and label")
        return None
    before = len(problems.found)
    for key in sorted(set(map(str, raw)) - FIELD_KEYS):
        problems.add([*path, key], f"unknown key; a field may have {sorted(FIELD_KEYS)}")
    name, kind = raw.get("name"), raw.get("type")
    if not isinstance(name, str) or not SNAKE_CASE.match(name):
        problems.add([*path, "name"], "a field name is required, in snake_case")
    if kind not in FIELD_TYPES:
        problems.add([*path, "type"], f"unknown field type {kind!r}; use one of {FIELD_TYPES}")
        return None
    label = _text(raw, "label", path, problems, required=True)
    hint = _text(raw, "hint", path, problems, required=False)
    required = raw.get("required", True)
    if not isinstance(required, bool):
        problems.add([*path, "required"], "must be true or false")
    spoken = _texts(raw.get("spoken"), SPOKEN_KEYS, [*path, "spoken"], problems)
    errors = _texts(raw.get("errors"), ERROR_RULES, [*path, "errors"], problems)
    prefill = raw.get("prefill")
    if prefill is not None and (not isinstance(prefill, str) or not PREFILL_SOURCE.match(prefill)):
        problems.add([*path, "prefill"],
                     "must be a registry.attribute source, e.g. civil.full_name")
    options = _options(raw.get("options"), kind, [*path, "options"], problems)
    constraints = _constraints(raw, kind, path, problems, earlier)
    show_if = None
    if raw.get("show_if") is not None:
        show_if = conditions.parse(raw["show_if"], [*path, "show_if"], problems, earlier)
    if len(problems.found) > before:
        return None
    return FieldDefinition(
        name=str(name), type=kind, label=label or "", required=bool(required), hint=hint,
        spoken=spoken, prefill=prefill, show_if=show_if, constraints=constraints,
        options=options, errors=errors,
    )


def _text(
    raw: Mapping[str, Any], key: str, path: list[str], problems: Problems, required: bool
) -> str | None:
    value = raw.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        problems.add([*path, key], "a non-empty text is required")
        return None
    return value


def _texts(
    raw: Any, allowed: frozenset[str], path: list[str], problems: Problems
) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        problems.add(path, f"must be a mapping of {sorted(allowed)} to texts")
        return {}
    texts: dict[str, str] = {}
    for key, value in raw.items():
        if key not in allowed:
            problems.add([*path, str(key)], f"unknown key; use one of {sorted(allowed)}")
        elif not isinstance(value, str) or not value.strip():
            problems.add([*path, str(key)], "a non-empty text is required")
        else:
            texts[key] = value
    return texts


def _options(raw: Any, kind: str, path: list[str], problems: Problems) -> tuple[Option, ...]:
    if kind not in CHOICE_TYPES:
        if raw is not None:
            problems.add(path, f"only choice fields have options, not {kind}")
        return ()
    if not isinstance(raw, list) or not raw:
        problems.add(path, f"a {kind} field needs a non-empty list of options")
        return ()
    options: list[Option] = []
    for index, item in enumerate(raw):
        value = item.get("value") if isinstance(item, Mapping) else None
        item_path = [*path, value if isinstance(value, str) and value else str(index)]
        if not isinstance(item, Mapping) or set(item) != {"value", "label"}:
            problems.add(item_path, "an option is exactly {value, label}")
        elif not isinstance(value, str) or not value:
            problems.add([*item_path, "value"], "an option value must be a non-empty string")
        elif any(option.value == value for option in options):
            problems.add([*item_path, "value"], f"duplicate option value {value!r}")
        elif not isinstance(item["label"], str) or not item["label"].strip():
            problems.add([*item_path, "label"], "a non-empty text is required")
        else:
            options.append(Option(value, item["label"]))
    return tuple(options)


def _constraints(
    raw: Mapping[str, Any], kind: str, path: list[str], problems: Problems,
    earlier: Mapping[str, FieldDefinition],
) -> dict[str, Any]:
    written = raw.get("constraints") or {}
    cpath = [*path, "constraints"]
    if not isinstance(written, Mapping):
        problems.add(cpath, "must be a mapping")
        return {}
    written = dict(written)
    if "region_field" in raw:  # allowed beside the constraints too, as FORMAT.md names it
        written.setdefault("region_field", raw["region_field"])
    allowed = CONSTRAINTS.get(kind, {})
    parsed: dict[str, Any] = {}
    for key, value in written.items():
        expected = allowed.get(str(key))
        if expected is None:
            problems.add([*cpath, str(key)], f"not a constraint of {kind}; use {sorted(allowed)}")
            continue
        converted = _convert(expected, value, earlier)
        if converted is None:
            problems.add([*cpath, str(key)], f"{value!r} is not a valid {expected} here")
        else:
            parsed[str(key)] = converted
    if kind == "district" and "region_field" not in parsed and "region_field" not in written:
        regions = [f.name for f in earlier.values() if f.type == "region"]
        if len(regions) == 1:
            parsed["region_field"] = regions[0]
        else:
            problems.add(cpath, "a district field needs region_field: the earlier region field")
    for low, high in _BOUND_PAIRS:
        if low in parsed and high in parsed and parsed[low] > parsed[high]:
            problems.add([*cpath, low], f"{low} is greater than {high}")
    return parsed


def _convert(expected: str, value: Any, earlier: Mapping[str, FieldDefinition]) -> Any:
    """The constraint value as the engine uses it, or None when it is not valid."""
    if isinstance(value, bool):
        return value if expected == "flag" else None
    if expected == "count":
        return value if isinstance(value, int) and value >= 0 else None
    if expected == "integer":
        return value if isinstance(value, int) else None
    if expected == "number":
        return Decimal(str(value)) if isinstance(value, int | float) else None
    if expected == "date":
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None
    if expected == "regex":
        try:
            return re.compile(value).pattern if isinstance(value, str) else None
        except re.error:
            return None
    if expected == "field":
        target = earlier.get(value) if isinstance(value, str) else None
        return value if target is not None and target.type == "region" else None
    return None
