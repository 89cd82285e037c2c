"""Turning one submitted value into its clean, JSON-compatible form, per field type.

Each cleaner returns the clean value (None for "left empty") or raises :class:`BrokenRuleError`
naming the rule, so messages stay in one place (:mod:`server.flows.messages`).  Cleaners
accept anything (JSON of any shape) and never raise anything else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from server.catalogue.models import FieldDefinition, ReferenceData, Step
from server.flows.identifiers import normalize_phone, pinfl_problem

#: Longest text kept when a definition sets no max_length, per type (bounds all later work).
DEFAULT_MAX_LENGTH: Final[dict[str, int]] = {"text": 200, "long_text": 4000, "address": 300}
_INTEGER: Final = re.compile(r"[+-]?\d{1,18}")
_DECIMAL: Final = re.compile(r"[+-]?\d{1,18}(?:[.,]\d{1,8})?")
_EMAIL: Final = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DAY_FIRST: Final = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


class BrokenRuleError(Exception):
    """The value breaks ``rule`` (a key of FORMAT.md's ``errors``)."""

    def __init__(self, rule: str) -> None:
        super().__init__(rule)
        self.rule = rule


def clean(field: FieldDefinition, value: Any, reference: ReferenceData, today: date) -> Any:
    """The clean value of ``field`` or None when left empty; raises BrokenRuleError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, list) and not value and field.type == "multiple_choice":
        return None
    return _CLEANERS[field.type](field, value, reference, today)


def _text(field: FieldDefinition, value: Any, _ref: ReferenceData, _today: date) -> str:
    if not isinstance(value, str):
        raise BrokenRuleError("invalid")
    text = unicodedata.normalize("NFC", value.strip())
    allowed_newlines = field.type != "text"
    if _CONTROL.search(text) or ("\n" in text and not allowed_newlines):
        raise BrokenRuleError("invalid")
    limit = field.constraints.get("max_length", DEFAULT_MAX_LENGTH[field.type])
    if len(text) > limit:
        raise BrokenRuleError("max_length")
    if len(text) < field.constraints.get("min_length", 0):
        raise BrokenRuleError("min_length")
    pattern = field.constraints.get("pattern")
    if pattern is not None and re.fullmatch(pattern, text) is None:
        raise BrokenRuleError("pattern")
    return text


def _number(field: FieldDefinition, value: Any, _ref: ReferenceData, _today: date) -> Any:
    whole = field.type == "integer"
    number: Decimal
    if isinstance(value, bool):
        raise BrokenRuleError("invalid")
    if isinstance(value, int) and abs(value) < 10**18:
        number = Decimal(value)
    elif isinstance(value, float) and abs(value) < 1e18 and value == value:  # not NaN
        number = Decimal(str(value))
    elif isinstance(value, str) and (_INTEGER if whole else _DECIMAL).fullmatch(value.strip()):
        try:
            number = Decimal(value.strip().replace(",", "."))
        except InvalidOperation:
            raise BrokenRuleError("invalid") from None
    else:
        raise BrokenRuleError("invalid")
    if whole and number != number.to_integral_value():
        raise BrokenRuleError("invalid")
    low, high = field.constraints.get("min"), field.constraints.get("max")
    if low is not None and number < low:
        raise BrokenRuleError("min")
    if high is not None and number > high:
        raise BrokenRuleError("max")
    return int(number) if whole else format(number.normalize(), "f")


def _date(field: FieldDefinition, value: Any, _ref: ReferenceData, today: date) -> str:
    day = parse_date(value)
    if day is None:
        raise BrokenRuleError("invalid")
    limits = field.constraints
    if limits.get("not_future") and day > today:
        raise BrokenRuleError("not_future")
    if limits.get("not_past") and day < today:
        raise BrokenRuleError("not_past")
    if "min_age" in limits and _age(day, today) < limits["min_age"]:
        raise BrokenRuleError("min_age")
    if "max_age" in limits and _age(day, today) > limits["max_age"]:
        raise BrokenRuleError("max_age")
    if "min" in limits and day < limits["min"]:
        raise BrokenRuleError("min")
    if "max" in limits and day > limits["max"]:
        raise BrokenRuleError("max")
    return day.isoformat()


def parse_date(value: Any) -> date | None:
    """A date typed as ISO ``2024-05-31`` or as Uzbek documents write it, ``31.05.2024``."""
    if not isinstance(value, str) or len(value) > 20:
        return None
    text = value.strip()
    try:
        day_first = _DAY_FIRST.fullmatch(text)
        if day_first:
            return date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _single(field: FieldDefinition, value: Any, _ref: ReferenceData, _today: date) -> str:
    if not isinstance(value, str) or value not in field.option_values:
        raise BrokenRuleError("choice")
    return value


def _multiple(field: FieldDefinition, value: Any, _ref: ReferenceData, _today: date) -> list[str]:
    if not isinstance(value, list) or len(value) > len(field.options):
        raise BrokenRuleError("choice")
    if not all(isinstance(item, str) and item in field.option_values for item in value):
        raise BrokenRuleError("choice")
    chosen = list(dict.fromkeys(value))  # a repeated choice counts once, order kept
    if len(chosen) < field.constraints.get("min_items", 0):
        raise BrokenRuleError("min_items")
    if len(chosen) > field.constraints.get("max_items", len(field.options)):
        raise BrokenRuleError("max_items")
    return chosen


def _boolean(field: FieldDefinition, value: Any, _ref: ReferenceData, _today: date) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise BrokenRuleError("invalid")


def _phone(field: FieldDefinition, value: Any, _ref: ReferenceData, _today: date) -> str:
    phone = normalize_phone(value) if isinstance(value, str) else None
    if phone is None:
        raise BrokenRuleError("invalid")
    return phone


def _pinfl(field: FieldDefinition, value: Any, _ref: ReferenceData, today: date) -> str:
    if not isinstance(value, str):
        raise BrokenRuleError("invalid")
    digits = re.sub(r"\s", "", value)[:20]
    problem = pinfl_problem(digits, today)
    if problem is not None:
        raise BrokenRuleError(problem)
    return digits


def _email(field: FieldDefinition, value: Any, _ref: ReferenceData, _today: date) -> str:
    if not isinstance(value, str) or len(value.strip()) > 254:
        raise BrokenRuleError("invalid")
    address = value.strip()
    if not _EMAIL.fullmatch(address):
        raise BrokenRuleError("invalid")
    local, domain = address.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def _region(field: FieldDefinition, value: Any, reference: ReferenceData, _today: date) -> str:
    if not isinstance(value, str) or value not in reference.regions:
        raise BrokenRuleError("invalid")
    return value


def _district(field: FieldDefinition, value: Any, reference: ReferenceData, _today: date) -> str:
    # Which region it must belong to is checked by the engine, which sees the region field.
    if not isinstance(value, str) or len(value) > 100:
        raise BrokenRuleError("invalid")
    if not any(value in region.district_ids for region in reference.regions.values()):
        raise BrokenRuleError("invalid")
    return value


Cleaner = Callable[[FieldDefinition, Any, ReferenceData, date], Any]
_CLEANERS: Final[dict[str, Cleaner]] = {
    "text": _text, "long_text": _text, "address": _text, "integer": _number,
    "decimal": _number, "date": _date, "single_choice": _single, "multiple_choice": _multiple,
    "yes_no": _boolean, "consent": _boolean, "phone": _phone, "pinfl": _pinfl,
    "email": _email, "region": _region, "district": _district,
}


def clean_step(
    step: Step, data: Mapping[str, Any], reference: ReferenceData, today: date
) -> tuple[dict[str, Any], dict[str, str]]:
    """(clean values, field -> broken rule) of the fields of ``step`` present in ``data``.

    Every field is cleaned as optional here: whether an empty one is required depends on
    ``show_if`` and so on the other answers, which the engine decides afterwards.  Keys that
    are not fields of the step are ignored.
    """
    values: dict[str, Any] = {}
    broken: dict[str, str] = {}
    for field in step.fields:
        if field.name not in data:
            continue
        try:
            values[field.name] = clean(field, data[field.name], reference, today)
        except BrokenRuleError as error:
            broken[field.name] = error.rule
    return values, broken
