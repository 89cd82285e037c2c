"""Demo data: a citizen account for a person the registries know, so prefill shows at once.

The registry simulator must be running (``make run`` starts it first); its citizens come
from a seed, so the account is made for whichever married parent it lists first.
"""

from __future__ import annotations

import requests
from sqlalchemy.orm import Session

from server.demo import SeedSkipped, demo_seeder
from server.identity.accounts import new_user, taken
from server.registries.service import hub

DEMO_PHONE = "+998971234560"
DEMO_PASSWORD = "registry-demo-2026"


@demo_seeder("registries")
def seed_registry_citizen(session: Session) -> list[str]:
    base = hub().settings.base_url
    if not base:  # not recorded: once the registries are on, the next seed makes the account
        raise SeedSkipped("registries are off (XIZMAT_REGISTRY_URL is empty): "
                          "no registry demo citizen")
    try:
        response = requests.get(f"{base.rstrip('/')}/admin/citizens",
                                params={"adults": 1, "with_children": 1, "married": 1,
                                        "limit": 1}, timeout=5)
        citizen = response.json()["citizens"][0]
    except (requests.RequestException, ValueError, KeyError, IndexError) as error:
        raise RuntimeError(f"registry simulator at {base} gave no citizen: {error}") from error
    if not taken(session, citizen["pinfl"], DEMO_PHONE):
        session.add(new_user(citizen["pinfl"], DEMO_PHONE, DEMO_PASSWORD,
                             full_name=citizen["full_name"]))
    return [f"citizen with registry records: {citizen['full_name']}, "
            f"{DEMO_PHONE} / {DEMO_PASSWORD}"]
