"""The civil registry (ZAGS): who a person is and their family."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from server.i18n import N_
from server.registries.base import RegistryPlugin
from server.registries.registry import register


@register("civil")
class CivilRegistry(RegistryPlugin):
    verbose_name = N_("Civil registry")
    attributes: ClassVar[Mapping[str, str]] = {
        "full_name": N_("full name"),
        "birth_date": N_("date of birth"),
        "sex": N_("sex"),
        "place_of_birth": N_("place of birth"),
        "marital_status": N_("marital status"),
        "children": N_("children"),
    }

    def convert(self, attribute: str, value: Any) -> Any:
        if attribute == "children":
            # Only what a form about a child needs; nothing else of the child's record.
            return [
                {key: child.get(key) for key in ("pinfl", "full_name", "birth_date", "sex")}
                for child in value or ()
                if isinstance(child, dict)
            ]
        return value

    def for_field(self, attribute: str, value: Any, field_type: str) -> Any:
        if attribute != "children":
            return value
        children = sorted(value or (), key=lambda child: str(child.get("birth_date") or ""))
        if field_type == "pinfl":  # a form about one child means the youngest
            return children[-1]["pinfl"] if children else None
        if field_type == "integer":
            return len(children)
        return children
