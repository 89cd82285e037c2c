"""The prefill seam: a provider installed in the app fills new drafts, with provenance.

The registries part installs the real provider; this one is the seam's contract written as
a test (values for the definition's ``prefill`` fields, each with source, time and status).
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask

from server.applications.prefill import PrefilledValue
from server.catalogue.models import ServiceDefinition
from server.identity.models import User
from tests.accounts.conftest import Person, new_draft

FETCHED = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


class NamesFromTheAccount:
    """Answers every ``civil.full_name`` field from the account itself."""

    def __init__(self) -> None:
        self.purposes: list[str] = []

    def prefill(self, definition: ServiceDefinition, user: User, purpose: str
                ) -> dict[str, PrefilledValue]:
        self.purposes.append(purpose)
        return {field.name: PrefilledValue(user.full_name, "civil.full_name", FETCHED,
                                           "registry")
                for _step, field in definition.fields() if field.prefill == "civil.full_name"}


def test_drafts_start_empty_without_a_provider(app: Flask, citizen: Person) -> None:
    app.extensions.pop("prefill_provider", None)
    assert new_draft(citizen, "id-card")["prefill"] == {}


def test_a_provider_prefills_new_drafts(app: Flask, citizen: Person) -> None:
    provider = NamesFromTheAccount()
    app.extensions["prefill_provider"] = provider
    definition = app.extensions["catalogue"].get("id-card")
    wanted = {f.name for _s, f in definition.fields() if f.prefill == "civil.full_name"}
    assert wanted, "id-card no longer prefills a name: pick another service for this test"
    draft = new_draft(citizen, "id-card")
    assert set(draft["prefill"]) == wanted
    for value in draft["prefill"].values():
        assert value == {"value": "Aziz Karimov", "source": "civil.full_name",
                         "fetched_at": FETCHED.isoformat(), "status": "registry"}
    assert provider.purposes == ["application:id-card"]
