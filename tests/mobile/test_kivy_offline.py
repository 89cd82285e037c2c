"""Offline: a submission made while the server is down waits in the outbox, survives a
restart of the app and of the server, and is delivered exactly once (Kivy, Xvfb)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mobile.conftest import (
    QUERIES,
    SERVICE_ID,
    RunningScenario,
    run_scenario,
    service_title,
)
from tests.mobile.live_server import LiveServer

pytestmark = [pytest.mark.kivy, pytest.mark.slow, pytest.mark.usefixtures("needs_display")]


def test_offline_submission_is_delivered_once_after_restarts(
    live_server: LiveServer, tmp_path: Path
) -> None:
    locale = "uz_Latn"
    login, password = live_server.register_citizen(103)
    phone_data = tmp_path / "phone"
    scenario = RunningScenario(
        "offline_submit", api_url=live_server.url, data_dir=str(phone_data), locale=locale,
        login=login, password=password, query=QUERIES[locale],
        service_title=service_title(live_server, locale))
    assert scenario.next_report()["stage"] == "at_review"
    live_server.stop()
    try:
        scenario.say("server stopped")
        queued = scenario.next_report()
        scenario.finish()
    finally:
        live_server.start()
    assert queued == {**queued, "stage": "queued", "pending": 1}

    [delivered] = run_scenario("deliver_after_restart", api_url=live_server.url,
                               data_dir=str(phone_data), locale=locale)
    assert delivered["pending"] == 0
    [again] = run_scenario("restart_quietly", api_url=live_server.url, data_dir=str(phone_data),
                           locale=locale)
    assert again == {"pending": 0, "resent": []}

    submitted = [a for a in live_server.applications_of(login, password)
                 if a["service_id"] == SERVICE_ID and a["status"] == "submitted"]
    assert [a["number"] for a in submitted] == [delivered["number"]]
