"""The accessibility audit finds nothing on any screen, in any locale, at 100/200/300 %,
in any theme (the app's exported accessible trees, Kivy under Xvfb)."""

from __future__ import annotations

import pytest

from accessibility.themes import THEMES
from locales import SUPPORTED_LOCALES
from tests.mobile.conftest import run_scenario
from tests.mobile.registry_simulator import RegistryServer
from tests.mobile.screen_tour import SCREEN_NAMES

pytestmark = [pytest.mark.kivy, pytest.mark.slow, pytest.mark.usefixtures("needs_display")]
SCALES = [1.0, 2.0, 3.0]


def test_every_screen_passes_the_audit(registry_server: RegistryServer) -> None:
    login, password = registry_server.register_parent()
    registry_server.offer_after_birth(login)  # so that the offer screens show one
    [result] = run_scenario("audit", timeout=900, api_url=registry_server.url, login=login,
                            password=password, locales=list(SUPPORTED_LOCALES), scales=SCALES,
                            themes=list(THEMES))
    assert result["findings"] == []
    # The same export and audit do see faults when there are some.
    assert result["seeded"] == ["low_contrast_text:seeded_label", "missing_name:seeded_button",
                                "small_target:seeded_button"]
    expected = len(SCREEN_NAMES) * len(SUPPORTED_LOCALES) * len(SCALES) * len(THEMES)
    assert result["audited"] == expected
