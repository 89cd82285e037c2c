"""The address registry: where a person is registered to live (propiska)."""

from collections.abc import Mapping
from typing import ClassVar

from server.i18n import N_
from server.registries.base import RegistryPlugin
from server.registries.registry import register


@register("address")
class AddressRegistry(RegistryPlugin):
    verbose_name = N_("Address registry")
    attributes: ClassVar[Mapping[str, str]] = {
        "permanent_address": N_("permanent address"),
        "region": N_("region"),
        "district": N_("district"),
    }
