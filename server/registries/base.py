"""The contract every registry plugin fulfils (the prefill sources of service definitions).

A service field names its source as ``<registry>.<attribute>`` (``civil.full_name``); the
registry part is a plugin id in :data:`server.registries.registry.registry`, the attribute one
of that plugin's :attr:`RegistryPlugin.attributes`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from server.registries.http import RegistryClient


class RegistryPlugin:
    """One state registry, reached over HTTP by a :class:`RegistryClient`.

    Subclasses set:

    - :attr:`verbose_name`: the registry's name as people read it (an ``N_`` message id of
      the ``registries`` domain; the data-access log renders it in the reader's locale);
    - :attr:`attributes`: every attribute the registry provides, each with its ``N_`` label.

    and may override :meth:`convert` to turn the registry's value into the shape a service
    field of the matching type accepts (dates ISO, choices as option values, ids as strings).

    :meth:`fetch` reads one citizen's record.  It raises
    :class:`~server.registries.http.RegistryUnavailableError` when the registry is slow, failing,
    down or its circuit is open, and :class:`~server.registries.http.RecordNotFoundError` when the
    registry holds no record for the PINFL.  It never writes anything and never logs the PINFL:
    recording the lookup in the citizen's data-access log is the service layer's job.
    """

    identifier: ClassVar[str] = ""
    verbose_name: ClassVar[str] = ""
    attributes: ClassVar[Mapping[str, str]] = {}
    #: The record's path below the registry's base URL.
    record_path: ClassVar[str] = "/citizens/{pinfl}"

    def fetch(self, client: RegistryClient, pinfl: str, budget: float | None = None
              ) -> dict[str, Any]:
        """Every attribute of this registry for ``pinfl``, converted (missing ones as None)."""
        payload = client.get_json(self.record_path.format(pinfl=pinfl), budget=budget)
        raw = payload.get("attributes")
        record: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
        return {name: self.convert(name, record.get(name)) for name in self.attributes}

    def convert(self, attribute: str, value: Any) -> Any:
        """The value as Xizmat's fields expect it; by default unchanged."""
        return value

    def for_field(self, attribute: str, value: Any, field_type: str) -> Any:
        """``value`` as a field of ``field_type`` takes it (e.g. one PINFL out of a list), or
        None when it cannot fill such a field.  By default the value, for any type."""
        return value

    def label(self, attribute: str) -> str:
        """The message id naming ``attribute`` (its own name when the plugin has no label)."""
        return self.attributes.get(attribute, attribute)
