"""Xizmat's Flask JSON API.  ``create_app`` builds one app; gunicorn runs ``server:create_app()``.

Each part is set up by its module's ``init_app`` in an order that matters: logging first (the
request id every later hook and error uses), then i18n (every response's language), errors,
the API and its request guards, the database, rate limits and CLI commands; then each
domain's blueprint under ``/api/v1``.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from pathlib import Path
from typing import Any

from flask import Flask

from server import api as api_module
from server import cli, db, errors, extensions, i18n
from server import logging as request_logging
from server.config import default_instance_path, load_config


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The app, configured from ``XIZMAT_*`` variables with ``config`` (e.g. tests) on top.

    Does not touch the database schema: run ``flask db upgrade`` first (``make run`` does).
    """
    overrides = dict(config or {})
    instance_path = Path(overrides.pop("INSTANCE_PATH", None) or default_instance_path())
    instance_path.mkdir(parents=True, exist_ok=True)
    app = Flask(__name__, instance_path=str(instance_path))
    app.config.update(load_config(overrides=overrides, instance_path=instance_path))

    request_logging.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    api = api_module.init_app(app)
    db.init_app(app)
    extensions.init_app(app)
    cli.init_app(app)

    from server.health import routes as health_routes

    api.register_blueprint(health_routes.blp, url_prefix="/api/v1")
    import_module("server.catalogue.app").init_app(app, api)  # routes, CLI, catalogue loaded
    api.register_blueprint(import_module("server.identity.routes").blp, url_prefix="/api/v1")
    api.register_blueprint(import_module("server.applications.routes").blp, url_prefix="/api/v1")
    import_module("server.registries.service").init_app(app)  # after the catalogue's init_app
    api.register_blueprint(import_module("server.registries.routes").blp, url_prefix="/api/v1")
    health_routes.prebuild(app)
    return app
