"""WCAG relative luminance and contrast against published reference values."""

import pytest

from accessibility.contrast import (
    Rgba,
    composite,
    contrast_ratio,
    is_large_text,
    parse_colour,
    relative_luminance,
)


@pytest.mark.parametrize(
    ("colour", "luminance"),
    [
        # WCAG 2.x definition: the channel coefficients are the luminance of pure primaries.
        ("#FFFFFF", 1.0),
        ("#000000", 0.0),
        ("#FF0000", 0.2126),
        ("#00FF00", 0.7152),
        ("#0000FF", 0.0722),
        # Mid grey #808080: ((128/255 + 0.055) / 1.055) ** 2.4
        ("#808080", 0.2158605),
    ],
)
def test_relative_luminance_matches_the_definition(colour: str, luminance: float) -> None:
    assert relative_luminance(colour) == pytest.approx(luminance, abs=1e-6)


@pytest.mark.parametrize(
    ("foreground", "background", "ratio"),
    [
        ("#000000", "#FFFFFF", 21.0),  # WCAG: the maximum
        ("#FFFFFF", "#FFFFFF", 1.0),
        ("#767676", "#FFFFFF", 4.54),  # WebAIM: the lightest grey passing AA on white
        ("#777777", "#FFFFFF", 4.48),  # ... and the first that fails
        ("#595959", "#FFFFFF", 7.0),  # WebAIM: the lightest grey passing AAA on white
        ("#0000FF", "#FFFFFF", 8.59),  # WebAIM contrast checker, pure blue on white
        ("#FF0000", "#FFFFFF", 4.0),  # WebAIM: pure red on white, 3.99:1
    ],
)
def test_contrast_matches_published_values(foreground: str, background: str, ratio: float) -> None:
    assert contrast_ratio(foreground, background) == pytest.approx(ratio, abs=0.01)
    # Order does not matter.
    assert contrast_ratio(background, foreground) == pytest.approx(ratio, abs=0.01)


def test_short_and_translucent_colours() -> None:
    assert parse_colour("#fff") == Rgba(255, 255, 255, 1.0)
    half_black = parse_colour("#00000080")
    assert half_black.alpha == pytest.approx(128 / 255)
    blended = composite(half_black, parse_colour("#FFFFFF"))
    assert blended == Rgba(127, 127, 127)
    assert contrast_ratio("#00000080", "#FFFFFF") == pytest.approx(
        contrast_ratio(blended, "#FFFFFF")
    )


@pytest.mark.parametrize("bad", ["", "#12", "#GGGGGG", "red", "#1234567"])
def test_bad_colours_are_refused_with_the_value(bad: str) -> None:
    with pytest.raises(ValueError, match="not a colour"):
        parse_colour(bad)


def test_large_text_thresholds() -> None:
    assert is_large_text(24)
    assert not is_large_text(23.9)
    assert is_large_text(18.66, bold=True)
    assert not is_large_text(18.66)
