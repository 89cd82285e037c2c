"""Type scale and target size as data the client reads.

Text sizes are in sp and follow the user's scale from 100 % to 300 % (WCAG 1.4.4 asks for
200 %; low-vision users on phones routinely need more).  Touch targets are at least 48 dp
(Android's figure, above WCAG 2.5.8's 24 and AAA's 44), and a target grows with its text so
that large type never overflows its button.
"""

from __future__ import annotations

import math
from typing import Final

#: The scale steps the settings screen offers, as factors of the base size.
SCALE_STEPS: Final[tuple[float, ...]] = (1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)

#: Smallest and largest scale the client accepts (system scales are clamped to these).
MIN_SCALE: Final[float] = SCALE_STEPS[0]
MAX_SCALE: Final[float] = SCALE_STEPS[-1]

#: Least width and height of anything that can be touched, focused or activated, in dp.
MIN_TARGET_DP: Final[float] = 48.0

#: Padding above and below a control's text, in dp (so a target grows with its text).
TARGET_PADDING_DP: Final[float] = 8.0

#: Line height as a multiple of the font size (WCAG 1.4.12 asks that 1.5 does not break).
LINE_HEIGHT: Final[float] = 1.5

#: Base sizes in sp of each text style at 100 %.
BASE_SIZES_SP: Final[dict[str, float]] = {
    "caption": 14.0,
    "body": 16.0,
    "button": 16.0,
    "title": 20.0,
    "heading": 24.0,
}


def clamp_scale(scale: float) -> float:
    """A system or user font scale limited to what the layouts are built for."""
    if math.isnan(scale):
        return MIN_SCALE
    return min(MAX_SCALE, max(MIN_SCALE, scale))


def nearest_step(scale: float) -> float:
    """The offered step closest to ``scale`` (for showing the current choice)."""
    clamped = clamp_scale(scale)
    return min(SCALE_STEPS, key=lambda step: abs(step - clamped))


def font_size_sp(style: str, scale: float = 1.0) -> float:
    """The size in sp of a text ``style`` at ``scale``; ValueError for unknown styles."""
    try:
        base = BASE_SIZES_SP[style]
    except KeyError:
        raise ValueError(
            f"unknown text style {style!r}; expected one of {sorted(BASE_SIZES_SP)}"
        ) from None
    return base * clamp_scale(scale)


def target_height_dp(font_size: float, lines: int = 1) -> float:
    """The height a control needs for ``lines`` of text of ``font_size`` (never under 48)."""
    text_height = font_size * LINE_HEIGHT * max(1, lines)
    return max(MIN_TARGET_DP, text_height + 2 * TARGET_PADDING_DP)
