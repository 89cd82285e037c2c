"""WCAG 2.x relative luminance and contrast ratio.

The formulas are those of WCAG 2.2, "relative luminance" and "contrast ratio" definitions:
each sRGB channel is linearised (``c / 12.92`` at or below 0.03928, otherwise
``((c + 0.055) / 1.055) ** 2.4``), luminance is ``0.2126 R + 0.7152 G + 0.0722 B`` and the
ratio is ``(L1 + 0.05) / (L2 + 0.05)`` with the lighter colour on top.  Colours are written
``#RRGGBB`` (or ``#RGB``); a ``#RRGGBBAA`` foreground is composited over its background
first, as the eye sees it.
"""

from __future__ import annotations

from typing import Final, NamedTuple

#: WCAG's thresholds, kept here so that themes and the audit share one source.
TEXT_AA: Final[float] = 4.5
TEXT_AAA: Final[float] = 7.0
LARGE_TEXT_AA: Final[float] = 3.0
LARGE_TEXT_AAA: Final[float] = 4.5
NON_TEXT: Final[float] = 3.0


class Rgba(NamedTuple):
    """A colour with 8-bit channels and an alpha from 0 (transparent) to 1 (opaque)."""

    red: int
    green: int
    blue: int
    alpha: float = 1.0


def parse_colour(text: str) -> Rgba:
    """``#RGB``, ``#RRGGBB`` or ``#RRGGBBAA`` -> :class:`Rgba`; anything else is ValueError."""
    digits = text.strip().removeprefix("#")
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    if len(digits) not in (6, 8):
        raise ValueError(f"not a colour: {text!r} (expected #RRGGBB)")
    try:
        channels = [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]
    except ValueError:
        raise ValueError(f"not a colour: {text!r} (expected #RRGGBB)") from None
    alpha = channels[3] / 255 if len(channels) == 4 else 1.0
    return Rgba(channels[0], channels[1], channels[2], alpha)


def composite(foreground: Rgba, background: Rgba) -> Rgba:
    """``foreground`` drawn over an opaque ``background`` (simple alpha blending)."""
    a = foreground.alpha

    def mix(top: int, bottom: int) -> int:
        return round(top * a + bottom * (1 - a))

    return Rgba(
        mix(foreground.red, background.red),
        mix(foreground.green, background.green),
        mix(foreground.blue, background.blue),
    )


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: Rgba | str) -> float:
    """WCAG relative luminance, 0 for black to 1 for white."""
    rgba = parse_colour(colour) if isinstance(colour, str) else colour
    return (
        0.2126 * _linear(rgba.red) + 0.7152 * _linear(rgba.green) + 0.0722 * _linear(rgba.blue)
    )


def contrast_ratio(foreground: Rgba | str, background: Rgba | str) -> float:
    """The WCAG contrast ratio of two colours, from 1.0 to 21.0 (order does not matter).

    A translucent foreground is composited over the (opaque) background first.
    """
    fg = parse_colour(foreground) if isinstance(foreground, str) else foreground
    bg = parse_colour(background) if isinstance(background, str) else background
    if fg.alpha < 1.0:
        fg = composite(fg, bg)
    lighter, darker = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_large_text(font_size_sp: float, bold: bool = False) -> bool:
    """WCAG "large scale" text: at least 18 pt (24 CSS px ~ 24 sp), or 14 pt (18.66 sp) bold."""
    return font_size_sp >= 24.0 or (bold and font_size_sp >= 18.66)
