"""marshmallow schemas built from a definition's steps, one per step, cached.

Each field of a step becomes a :class:`DefinitionField` that cleans its value by type and
reports a broken rule by name.  Whether a field is required depends on ``show_if`` and thus on
the other answers, so the schema loads every field as optional and the engine decides.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields

from server.catalogue.models import FieldDefinition, ReferenceData, ServiceDefinition, Step
from server.flows.cleaning import BrokenRuleError, clean

_CACHE_SIZE = 4096
_cache: OrderedDict[tuple[int, str, int], tuple[ServiceDefinition, ReferenceData, Schema]] = (
    OrderedDict()
)
_cache_lock = threading.Lock()


class DefinitionField(fields.Field[Any]):
    """A marshmallow field that cleans a value the way its definition says."""

    def __init__(self, definition: FieldDefinition, reference: ReferenceData) -> None:
        super().__init__(required=False, allow_none=True)
        self.definition = definition
        self.reference = reference

    def _deserialize(
        self, value: Any, attr: str | None, data: Any, **kwargs: Any
    ) -> Any:
        try:
            return clean(self.definition, value, self.reference, date.today())
        except BrokenRuleError as broken:
            raise ValidationError(broken.rule) from None


def build_step_schema(step: Step, reference: ReferenceData) -> Schema:
    """A fresh schema for ``step``: unknown keys are ignored, every field is optional."""
    declared: dict[str, fields.Field[Any]] = {
        field.name: DefinitionField(field, reference) for field in step.fields
    }
    schema_class = Schema.from_dict(declared, name=f"Step_{step.id}")
    return schema_class(unknown=EXCLUDE)


def step_schema(definition: ServiceDefinition, step: Step, reference: ReferenceData) -> Schema:
    """The cached schema of ``step`` (definitions are immutable, so it never goes stale)."""
    key = (id(definition), step.id, id(reference))
    with _cache_lock:
        cached = _cache.get(key)
        # The cache keeps the objects alive, so an id is never reused for another one.
        if cached is not None and cached[0] is definition and cached[1] is reference:
            _cache.move_to_end(key)
            return cached[2]
    schema = build_step_schema(step, reference)
    with _cache_lock:
        _cache[key] = (definition, reference, schema)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return schema


def load_step(
    definition: ServiceDefinition, step: Step, data: dict[str, Any], reference: ReferenceData
) -> tuple[dict[str, Any], dict[str, str]]:
    """(clean values, field -> broken rule) of ``data`` against ``step``'s schema."""
    schema = step_schema(definition, step, reference)
    try:
        return dict(schema.load(data)), {}
    except ValidationError as error:
        valid = error.valid_data if isinstance(error.valid_data, dict) else {}
        messages = error.messages if isinstance(error.messages, dict) else {}
        rules = {str(name): _first(rule) for name, rule in messages.items()}
        return dict(valid), rules


def _first(messages: Any) -> str:
    while isinstance(messages, list | dict) and messages:
        messages = messages[0] if isinstance(messages, list) else next(iter(messages.values()))
    return messages if isinstance(messages, str) else "invalid"
