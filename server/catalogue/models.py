"""The validated, immutable shape of service definitions and reference data.

Everything here is built by :mod:`server.catalogue.schema` from YAML that passed validation, so
the rest of the server can rely on it: ids resolve, steps number 1 to 3, conditions only look
at earlier fields.  Text attributes hold the English source; their translations are looked up
with :func:`text_context` as message context in the ``services`` / ``reference`` domains.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

FIELD_TYPES: tuple[str, ...] = (
    "text", "long_text", "integer", "decimal", "date", "single_choice", "multiple_choice",
    "yes_no", "consent", "phone", "pinfl", "email", "region", "district", "address",
)

FeeKind = Literal["free", "fixed", "bhm"]

#: The "3 steps" rule: a citizen never sees more than this many steps.
MAX_STEPS = 3


def text_context(file_id: str, *segments: str) -> str:
    """The gettext message context of a text: ``"<file id>:<key path>"``.

    Matches ``locales.extract`` (the extractor that writes the templates): list items are named
    by their id, name or value, so ``("id-card", "steps", "applicant", "title")`` gives
    ``"id-card:steps.applicant.title"``.
    """
    return f"{file_id}:{'.'.join(segments)}"


@dataclass(frozen=True, slots=True)
class Fee:
    kind: FeeKind
    amount: int | None = None  # whole soʻm, kind "fixed"
    multiple: Decimal | None = None  # × base calculation amount, kind "bhm"


# Conditions: a tiny declarative language evaluated by walking these nodes (never eval).
@dataclass(frozen=True, slots=True)
class Equals:
    field: str
    value: Any


@dataclass(frozen=True, slots=True)
class OneOf:
    field: str
    values: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Not:
    condition: Condition


@dataclass(frozen=True, slots=True)
class AllOf:
    conditions: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    conditions: tuple[Condition, ...]


Condition = Equals | OneOf | Not | AllOf | AnyOf


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class FieldDefinition:
    name: str
    type: str
    label: str
    required: bool = True
    hint: str | None = None
    spoken: Mapping[str, str] = field(default_factory=dict)
    prefill: str | None = None
    show_if: Condition | None = None
    constraints: Mapping[str, Any] = field(default_factory=dict)
    options: tuple[Option, ...] = ()
    errors: Mapping[str, str] = field(default_factory=dict)

    @property
    def option_values(self) -> frozenset[str]:
        return frozenset(option.value for option in self.options)

    def date_bound(self, key: str) -> date | None:
        bound = self.constraints.get(key)
        return bound if isinstance(bound, date) else None


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    title: str
    fields: tuple[FieldDefinition, ...]


@dataclass(frozen=True, slots=True)
class ServiceDefinition:
    id: str
    version: int
    agency: str
    category: str
    life_events: tuple[str, ...]
    title: str
    summary: str
    fee: Fee
    processing_days: int
    legal_basis: str
    result: str
    requirements: tuple[str, ...]
    steps: tuple[Step, ...]
    description: str | None = None
    keywords: tuple[str, ...] = ()
    source: Path | None = None

    def step(self, step_id: str) -> Step | None:
        for step in self.steps:
            if step.id == step_id:
                return step
        return None

    def fields(self) -> Iterator[tuple[Step, FieldDefinition]]:
        for step in self.steps:
            for definition in step.fields:
                yield step, definition


@dataclass(frozen=True, slots=True)
class ReferenceItem:
    id: str
    name: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    name: str
    districts: tuple[ReferenceItem, ...]

    @property
    def district_ids(self) -> frozenset[str]:
        return frozenset(district.id for district in self.districts)


@dataclass(frozen=True, slots=True)
class ReferenceData:
    agencies: Mapping[str, ReferenceItem]
    categories: Mapping[str, ReferenceItem]
    life_events: Mapping[str, ReferenceItem]
    regions: Mapping[str, Region]

    def district_region(self, district_id: str) -> Region | None:
        return next((r for r in self.regions.values() if district_id in r.district_ids), None)
