"""Validation of a whole service definition against FORMAT.md and the reference data.

``parse_service`` turns the YAML mapping of one file into a :class:`ServiceDefinition`, or
records every problem it finds (file, key path, reason) and returns None, so an author sees all
of a file's mistakes at once rather than one per run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from server.catalogue.field_schema import SNAKE_CASE, parse_field
from server.catalogue.models import (
    MAX_STEPS,
    Fee,
    FieldDefinition,
    ReferenceData,
    ServiceDefinition,
    Step,
)
from server.catalogue.problems import Problems

KEBAB_CASE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

REQUIRED_KEYS = ("id", "version", "agency", "category", "title", "summary", "fee",
                 "processing_days", "legal_basis", "result", "steps")
OPTIONAL_KEYS = ("description", "life_events", "requirements", "keywords")
STEP_KEYS = frozenset({"id", "title", "fields"})
#: Longest processing time we accept: a typo such as 3000 days should not slip through.
MAX_PROCESSING_DAYS = 366


def parse_service(
    raw: Any, file_id: str, problems: Problems, reference: ReferenceData
) -> ServiceDefinition | None:
    """The definition in ``raw`` (one YAML document) or None after recording its problems."""
    if not isinstance(raw, Mapping):
        problems.add("", "a service definition must be a YAML mapping")
        return None
    for key in sorted(set(map(str, raw)) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS)):
        problems.add(key, "unknown key; see server/catalogue/FORMAT.md")
    for key in REQUIRED_KEYS:
        if key not in raw:
            problems.add(key, "this key is required")
    service_id = raw.get("id")
    if "id" in raw and (not isinstance(service_id, str) or service_id != file_id):
        problems.add("id", f"must equal the file name {file_id!r}")
    if not KEBAB_CASE.match(file_id):
        problems.add("id", f"{file_id!r} is not kebab-case")
    version = raw.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        problems.add("version", "must be a whole number from 1")
    _check_reference(raw, reference, problems)
    texts = {key: _text(raw, key, problems, key in REQUIRED_KEYS)
             for key in ("title", "summary", "description", "legal_basis", "result")}
    requirements = _string_list(raw, "requirements", problems, translatable=True)
    keywords = _string_list(raw, "keywords", problems, translatable=False)
    fee = _fee(raw.get("fee"), problems) if "fee" in raw else None
    days = raw.get("processing_days")
    if "processing_days" in raw and (
        isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_PROCESSING_DAYS
    ):
        problems.add("processing_days", f"must be whole working days, 0 to {MAX_PROCESSING_DAYS}")
    steps = _steps(raw.get("steps"), problems) if "steps" in raw else ()
    if problems or fee is None:
        return None
    return ServiceDefinition(
        id=file_id, version=version, agency=raw["agency"], category=raw["category"],
        life_events=tuple(raw.get("life_events") or ()), title=texts["title"] or "",
        summary=texts["summary"] or "", description=texts["description"], fee=fee,
        processing_days=int(days or 0), legal_basis=texts["legal_basis"] or "",
        result=texts["result"] or "", requirements=requirements, keywords=keywords, steps=steps,
    )


def _check_reference(raw: Mapping[str, Any], reference: ReferenceData, problems: Problems) -> None:
    for key, known in (("agency", reference.agencies), ("category", reference.categories)):
        if key in raw and raw[key] not in known:
            problems.add(key, f"unknown {key} {raw[key]!r}; known: {sorted(known)}")
    events = raw.get("life_events") or []
    if not isinstance(events, list):
        problems.add("life_events", "must be a list of life event ids")
        return
    for index, event in enumerate(events):
        if event not in reference.life_events:
            problems.add(f"life_events.{index}",
                         f"unknown life event {event!r}; known: {sorted(reference.life_events)}")
    if len(set(map(str, events))) != len(events):
        problems.add("life_events", "a life event is listed twice")


def _text(raw: Mapping[str, Any], key: str, problems: Problems, required: bool) -> str | None:
    value = raw.get(key)
    if value is None:
        return None  # a missing required key was reported already
    if not isinstance(value, str) or not value.strip():
        problems.add(key, "a non-empty text is required")
        return None
    return value


def _string_list(
    raw: Mapping[str, Any], key: str, problems: Problems, translatable: bool
) -> tuple[str, ...]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(i, str) and i.strip() for i in value):
        problems.add(key, "must be a list of non-empty texts")
        return ()
    if translatable and len(set(value)) != len(value):
        problems.add(key, "an item is listed twice")
    return tuple(value)


def _fee(raw: Any, problems: Problems) -> Fee | None:
    kind = raw.get("kind") if isinstance(raw, Mapping) else None
    shapes = {"free": {"kind"}, "fixed": {"kind", "amount"}, "bhm": {"kind", "multiple"}}
    if kind not in shapes or set(raw) != shapes[kind]:
        problems.add("fee", "must be {kind: free}, {kind: fixed, amount: <whole soʻm>} "
                            "or {kind: bhm, multiple: <number>}")
        return None
    if kind == "fixed":
        amount = raw["amount"]
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            problems.add("fee.amount", "must be a positive whole number of soʻm")
            return None
        return Fee("fixed", amount=amount)
    if kind == "bhm":
        multiple = raw["multiple"]
        if isinstance(multiple, bool) or not isinstance(multiple, int | float) or multiple <= 0:
            problems.add("fee.multiple", "must be a positive number of base calculation amounts")
            return None
        return Fee("bhm", multiple=Decimal(str(multiple)))
    return Fee("free")


def _steps(raw: Any, problems: Problems) -> tuple[Step, ...]:
    if not isinstance(raw, list) or not raw:
        problems.add("steps", f"must be a list of 1 to {MAX_STEPS} steps")
        return ()
    if len(raw) > MAX_STEPS:
        problems.add("steps", f"{len(raw)} steps: a service has at most {MAX_STEPS} "
                              "(the '3 steps' rule); merge or drop a step")
    earlier: dict[str, FieldDefinition] = {}
    steps: list[Step] = []
    seen_ids: set[str] = set()
    for index, item in enumerate(raw):
        step_id = item.get("id") if isinstance(item, Mapping) else None
        path = ["steps", step_id if isinstance(step_id, str) and step_id else str(index)]
        if not isinstance(item, Mapping):
            problems.add(path, "a step must be a mapping {id, title, fields}")
            continue
        for key in sorted(set(map(str, item)) - STEP_KEYS):
            problems.add([*path, key], "unknown key; a step has id, title and fields")
        if not isinstance(step_id, str) or not SNAKE_CASE.match(step_id):
            problems.add([*path, "id"], "a step id is required, in snake_case")
        elif step_id in seen_ids:
            problems.add([*path, "id"], f"duplicate step id {step_id!r}")
        seen_ids.add(str(step_id))
        title = _text(item, "title", Problems(problems.file), True)
        if title is None:
            problems.add([*path, "title"], "a non-empty text is required")
        fields = _fields(item.get("fields"), [*path, "fields"], problems, earlier)
        steps.append(Step(id=str(step_id), title=title or "", fields=fields))
    return tuple(steps)


def _fields(
    raw: Any, path: list[str], problems: Problems, earlier: dict[str, FieldDefinition]
) -> tuple[FieldDefinition, ...]:
    if not isinstance(raw, list) or not raw:
        problems.add(path, "a step needs a non-empty list of fields")
        return ()
    fields: list[FieldDefinition] = []
    for index, item in enumerate(raw):
        name = item.get("name") if isinstance(item, Mapping) else None
        item_path = [*path, name if isinstance(name, str) and name else str(index)]
        if isinstance(name, str) and name in earlier:
            problems.add([*item_path, "name"], f"duplicate field name {name!r} in this service")
            continue
        parsed = parse_field(item, item_path, problems, earlier)
        if parsed is not None:
            earlier[parsed.name] = parsed
            fields.append(parsed)
    return tuple(fields)
