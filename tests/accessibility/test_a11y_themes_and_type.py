"""Themes hold their own contrast bounds; the type scale and target size are as promised."""

import dataclasses

import pytest

from accessibility.contrast import contrast_ratio
from accessibility.themes import (
    DEFAULT,
    HIGH_CONTRAST_DARK,
    HIGH_CONTRAST_LIGHT,
    THEMES,
    colour_pairs,
    failing_pairs,
    get_theme,
)
from accessibility.typescale import (
    MIN_TARGET_DP,
    SCALE_STEPS,
    clamp_scale,
    font_size_sp,
    nearest_step,
    target_height_dp,
)


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_every_pair_of_every_theme_meets_its_bound(theme) -> None:
    pairs = colour_pairs(theme)
    drawn = {(pair.foreground_role, pair.background_role) for pair in pairs}
    # Text, placeholder, borders and the focus ring on every background they sit on.
    for required in [("text", "background"), ("text", "surface"), ("placeholder", "surface"),
                     ("on_primary", "primary"), ("border", "background"), ("border", "surface"),
                     ("focus", "background"), ("focus", "surface")]:
        assert required in drawn
    assert failing_pairs(theme) == []
    for pair in pairs:
        assert contrast_ratio(pair.foreground, pair.background) >= pair.minimum


def test_bounds_follow_wcag_levels() -> None:
    assert (DEFAULT.bounds.text, DEFAULT.bounds.large_text, DEFAULT.bounds.non_text) == (
        4.5, 3.0, 3.0)
    for theme in (HIGH_CONTRAST_DARK, HIGH_CONTRAST_LIGHT):
        assert theme.bounds.text == 7.0
        assert theme.bounds.large_text == 4.5
        assert theme.bounds.non_text == 3.0
    assert HIGH_CONTRAST_DARK.dark and not HIGH_CONTRAST_LIGHT.dark


def test_a_weak_placeholder_is_caught() -> None:
    # A mid grey, close to Kivy's default hint colour, is under 4.5:1 on a light surface.
    weak = dataclasses.replace(DEFAULT, placeholder="#808080")
    failing = {(pair.foreground_role, pair.background_role) for pair in failing_pairs(weak)}
    assert failing == {("placeholder", "surface"), ("placeholder", "background")}


def test_unknown_theme_names_the_known_ones() -> None:
    assert get_theme("high_contrast_dark") is HIGH_CONTRAST_DARK
    with pytest.raises(ValueError, match="high_contrast_light"):
        get_theme("sepia")


def test_scale_steps_run_from_100_to_300_percent() -> None:
    assert SCALE_STEPS[0] == 1.0 and SCALE_STEPS[-1] == 3.0
    assert 2.0 in SCALE_STEPS
    assert list(SCALE_STEPS) == sorted(set(SCALE_STEPS))
    assert clamp_scale(5.0) == 3.0 and clamp_scale(0.5) == 1.0 and clamp_scale(float("nan")) == 1.0
    assert nearest_step(1.3) == 1.25


def test_targets_are_48_dp_and_grow_with_text() -> None:
    assert MIN_TARGET_DP == 48.0
    assert target_height_dp(font_size_sp("button")) == 48.0
    at_300 = font_size_sp("button", 3.0)
    assert at_300 == 48.0
    assert target_height_dp(at_300) == 48.0 * 1.5 + 16.0
    assert target_height_dp(16.0, lines=3) > target_height_dp(16.0)
    with pytest.raises(ValueError, match="body"):
        font_size_sp("huge")
