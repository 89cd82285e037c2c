"""The tax committee's registry: taxpayer status and outstanding debt (whole soʻm)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from server.i18n import N_
from server.registries.base import RegistryPlugin
from server.registries.registry import register


@register("tax")
class TaxRegistry(RegistryPlugin):
    verbose_name = N_("Tax registry")
    attributes: ClassVar[Mapping[str, str]] = {
        "taxpayer_status": N_("taxpayer status"),
        "debt": N_("tax debt"),
    }

    def convert(self, attribute: str, value: Any) -> Any:
        if attribute == "debt":
            return int(value or 0)
        return value
