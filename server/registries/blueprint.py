"""The registries blueprint; views in :mod:`.routes` (citizens, bundles, the event webhook)
and :mod:`.officer_routes` (an officer's registry check of an application)."""

from __future__ import annotations

from flask.blueprints import BlueprintSetupState
from flask_smorest import Blueprint

from server.applications import idempotency
from server.identity.auth import add_bearer_scheme

blp = Blueprint("registries", __name__, url_prefix="/api/v1",
                description="Once-only: data-access log, proactive offers, composite services")

SECURITY: list[dict[str, list[str]]] = [{"bearerAuth": []}]
IDEMPOTENCY_PARAMETER = {
    "in": "header", "name": idempotency.HEADER, "required": True,
    "schema": {"type": "string", "maxLength": idempotency.MAX_KEY_LENGTH},
    "description": "A new random key per submission; a retry repeats the same key",
}


@blp.record_once
def _on_register(state: BlueprintSetupState) -> None:
    add_bearer_scheme(state.app)
