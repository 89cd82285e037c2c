"""Wiring the catalogue into the app: load and render at start, routes, CLI.

A broken definition stops the app with every problem listed (file, key path, reason).  The one
exception is the ``flask services ...`` command itself, whose job is to report those problems:
it must run even when the bundled files are broken.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask

from locales import LOCALES_DIR
from server.catalogue.problems import CatalogueError
from server.catalogue.service import (
    EXTENSION_KEY,
    REFERENCE_DIR,
    SERVICES_DIR,
    load_catalogue,
)
from server.catalogue.wording import DEFAULT_BHM_AMOUNT, DEFAULT_BHM_EFFECTIVE, FeeSettings
from server.config import ConfigError

logger = logging.getLogger(__name__)


def fee_settings(config: dict[str, Any] | Any) -> FeeSettings:
    """The BHM value and its effective date: app config, else ``XIZMAT_BHM_*``, else defaults."""
    amount = _setting(config, "BHM_AMOUNT", DEFAULT_BHM_AMOUNT, _positive_int)
    effective = _setting(config, "BHM_EFFECTIVE", DEFAULT_BHM_EFFECTIVE, date.fromisoformat)
    return FeeSettings(amount, effective)


def _positive_int(raw: str) -> int:
    value = int(raw)
    if value <= 0:
        raise ValueError("expected a positive whole number of soʻm")
    return value


def _setting(config: Any, key: str, default: Any, parse: Any) -> Any:
    if config.get(key) is not None:
        value = config[key]
        return parse(value) if isinstance(value, str) else value
    raw = os.environ.get(f"XIZMAT_{key}", "").strip()
    if not raw:
        return default
    try:
        return parse(raw)
    except ValueError as error:
        raise ConfigError(f"XIZMAT_{key}={raw!r} is not valid: {error}") from error


def _running_services_command() -> bool:
    return os.environ.get("FLASK_RUN_FROM_CLI") == "true" and "services" in sys.argv[1:]


def init_app(app: Flask, api: Any) -> None:
    """Load, validate and render the catalogue; register the routes and ``flask services``."""
    from server.catalogue.cli import services_cli
    from server.catalogue.routes import blp

    app.cli.add_command(services_cli)
    api.register_blueprint(blp, url_prefix="/api/v1")
    config = app.config
    try:
        catalogue = load_catalogue(
            Path(config.get("CATALOGUE_SERVICES_DIR") or SERVICES_DIR),
            Path(config.get("CATALOGUE_REFERENCE_DIR") or REFERENCE_DIR),
            locales_root=Path(config.get("CATALOGUE_LOCALES_DIR") or LOCALES_DIR),
            require_translations=bool(config.get("CATALOGUE_REQUIRE_TRANSLATIONS", True)),
        )
    except CatalogueError as error:
        if not _running_services_command():
            raise
        logger.warning("the catalogue did not load: %s", error)
        return
    catalogue.prepare(fee_settings(config))
    app.extensions[EXTENSION_KEY] = catalogue
    logger.info("catalogue: %d services", len(catalogue.definitions))
