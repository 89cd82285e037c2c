"""An officer checks an application's values against the registries again.

Values the registries could not give when the citizen applied are marked
"verify_by_officer"; the officer of the application's agency asks the registries again (the
lookup goes to the citizen's data-access log with the officer's agency) and sees, for every
prefilled field, what the registry holds now beside what the citizen sent.
"""

from __future__ import annotations

from typing import Any

from server.applications.service import agency_application, definition_of
from server.db import get_session
from server.identity.auth import current_user, require_user
from server.identity.models import User
from server.registries.blueprint import SECURITY, blp
from server.registries.schemas import RegistryCheckSchema
from server.registries.service import Actor, Purpose, as_json, prefill_keys, prefill_sources


@blp.route("/officer/applications/<application_id>/registry-check", methods=["POST"])
@blp.doc(security=SECURITY)
@blp.response(200, RegistryCheckSchema)
@require_user("officer")
def registry_check(application_id: str) -> dict[str, Any]:
    """Ask the registries again about the applicant; values marked for verification that the
    registries now confirm become registry values on the application."""
    session = get_session()
    officer = current_user()
    application = agency_application(session, application_id, officer)
    applicant = session.get(User, application.user_id)
    definition = definition_of(application)
    fields = prefill_keys(definition)
    found = as_json(prefill_sources(
        session, fields, applicant.pinfl if applicant else "",
        Purpose("verification", application.id, definition.id),
        Actor("officer", officer.id, officer.agency)))
    prefill = dict(application.prefill or {})
    for name, value in found.items():
        if value["status"] == "registry" and prefill.get(name, {}).get("status") != "registry":
            prefill[name] = value
    application.prefill = prefill
    session.commit()
    sent = {name: value for step in (application.values or {}).values()
            for name, value in step.items()}
    return {"fields": [
        {"name": name, "source": field.prefill, "sent": sent.get(name),
         "registry": found.get(name, {}).get("value"),
         "status": found.get(name, {}).get("status", "not_held"),
         "matches": name in found and found[name]["value"] == sent.get(name)}
        for name, field in fields.items()]}
