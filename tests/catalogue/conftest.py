"""Fixtures of the catalogue tests: our own small definitions, reference data and catalogs.

``tests/catalogue/data`` holds two services, a small reference set and their translations in
all four locales, so these tests do not depend on the bundled content.  ``catalogue_app`` is a
Flask app made of the real foundation parts (i18n, errors, API) plus the catalogue, without
the other domains (their start-up checks look for the bundled services).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from flask import Flask

from server import api as api_module
from server import errors, i18n
from server.catalogue.app import init_app
from server.catalogue.service import Catalogue, load_catalogue
from server.catalogue.wording import default_fee_settings
from server.config import load_config

DATA = Path(__file__).parent / "data"
SERVICES = DATA / "services"
REFERENCE = DATA / "reference"
LOCALES = DATA / "locales"


def build_app(services: Path = SERVICES, **config: Any) -> Flask:
    app = Flask("catalogue-tests")
    app.config.update(load_config(overrides={
        "TESTING": True,
        "SECRET_KEY": "catalogue-tests",  # a given key: no instance folder is needed
        "CATALOGUE_SERVICES_DIR": str(services),
        "CATALOGUE_REFERENCE_DIR": str(REFERENCE),
        "CATALOGUE_LOCALES_DIR": str(LOCALES),
        **config,
    }))
    i18n.init_app(app)
    errors.init_app(app)
    init_app(app, api_module.init_app(app))
    return app


@pytest.fixture(scope="session")
def fixture_catalogue() -> Catalogue:
    catalogue = load_catalogue(SERVICES, REFERENCE, locales_root=LOCALES)
    catalogue.prepare(default_fee_settings())
    return catalogue


@pytest.fixture(scope="session")
def catalogue_app() -> Flask:
    return build_app()


@pytest.fixture
def api(catalogue_app: Flask) -> Any:
    return catalogue_app.test_client()


def raw_service(name: str = "test-passport") -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((SERVICES / f"{name}.yaml").read_text("utf-8"))
    return loaded


@pytest.fixture
def services_dir(tmp_path: Path) -> Callable[..., Path]:
    """``services_dir(raw_dict, ...)``: a folder with the fixtures plus the given definitions."""

    def make(*definitions: dict[str, Any], keep_fixtures: bool = True) -> Path:
        folder = tmp_path / "services"
        folder.mkdir(exist_ok=True)
        if keep_fixtures:
            for path in SERVICES.glob("*.yaml"):
                shutil.copy(path, folder / path.name)
        for definition in definitions:
            target = folder / f"{definition.get('id', 'unnamed')}.yaml"
            target.write_text(yaml.safe_dump(definition, allow_unicode=True), "utf-8")
        return folder

    return make


@pytest.fixture(scope="session")
def bundled_catalogue() -> Catalogue:
    """The real services in server/catalogue/services, loaded strictly as the app does."""
    catalogue = load_catalogue()
    catalogue.prepare(default_fee_settings())
    return catalogue
