"""The education registry: kindergarten and school places."""

from collections.abc import Mapping
from typing import ClassVar

from server.i18n import N_
from server.registries.base import RegistryPlugin
from server.registries.registry import register


@register("education")
class EducationRegistry(RegistryPlugin):
    verbose_name = N_("Education registry")
    attributes: ClassVar[Mapping[str, str]] = {
        "kindergarten_place": N_("kindergarten place"),
        "school_place": N_("school place"),
    }
