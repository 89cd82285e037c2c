"""The road safety registry: registered vehicles and the driving licence."""

from collections.abc import Mapping
from typing import Any, ClassVar

from server.i18n import N_
from server.registries.base import RegistryPlugin
from server.registries.registry import register


@register("vehicles")
class VehicleRegistry(RegistryPlugin):
    verbose_name = N_("Vehicle and driving licence registry")
    attributes: ClassVar[Mapping[str, str]] = {
        "registered_vehicles": N_("registered vehicles"),
        "driving_licence": N_("driving licence"),
    }

    def for_field(self, attribute: str, value: Any, field_type: str) -> Any:
        if attribute == "driving_licence" and field_type == "text":
            return value.get("number") if isinstance(value, dict) else None
        if attribute == "registered_vehicles" and field_type == "integer":
            return len(value or ())
        if attribute == "registered_vehicles" and field_type == "text":
            return ", ".join(str(v.get("plate")) for v in value or () if isinstance(v, dict))
        return value
