"""The flow tests run on the catalogue tests' fixture definitions (tests/catalogue/data)."""

from __future__ import annotations

import pytest

from server.catalogue.models import ServiceDefinition
from server.catalogue.service import Catalogue, load_catalogue
from server.flows.engine import FlowContext
from tests.catalogue.conftest import LOCALES, REFERENCE, SERVICES


@pytest.fixture(scope="session")
def flow_catalogue() -> Catalogue:
    return load_catalogue(SERVICES, REFERENCE, locales_root=LOCALES)


@pytest.fixture(scope="session")
def context(flow_catalogue: Catalogue) -> FlowContext:
    return FlowContext(flow_catalogue.reference, LOCALES)


@pytest.fixture(scope="session")
def passport(flow_catalogue: Catalogue) -> ServiceDefinition:
    definition = flow_catalogue.get("test-passport")
    assert definition is not None
    return definition


@pytest.fixture(scope="session")
def kindergarten(flow_catalogue: Catalogue) -> ServiceDefinition:
    definition = flow_catalogue.get("test-kindergarten")
    assert definition is not None
    return definition
