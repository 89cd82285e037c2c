"""Colour themes as data: default, high contrast dark, high contrast light.

Each theme names its colours by the job they do and declares the contrast bounds it
promises (WCAG 1.4.3 for the default, 1.4.6 AAA for the high-contrast themes, 1.4.11 for
borders and the focus ring).  :func:`colour_pairs` lists every foreground/background pair the
client draws, so that tests (and the audit) check each one against the theme's own bound.
The client binds its kv rules to the chosen theme's colours; it never hard-codes one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from accessibility.contrast import (
    LARGE_TEXT_AA,
    LARGE_TEXT_AAA,
    NON_TEXT,
    TEXT_AA,
    TEXT_AAA,
    contrast_ratio,
)


@dataclass(frozen=True, slots=True)
class ContrastBounds:
    """The least contrast a theme promises for each kind of foreground."""

    text: float
    large_text: float
    non_text: float


@dataclass(frozen=True, slots=True)
class Theme:
    """A palette (``#RRGGBB``) and the bounds it is held to.

    ``background`` is the screen, ``surface`` cards and text fields, ``primary`` the filled
    buttons (with ``on_primary`` text on them), ``border`` the outline of controls,
    ``focus`` the focus ring, ``placeholder`` the hint text inside empty fields.
    """

    name: str
    dark: bool
    bounds: ContrastBounds
    background: str
    surface: str
    text: str
    text_secondary: str
    placeholder: str
    primary: str
    on_primary: str
    border: str
    focus: str
    error: str
    link: str


@dataclass(frozen=True, slots=True)
class ColourPair:
    """One foreground drawn on one background, and the least contrast it needs."""

    foreground_role: str
    background_role: str
    foreground: str
    background: str
    minimum: float

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.foreground, self.background)


DEFAULT: Final[Theme] = Theme(
    name="default",
    dark=False,
    bounds=ContrastBounds(text=TEXT_AA, large_text=LARGE_TEXT_AA, non_text=NON_TEXT),
    background="#FFFFFF",
    surface="#F2F4F7",
    text="#1B1B1F",
    text_secondary="#44474E",
    placeholder="#5C5F66",
    primary="#0A58A8",
    on_primary="#FFFFFF",
    border="#6E7179",
    focus="#7B1FA2",
    error="#B3261E",
    link="#0A58A8",
)

HIGH_CONTRAST_DARK: Final[Theme] = Theme(
    name="high_contrast_dark",
    dark=True,
    bounds=ContrastBounds(text=TEXT_AAA, large_text=LARGE_TEXT_AAA, non_text=NON_TEXT),
    background="#000000",
    surface="#141414",
    text="#FFFFFF",
    text_secondary="#E6E6E6",
    placeholder="#C4C4C4",
    primary="#FFD60A",
    on_primary="#000000",
    border="#FFFFFF",
    focus="#00E5FF",
    error="#FF9E99",
    link="#9CC3FF",
)

HIGH_CONTRAST_LIGHT: Final[Theme] = Theme(
    name="high_contrast_light",
    dark=False,
    bounds=ContrastBounds(text=TEXT_AAA, large_text=LARGE_TEXT_AAA, non_text=NON_TEXT),
    background="#FFFFFF",
    surface="#F5F5F5",
    text="#000000",
    text_secondary="#1F1F1F",
    placeholder="#3B3B3B",
    primary="#00266E",
    on_primary="#FFFFFF",
    border="#000000",
    focus="#A30000",
    error="#A30000",
    link="#002A80",
)

#: Every theme by name, in the order the settings screen offers them.
THEMES: Final[dict[str, Theme]] = {
    theme.name: theme for theme in (DEFAULT, HIGH_CONTRAST_DARK, HIGH_CONTRAST_LIGHT)
}

# (foreground role, background roles it is drawn on, which bound applies)
_TEXT_ON = ("background", "surface")
_PAIRS: Final[tuple[tuple[str, tuple[str, ...], str], ...]] = (
    ("text", _TEXT_ON, "text"),
    ("text_secondary", _TEXT_ON, "text"),
    ("placeholder", ("surface", "background"), "text"),
    ("error", _TEXT_ON, "text"),
    ("link", _TEXT_ON, "text"),
    ("on_primary", ("primary",), "text"),
    ("border", _TEXT_ON, "non_text"),
    ("focus", _TEXT_ON, "non_text"),
    # A filled button must stand out from the screen it sits on (its shape is non-text).
    ("primary", _TEXT_ON, "non_text"),
)


def get_theme(name: str) -> Theme:
    """The theme called ``name``; ValueError naming the known themes otherwise."""
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(f"unknown theme {name!r}; expected one of {sorted(THEMES)}") from None


def colour_pairs(theme: Theme) -> list[ColourPair]:
    """Every foreground/background pair the client draws in ``theme``, with its minimum."""
    pairs: list[ColourPair] = []
    for foreground_role, background_roles, bound in _PAIRS:
        minimum = getattr(theme.bounds, bound)
        for background_role in background_roles:
            pairs.append(
                ColourPair(
                    foreground_role,
                    background_role,
                    getattr(theme, foreground_role),
                    getattr(theme, background_role),
                    minimum,
                )
            )
    return pairs


def failing_pairs(theme: Theme) -> list[ColourPair]:
    """The pairs of ``theme`` under their bound (empty for every shipped theme)."""
    return [pair for pair in colour_pairs(theme) if pair.ratio < pair.minimum]
