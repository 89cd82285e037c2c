"""The accounts blueprint; its views are in :mod:`.routes` (auth) and :mod:`.profile` (/me)."""

from __future__ import annotations

from flask.blueprints import BlueprintSetupState
from flask_smorest import Blueprint

from server.identity.auth import add_bearer_scheme, install_locale_loader

blp = Blueprint("identity", __name__, url_prefix="/api/v1", cli_group="users",
                description="Accounts: registration, sign-in, profile, second factor")


@blp.record_once
def _on_register(state: BlueprintSetupState) -> None:
    # Registering the accounts API also lets a signed-in user's saved locale choose the
    # language, and documents the bearer token.
    install_locale_loader(state.app)
    add_bearer_scheme(state.app)
