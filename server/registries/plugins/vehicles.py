"""The road safety registry: registered vehicles and the driving licence."""

from collections.abc import Mapping
from typing import ClassVar

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
