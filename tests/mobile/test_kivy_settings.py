"""Settings changed with keys apply at once and are saved to the server profile."""

from __future__ import annotations

import pytest

from tests.mobile.conftest import run_scenario
from tests.mobile.live_server import LiveServer

pytestmark = [pytest.mark.kivy, pytest.mark.usefixtures("needs_display")]


def test_settings_apply_at_once_and_follow_the_citizen(live_server: LiveServer) -> None:
    login, password = live_server.register_citizen(105)
    [found] = run_scenario("settings_profile", api_url=live_server.url, login=login,
                           password=password)
    assert found["font_scale"] == 1.25 and found["metrics_fontscale"] == 1.25
    assert found["background"] == [0.0, 0.0, 0.0, 1.0]  # high contrast, dark: black screen
    assert found["profile"]["font_scale"] == 1.25
    assert found["profile"]["theme"] == "high_contrast_dark"
    assert found["profile_locale"] == "ru"
