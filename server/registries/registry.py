"""The registry of registry plugins: ``@register("civil")`` adds a plugin under its id.

Modelled on Open Forms' prefill registry: ids are unique (a second plugin with the same id
fails loudly at import), lookups by id raise ``KeyError`` for unknown ids, and tests may build
a :class:`PluginRegistry` of their own instead of touching the default one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from server.registries.base import RegistryPlugin


class PluginRegistry:
    def __init__(self) -> None:
        self._plugins: dict[str, RegistryPlugin] = {}

    def register(self, identifier: str) -> Callable[[type[RegistryPlugin]], type[RegistryPlugin]]:
        """Class decorator: instantiate the plugin and file it under ``identifier``."""

        def decorator(plugin_class: type[RegistryPlugin]) -> type[RegistryPlugin]:
            if identifier in self._plugins:
                raise ValueError(f"registry plugin {identifier!r} is already registered")
            if not plugin_class.attributes or not plugin_class.verbose_name:
                raise ValueError(f"registry plugin {identifier!r} needs attributes and a name")
            plugin_class.identifier = identifier
            self._plugins[identifier] = plugin_class()
            return plugin_class

        return decorator

    def __getitem__(self, identifier: str) -> RegistryPlugin:
        return self._plugins[identifier]

    def get(self, identifier: str) -> RegistryPlugin | None:
        return self._plugins.get(identifier)

    def __contains__(self, identifier: object) -> bool:
        return identifier in self._plugins

    def __iter__(self) -> Iterator[RegistryPlugin]:
        return iter(self._plugins.values())

    def ids(self) -> tuple[str, ...]:
        return tuple(self._plugins)

    def knows(self, prefill_key: str) -> bool:
        """True when ``prefill_key`` (``registry.attribute``) names a known attribute."""
        registry_id, _, attribute = prefill_key.partition(".")
        return registry_id in self._plugins and attribute in self._plugins[registry_id].attributes


#: The plugins Xizmat ships (filled by importing :mod:`server.registries.plugins`).
registry = PluginRegistry()
register = registry.register
