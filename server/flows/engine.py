"""The flow engine: validate one step, or a whole application, of a service definition.

Neither function raises, whatever it is given: bad input of any shape comes back as
localized errors (``_schema`` for the submission as a whole, ``_step`` for an unknown step).
Visibility is decided field by field in order, from the clean values of earlier steps and of
the fields before it, because a condition may only look at earlier fields.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from locales import LOCALES_DIR
from server.catalogue.conditions import evaluate
from server.catalogue.models import ReferenceData, ServiceDefinition, Step
from server.flows.cleaning import clean_step
from server.flows.messages import (
    NOT_AN_OBJECT,
    UNEXPECTED,
    UNKNOWN_STEP,
    field_message,
    general_message,
)

logger = logging.getLogger(__name__)
_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class FlowContext:
    """What validation needs beyond the definition: regions, and where its texts live."""

    reference: ReferenceData
    locales_root: Path = LOCALES_DIR


@dataclass
class StepOutcome:
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ApplicationOutcome:
    values_by_step: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def validate_step(
    definition: ServiceDefinition,
    step_id: Any,
    data: Any,
    locale: str,
    earlier: Any = _EMPTY,
    *,
    context: FlowContext | None = None,
) -> StepOutcome:
    """Clean ``data`` for step ``step_id``; ``earlier`` holds the clean values of earlier steps.

    ``context`` (reference data, catalogs) defaults to the running app's catalogue.
    """
    try:
        return check_step(definition, step_id, data, locale, earlier, _context(context))
    except Exception:
        # A bug of ours must not become a 500 for the citizen; the log keeps the traceback.
        logger.exception("flow engine failed on step %r of %s", step_id, definition.id)
        return StepOutcome(errors={"_schema": [general_message(UNEXPECTED, locale)]})


def validate_application(
    definition: ServiceDefinition,
    values_by_step: Any,
    locale: str,
    *,
    context: FlowContext | None = None,
) -> ApplicationOutcome:
    """Validate every step in order, each seeing the clean values of the steps before it."""
    try:
        return check_application(definition, values_by_step, locale, _context(context))
    except Exception:
        logger.exception("flow engine failed on an application for %s", definition.id)
        return ApplicationOutcome(
            errors={"_application": {"_schema": [general_message(UNEXPECTED, locale)]}}
        )


def check_step(
    definition: ServiceDefinition, step_id: Any, data: Any, locale: str, earlier: Any,
    context: FlowContext,
) -> StepOutcome:
    """:func:`validate_step` without the safety net (tests call this to see real failures)."""
    step = definition.step(step_id) if isinstance(step_id, str) else None
    if step is None:
        return StepOutcome(errors={"_step": [general_message(UNKNOWN_STEP, locale)]})
    if not isinstance(data, Mapping):
        return StepOutcome(errors={"_schema": [general_message(NOT_AN_OBJECT, locale)]})
    known = _string_keys(earlier) if isinstance(earlier, Mapping) else {}
    submitted = {f.name: data[f.name] for f in step.fields if _has_key(data, f.name)}
    loaded, broken = clean_step(step, submitted, context.reference, date.today())
    return _decide(definition, step, loaded, broken, known, locale, context)


def _decide(
    definition: ServiceDefinition, step: Step, loaded: dict[str, Any], broken: dict[str, str],
    known: dict[str, Any], locale: str, context: FlowContext,
) -> StepOutcome:
    outcome = StepOutcome()
    seen = dict(known)
    for item in step.fields:
        if item.show_if is not None and not evaluate(item.show_if, seen):
            continue  # hidden: not required, and whatever was sent is dropped
        rule = broken.get(item.name)
        value = loaded.get(item.name)
        if rule is None and value is None and item.required:
            rule = "must_accept" if item.type == "consent" else "required"
        elif rule is None and item.type == "consent" and item.required and value is False:
            rule = "must_accept"
        elif rule is None and value is not None and item.type == "district":
            region_field = str(item.constraints.get("region_field"))
            region = context.reference.regions.get(str(seen.get(region_field)))
            if region is None:
                rule = "region_first"
            elif value not in region.district_ids:
                rule = "invalid"
        if rule is not None:
            outcome.errors[item.name] = [
                field_message(definition.id, step.id, item, rule, locale,
                              context.locales_root)
            ]
        elif value is not None:
            outcome.values[item.name] = value
            seen[item.name] = value
    return outcome


def check_application(
    definition: ServiceDefinition, values_by_step: Any, locale: str, context: FlowContext
) -> ApplicationOutcome:
    """:func:`validate_application` without the safety net."""
    outcome = ApplicationOutcome()
    if not isinstance(values_by_step, Mapping):
        outcome.errors["_application"] = {"_schema": [general_message(NOT_AN_OBJECT, locale)]}
        return outcome
    earlier: dict[str, Any] = {}
    for step in definition.steps:
        data = values_by_step.get(step.id) if _has_key(values_by_step, step.id) else {}
        result = check_step(definition, step.id, data if data is not None else {}, locale,
                            earlier, context)
        outcome.values_by_step[step.id] = result.values
        if result.errors:
            outcome.errors[step.id] = result.errors
        earlier.update(result.values)
    return outcome


def _has_key(data: Mapping[Any, Any], key: str) -> bool:
    try:
        return key in data
    except TypeError:  # a mapping whose keys cannot be compared with a string
        return False


def _string_keys(values: Mapping[Any, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if isinstance(key, str)}


def _context(context: FlowContext | None) -> FlowContext:
    """The context given, else the running app's catalogue's, else the bundled files'."""
    if context is not None:
        return context
    from flask import current_app, has_app_context

    if has_app_context():
        # Not through the proxy: an attribute read there fails a lookup first.
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        catalogue = app.extensions.get("catalogue")
        if catalogue is not None:
            return FlowContext(catalogue.reference, catalogue.locales_root)
    return _bundled_context()


@cache
def _bundled_context() -> FlowContext:
    from server.catalogue.reference import load_reference
    from server.catalogue.service import REFERENCE_DIR

    return FlowContext(load_reference(REFERENCE_DIR)[0], LOCALES_DIR)
