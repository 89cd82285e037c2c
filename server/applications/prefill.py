"""The prefill seam: values the state already holds, offered in a new draft with their source.

The registries part implements :class:`PrefillProvider` and installs it as
``app.extensions["prefill_provider"]``; without one, drafts start empty.  A provider never
blocks a draft: a registry that does not answer gives values with status
``"verify_by_officer"`` (or none), never an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol

from flask import current_app

from server.catalogue.models import ServiceDefinition
from server.identity.models import User

PrefillStatus = Literal["registry", "verify_by_officer"]


@dataclass(frozen=True, slots=True)
class PrefilledValue:
    value: Any
    source: str  # the registry attribute, e.g. "civil.full_name"
    fetched_at: datetime
    status: PrefillStatus

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "source": self.source,
                "fetched_at": self.fetched_at.isoformat(), "status": self.status}


class PrefillProvider(Protocol):
    def prefill(
        self, definition: ServiceDefinition, user: User, purpose: str
    ) -> dict[str, PrefilledValue]:
        """Values for the fields of ``definition`` that name a ``prefill`` source, by field name.

        ``purpose`` says why the data is read (shown in the citizen's data-access log).
        """
        ...


def prefill_draft(definition: ServiceDefinition, user: User) -> dict[str, dict[str, Any]]:
    """The JSON kept in a new draft's ``prefill`` column (empty when no provider is installed)."""
    provider: PrefillProvider | None = current_app.extensions.get("prefill_provider")
    if provider is None:
        return {}
    values = provider.prefill(definition, user, f"application:{definition.id}")
    return {name: value.to_json() for name, value in values.items()}
