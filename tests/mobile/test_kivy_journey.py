"""A blind citizen's journey, by keys and ears alone, against the real server (Kivy, Xvfb).

Each next key is chosen from what the app said (recording speech backend): sign in, find the
certificate of no criminal record by search, fill its flow, submit, and hear the number.
"""

from __future__ import annotations

import pytest

from tests.mobile.conftest import QUERIES, SERVICE_ID, run_scenario, service_title
from tests.mobile.live_server import LiveServer

pytestmark = [pytest.mark.kivy, pytest.mark.slow, pytest.mark.usefixtures("needs_display")]


@pytest.mark.parametrize(("locale", "serial"), [("uz_Latn", 101), ("ru", 102)])
def test_blind_citizen_applies_by_keys_and_speech(live_server: LiveServer, locale: str,
                                                  serial: int) -> None:
    login, password = live_server.register_citizen(serial, locale.replace("_", "-"))
    title = service_title(live_server, locale)
    [result] = run_scenario("journey", api_url=live_server.url, locale=locale, login=login,
                            password=password, query=QUERIES[locale], service_title=title)
    number = result["number"]
    assert number.startswith("XZ-")
    applications = live_server.applications_of(login, password)
    held = [a for a in applications if a["number"] == number]
    assert len(held) == 1
    assert held[0]["service_id"] == SERVICE_ID and held[0]["status"] == "submitted"
