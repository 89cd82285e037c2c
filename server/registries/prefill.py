"""The prefill provider the applications part calls when it opens a draft (the seam in
:mod:`server.applications.prefill`), backed by the registries and logged."""

from __future__ import annotations

from server.applications.prefill import PrefilledValue
from server.catalogue.models import ServiceDefinition
from server.db import get_session
from server.identity.models import User
from server.registries.service import Actor, Purpose, prefill_values


class RegistryPrefillProvider:
    """Reads the draft owner's data from the registries named by the fields' ``prefill`` keys.

    The lookups are about ``user`` and made on their behalf (actor: the citizen); they are
    written to the request's session, committed with the draft.
    """

    def prefill(self, definition: ServiceDefinition, user: User, purpose: str
                ) -> dict[str, PrefilledValue]:
        return prefill_values(get_session(), definition, user.pinfl,
                              Purpose.parse(purpose, definition.id),
                              Actor("citizen", user.id))
