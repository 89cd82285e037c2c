"""Wiring the catalogue into the app: load and render at start, and the routes.

A broken definition stops the app with every problem listed (file, key path, reason).  The
``flask services check`` command, whose job is to report those problems, is a Flask CLI plugin
that builds no app (see :mod:`server.catalogue.cli`), so it runs even when they stop the app.
The folders and the BHM come from the app's config (:mod:`server.config`).
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask

from server.catalogue.service import EXTENSION_KEY, load_catalogue
from server.catalogue.wording import FeeSettings

logger = logging.getLogger(__name__)


def init_app(app: Flask, api: Any) -> None:
    """Load, validate and render the catalogue; register the routes."""
    from server.catalogue.routes import blp

    api.register_blueprint(blp, url_prefix="/api/v1")
    config = app.config
    catalogue = load_catalogue(
        config["CATALOGUE_SERVICES_DIR"],
        config["CATALOGUE_REFERENCE_DIR"],
        locales_root=config["CATALOGUE_LOCALES_DIR"],
        require_translations=config["CATALOGUE_REQUIRE_TRANSLATIONS"],
    )
    catalogue.prepare(FeeSettings(config["BHM_AMOUNT"], config["BHM_EFFECTIVE"]))
    app.extensions[EXTENSION_KEY] = catalogue
    logger.info("catalogue: %d services", len(catalogue.definitions))
