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
            return int(value) if value else None  # 1, 2 or 3; None: no disability group
        if attribute == "low_income_status":
            return bool(value)
        return value

    def for_field(self, attribute: str, value: Any, field_type: str) -> Any:
        if attribute != "disability_group":
            return value
        if field_type == "integer":  # groups 1 to 3; no group leaves the field to the citizen
            return value
        return str(value) if value else "none"  # choice fields: "1", "2", "3" or "none"
