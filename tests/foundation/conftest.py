"""Foundation test fixtures.

- ``failing_app``: an app with extra routes that fail on purpose (registered only here, never
  in production), shared by a test module.
- ``shared_client``: one app per module for read-only requests (building an app costs ~0.3 s).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import marshmallow as ma
import pytest
from flask import Flask, request
from flask.testing import FlaskClient
from flask_smorest import Blueprint
from marshmallow import validate

from server import create_app
from server.api import accepts
from server.db import get_engine
from server.errors import Problem
from server.extensions import limiter
from server.i18n import N_

SMALL_BODY_LIMIT = 2048


class EchoSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=validate.Length(max=5))
    age = ma.fields.Integer(validate=validate.Range(min=0, max=150))


def failing_blueprint() -> Blueprint:
    blp = Blueprint("failing", __name__)

    @blp.route("/echo", methods=["POST"])
    @blp.arguments(EchoSchema)
    @blp.response(200, EchoSchema)
    def echo(payload: dict[str, Any]) -> dict[str, Any]:
        return payload

    @blp.route("/private")
    def private() -> None:
        raise Problem(401, headers={"WWW-Authenticate": "Bearer"})

    @blp.route("/forbidden")
    def forbidden() -> None:
        raise Problem(403)

    @blp.route("/conflict")
    def conflict() -> None:
        raise Problem(
            409, detail=N_("The request conflicts with the current state of the resource.")
        )

    @blp.route("/attachments", methods=["POST"])
    @accepts("multipart/form-data")
    def attachments() -> dict[str, int]:
        return {"files": len(request.files)}

    @blp.route("/upload-limit")
    def upload_limit() -> None:
        raise Problem(413)

    @blp.route("/missing-parameter")
    def missing_parameter() -> None:
        raise Problem(400, detail=N_("Too many requests; try again in %(num)d second."))

    @blp.route("/limited")
    @limiter.limit("1/minute")
    def limited() -> dict[str, str]:
        return {"status": "ok"}

    @blp.route("/boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail: password=hunter2")

    return blp


def _module_app(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path, **config: Any
) -> Flask:
    folder = tmp_path_factory.mktemp("module-app")
    shutil.copyfile(sqlite_template, folder / "xizmat.db")
    settings = {
        "TESTING": True,
        "DATABASE_URL": f"sqlite:///{folder / 'xizmat.db'}",
        "INSTANCE_PATH": str(folder / "instance"),
        "SECRET_KEY": "module-test-secret-key-long-enough-for-hs256",
    }
    return create_app({**settings, **config})


@pytest.fixture(scope="module")
def shared_client(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[FlaskClient]:
    """One app for a module's read-only requests (building an app costs ~0.3 s)."""
    app = _module_app(tmp_path_factory, sqlite_template)
    yield app.test_client()
    get_engine(app).dispose()


@pytest.fixture(scope="module")
def failing_app(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Flask]:
    """The app with the failing routes, shared by a module (its tests only read)."""
    app = _module_app(tmp_path_factory, sqlite_template, MAX_CONTENT_LENGTH=SMALL_BODY_LIMIT)
    app.extensions["xizmat_api"].register_blueprint(failing_blueprint(), url_prefix="/api/v1/test")
    yield app
    get_engine(app).dispose()
