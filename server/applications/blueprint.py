"""The applications blueprint; views in :mod:`.routes` (citizens), :mod:`.officer_routes`
and :mod:`.notification_routes`."""

from __future__ import annotations

from flask.blueprints import BlueprintSetupState
from flask_smorest import Blueprint

from server.identity.auth import add_bearer_scheme

blp = Blueprint("applications", __name__, url_prefix="/api/v1",
                description="Applications, the officers' back office, notifications")

SECURITY: list[dict[str, list[str]]] = [{"bearerAuth": []}]


@blp.record_once
def _on_register(state: BlueprintSetupState) -> None:
    add_bearer_scheme(state.app)
