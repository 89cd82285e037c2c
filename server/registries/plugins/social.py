"""The social protection registry: disability group and low-income status."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from server.i18n import N_
from server.registries.base import RegistryPlugin
from server.registries.registry import register


@register("social")
class SocialRegistry(RegistryPlugin):
    verbose_name = N_("Social protection registry")
    attributes: ClassVar[Mapping[str, str]] = {
        "disability_group": N_("disability group"),
        "low_income_status": N_("low-income status"),
    }

    def convert(self, attribute: str, value: Any) -> Any:
        if attribute == "disability_group":
            # Choice fields hold option values as strings: "1", "2", "3", or "none".
            return str(value) if value else "none"
        if attribute == "low_income_status":
            return bool(value)
        return value
