"""Keys, focus, speech and fonts on the running app (Kivy under Xvfb, no server needed)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.mobile.conftest import run_scenario

pytestmark = [pytest.mark.kivy, pytest.mark.usefixtures("needs_display")]


@pytest.fixture(scope="module")
def observed() -> dict[str, Any]:
    [found] = run_scenario("widget_rules", api_url="http://127.0.0.1:9")
    return found


def test_default_font_covers_uzbek_letters_and_narrow_spaces(observed: dict[str, Any]) -> None:
    assert observed["font"] == "DejaVuSans.ttf"
    assert observed["font_has_uzbek_and_nnbsp"] is True


def test_arrows_move_in_lists_space_activates_escape_goes_back(
    observed: dict[str, Any],
) -> None:
    assert observed["first_language"].startswith("Oʻzbekcha")
    assert observed["down_twice"].startswith("Русский")
    assert observed["up"].startswith("Ўзбекча")
    assert observed["after_space"] == "reading_mode"
    assert observed["after_escape"] == "language"


def test_tab_order_skips_invisible_widgets_and_fields_do_not_swallow_tab(
    observed: dict[str, Any],
) -> None:
    assert observed["order_without_invisible"] == ["login", "password", "sign_in"]
    assert observed["tab_from_field"] == ["123", "password", False]
    assert observed["shift_tab"] == "login"


def test_errors_are_assertive_and_focus_goes_to_the_field_with_its_error(
    observed: dict[str, Any],
) -> None:
    count, field = observed["error_speech"]
    assert observed["error_priority"] == ["assertive", "polite"]
    assert count.startswith("1 ")
    # The chosen language was Uzbek Cyrillic: the field's name, then its error, in it.
    assert field.startswith("ЖШШИР ёки телефон рақами")
    assert "ЖШШИР ёки телефон рақамингизни" in field
    assert observed["focus_after_error"] == "login"
    assert observed["repeat"] == [field]


def test_focus_ring_is_the_theme_colour_and_large_type_scrolls_to_focus(
    observed: dict[str, Any],
) -> None:
    assert observed["ring_colour"] == observed["theme_focus"]
    assert observed["ring_contrast"] >= 3.0
    assert observed["title_in_russian"] == "Настройки"
    assert observed["scrolled"] is True and observed["focused_in_view"] is True


def test_each_screen_exports_its_tree_for_the_audit_command(observed: dict[str, Any]) -> None:
    assert observed["exported_trees"] == ["sign_in-uz_Cyrl-default-100.json"]
    assert observed["audit_command_status"] == 0
