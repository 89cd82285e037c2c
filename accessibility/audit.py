"""An audit of one screen's accessible node tree, in the spirit of Flutter's
``meetsGuideline`` and Google's Accessibility Test Framework.

It reports missing names, targets under 48 dp, contrast under the theme's bound (text,
placeholder, control borders), text clipped by or overflowing its box, focus order that jumps
backwards on the page, and characters the chosen font has no glyph for.  A clean tree gives
no findings; every finding says where (the node's id and its path of child indexes) and why,
in any of the four locales.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from fontTools.ttLib import TTFont, TTLibError

from accessibility.announcements import ROLE_NAMES
from accessibility.contrast import contrast_ratio, is_large_text
from accessibility.nodes import NAMED_ROLES, AccessibleNode, ScreenTree, State
from accessibility.themes import Theme, get_theme
from accessibility.typescale import MIN_TARGET_DP
from locales.catalogs import translations
from locales.markers import N_

#: Sizes within this many dp count as equal (layouts round to fractions of a pixel).
_TOLERANCE_DP: Final[float] = 0.5

MESSAGES: Final[dict[str, str]] = {
    "missing_name": N_("no accessible name: a screen reader would only say “%(role)s”"),
    "small_target": N_(
        "target is %(width)s × %(height)s dp; it needs at least %(minimum)s × %(minimum)s dp"
    ),
    "low_contrast_text": N_(
        "text contrast is %(ratio)s:1 (%(foreground)s on %(background)s); "
        "the theme requires %(minimum)s:1"
    ),
    "low_contrast_placeholder": N_(
        "placeholder contrast is %(ratio)s:1 (%(foreground)s on %(background)s); "
        "the theme requires %(minimum)s:1"
    ),
    "low_contrast_border": N_(
        "border contrast is %(ratio)s:1 (%(foreground)s on %(background)s); "
        "the theme requires %(minimum)s:1"
    ),
    "text_clipped": N_(
        "text needs %(needed_width)s × %(needed_height)s dp but its box is "
        "%(width)s × %(height)s dp, so part of it is cut off"
    ),
    "overflows_container": N_(
        "box spans %(left)s to %(right)s dp, outside its container (%(container_left)s to "
        "%(container_right)s dp): it would need horizontal scrolling"
    ),
    "focus_backwards": N_(
        "focus jumps backwards up the page, from “%(previous)s” (order %(previous_index)s) "
        "to here (order %(index)s)"
    ),
    "missing_glyphs": N_("the font %(font)s has no glyph for %(characters)s"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: its code, the node (id and path of child indexes), and why."""

    code: str
    path: str
    node_id: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, locale: str = "en") -> str:
        """Why, in ``locale`` (numbers with the locale's decimal separator)."""
        catalog = translations(locale, ("accessibility",))
        # translators: the decimal separator of numbers in audit reports (comma or point).
        separator = str(catalog.pgettext("decimal separator", "."))
        params = {key: _format(value, separator) for key, value in self.params.items()}
        if "role" in params:
            params["role"] = catalog.gettext(ROLE_NAMES.get(params["role"], params["role"]))
        return catalog.gettext(MESSAGES[self.code]) % params

    def describe(self, locale: str = "en") -> str:
        where = f"{self.node_id} ({self.path})" if self.node_id else self.path
        return f"{where}: {self.code}: {self.message(locale)}"


def _format(value: Any, decimal_separator: str) -> Any:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", decimal_separator)
    return value


@lru_cache(maxsize=16)
def font_characters(font_path: str) -> frozenset[int]:
    """The code points ``font_path`` has glyphs for (its best Unicode cmap).

    OSError when the file cannot be read, ValueError when it is not a font.
    """
    try:
        with TTFont(font_path, lazy=True) as font:
            return frozenset(font.getBestCmap() or {})
    except TTLibError as error:
        raise ValueError(f"{font_path} is not a usable font: {error}") from None


@dataclass(frozen=True, slots=True)
class _Visit:
    path: str
    node: AccessibleNode
    parent: AccessibleNode | None
    background: str
    parent_background: str


def _visits(tree: ScreenTree, theme: Theme) -> Iterator[_Visit]:
    stack: list[tuple[str, AccessibleNode, AccessibleNode | None, str]] = [
        ("0", tree.root, None, theme.background)
    ]
    while stack:
        path, node, parent, inherited = stack.pop()
        background = node.background or inherited
        yield _Visit(path, node, parent, background, inherited)
        for index in range(len(node.children) - 1, -1, -1):
            stack.append((f"{path}/{index}", node.children[index], node, background))


def audit_tree(
    tree: ScreenTree, theme: Theme | None = None, font_path: str | Path | None = None
) -> list[Finding]:
    """Every finding in ``tree``, in document order (theme and font default to the tree's)."""
    theme = theme or get_theme(tree.theme)
    font = font_path if font_path is not None else tree.font
    glyphs = font_characters(str(font)) if font else None
    findings: list[Finding] = []
    for visit in _visits(tree, theme):
        findings += _check_name(visit)
        findings += _check_target(visit)
        findings += _check_contrast(visit, theme)
        findings += _check_layout(visit)
        if glyphs is not None:
            findings += _check_glyphs(visit, glyphs, Path(str(font)).name)
    findings += _check_focus_order(tree)
    return findings


def _finding(visit: _Visit, code: str, **params: Any) -> Finding:
    return Finding(code, visit.path, visit.node.id, params)


def _check_name(visit: _Visit) -> list[Finding]:
    node = visit.node
    if node.role in NAMED_ROLES and not node.name.strip():
        return [_finding(visit, "missing_name", role=node.role)]
    return []


def _check_target(visit: _Visit) -> list[Finding]:
    node, bounds = visit.node, visit.node.bounds
    if not node.interactive or State.DISABLED in node.states or bounds is None:
        return []
    if min(bounds.width, bounds.height) + _TOLERANCE_DP < MIN_TARGET_DP:
        return [_finding(visit, "small_target", width=bounds.width, height=bounds.height,
                         minimum=MIN_TARGET_DP)]
    return []


def _check_contrast(visit: _Visit, theme: Theme) -> list[Finding]:
    node = visit.node
    # WCAG exempts inactive controls from contrast requirements.
    if State.DISABLED in node.states:
        return []
    findings: list[Finding] = []
    text_bound = (
        theme.bounds.large_text
        if is_large_text(node.font_size or 0.0, node.bold)
        else theme.bounds.text
    )
    checks = []
    if node.foreground and (node.text or node.value):
        checks.append(("low_contrast_text", node.foreground, visit.background, text_bound))
    if node.placeholder and node.placeholder_colour and not node.value:
        checks.append(("low_contrast_placeholder", node.placeholder_colour, visit.background,
                       theme.bounds.text))
    if node.border:
        # A border separates the control from what it sits on: the parent's background.
        checks.append(("low_contrast_border", node.border, visit.parent_background,
                       theme.bounds.non_text))
    for code, foreground, background, minimum in checks:
        ratio = contrast_ratio(foreground, background)
        if ratio < minimum:
            findings.append(_finding(visit, code, ratio=ratio, foreground=foreground,
                                     background=background, minimum=minimum))
    return findings


def _check_layout(visit: _Visit) -> list[Finding]:
    node, bounds = visit.node, visit.node.bounds
    if bounds is None:
        return []
    findings: list[Finding] = []
    if node.content_size is not None:
        needed_width, needed_height = node.content_size
        if (needed_width > bounds.width + _TOLERANCE_DP
                or needed_height > bounds.height + _TOLERANCE_DP):
            findings.append(_finding(visit, "text_clipped", needed_width=needed_width,
                                     needed_height=needed_height, width=bounds.width,
                                     height=bounds.height))
    container = visit.parent.bounds if visit.parent is not None else None
    if container is not None and (
        bounds.x < container.x - _TOLERANCE_DP or bounds.right > container.right + _TOLERANCE_DP
    ):
        findings.append(_finding(visit, "overflows_container", left=bounds.x, right=bounds.right,
                                 container_left=container.x, container_right=container.right))
    return findings


def _check_glyphs(visit: _Visit, glyphs: frozenset[int], font_name: str) -> list[Finding]:
    node = visit.node
    shown = "".join(part for part in (node.text, node.value, node.placeholder) if part)
    missing = sorted({ch for ch in shown if ord(ch) not in glyphs and ch not in "\n\r\t"})
    if not missing:
        return []
    characters = ", ".join(f"U+{ord(ch):04X} {ch}" for ch in missing)
    return [_finding(visit, "missing_glyphs", font=font_name, characters=characters)]


def _check_focus_order(tree: ScreenTree) -> list[Finding]:
    focusable = [
        (path, node)
        for path, node in tree.root.walk()
        if node.focus_index is not None and node.bounds is not None
        and State.DISABLED not in node.states
    ]
    focusable.sort(key=lambda item: item[1].focus_index or 0)
    findings: list[Finding] = []
    for (_, previous), (path, node) in itertools.pairwise(focusable):
        before, after = previous.bounds, node.bounds
        assert before is not None and after is not None  # filtered above
        entirely_above = after.bottom <= before.y + _TOLERANCE_DP
        same_row = after.y < before.bottom and before.y < after.bottom
        left_in_row = same_row and after.right <= before.x + _TOLERANCE_DP
        if entirely_above or left_in_row:
            findings.append(Finding("focus_backwards", path, node.id, {
                "previous": previous.id or previous.name,
                "previous_index": previous.focus_index,
                "index": node.focus_index,
            }))
    return findings
