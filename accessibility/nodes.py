"""The accessible node: one widget described the way a screen reader needs it.

The client keeps this description beside each widget and exports the whole screen as a
tree (JSON, see the package docstring) so that announcements, the audit and, later, a
native accessibility bridge all read the same data.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Final

#: The ``format`` value of an exported tree, and the version this code reads and writes.
TREE_FORMAT: Final[str] = "xizmat-accessibility-tree"
TREE_VERSION: Final[int] = 1


class Role(StrEnum):
    """What a node is, as a screen reader names it."""

    BUTTON = "button"
    LINK = "link"
    TEXT_FIELD = "text_field"
    CHECKBOX = "checkbox"
    RADIO = "radio"
    SWITCH = "switch"
    COMBO_BOX = "combo_box"
    SLIDER = "slider"
    TAB = "tab"
    HEADING = "heading"
    TEXT = "text"
    IMAGE = "image"
    LIST = "list"
    LIST_ITEM = "list_item"
    DIALOG = "dialog"
    ALERT = "alert"
    PROGRESS = "progress"
    SCREEN = "screen"
    GROUP = "group"


#: Roles a person can focus and act on: they need a name and a 48 dp target.
INTERACTIVE_ROLES: Final[frozenset[Role]] = frozenset(
    {
        Role.BUTTON,
        Role.LINK,
        Role.TEXT_FIELD,
        Role.CHECKBOX,
        Role.RADIO,
        Role.SWITCH,
        Role.COMBO_BOX,
        Role.SLIDER,
        Role.TAB,
    }
)

#: Roles whose meaning is lost without a name, even though they are not interactive.
NAMED_ROLES: Final[frozenset[Role]] = INTERACTIVE_ROLES | {Role.HEADING, Role.IMAGE, Role.DIALOG}


class State(StrEnum):
    """States a node can be in (several at once)."""

    CHECKED = "checked"
    UNCHECKED = "unchecked"
    SELECTED = "selected"
    EXPANDED = "expanded"
    COLLAPSED = "collapsed"
    DISABLED = "disabled"
    REQUIRED = "required"
    BUSY = "busy"
    READ_ONLY = "read_only"


@dataclass(frozen=True, slots=True)
class Bounds:
    """A box in dp, origin at the top left of the screen, y growing downwards."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True, slots=True)
class AccessibleNode:
    """One widget's accessible description.

    ``name`` is what it is called (already in the screen's locale), ``text`` what it shows,
    ``value`` its current content (a field's input, a slider's position), ``error`` the
    validation message a field carries, ``content_size`` the size its laid-out text needs
    (width, height in dp), ``focus_index`` its place in the keyboard order (None: not
    focusable).  Colours are ``#RRGGBB`` (or ``#RRGGBBAA``); a missing background is
    inherited from the nearest ancestor that has one.
    """

    role: Role
    name: str = ""
    id: str = ""
    text: str | None = None
    value: str | None = None
    states: frozenset[State] = frozenset()
    hint: str | None = None
    error: str | None = None
    placeholder: str | None = None
    bounds: Bounds | None = None
    content_size: tuple[float, float] | None = None
    font_size: float | None = None
    bold: bool = False
    foreground: str | None = None
    background: str | None = None
    border: str | None = None
    placeholder_colour: str | None = None
    focus_index: int | None = None
    children: tuple[AccessibleNode, ...] = field(default_factory=tuple)

    @property
    def interactive(self) -> bool:
        return self.role in INTERACTIVE_ROLES

    def walk(self, path: str = "0") -> Iterator[tuple[str, AccessibleNode]]:
        """Every node of the subtree, depth first, with its path (``0/2/1``: child indexes)."""
        yield path, self
        for index, child in enumerate(self.children):
            yield from child.walk(f"{path}/{index}")


@dataclass(frozen=True, slots=True)
class ScreenTree:
    """One exported screen: its root node and what it was rendered with."""

    root: AccessibleNode
    screen: str = ""
    locale: str = "uz_Latn"
    theme: str = "default"
    font: str | None = None
    font_scale: float = 1.0


class TreeFormatError(ValueError):
    """A saved tree that does not follow the format; the message says where and why."""


def _optional_str(data: Mapping[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise TreeFormatError(f"{where}.{key}: expected text, got {type(value).__name__}")


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TreeFormatError(f"{where}: expected a number, got {value!r}")
    return float(value)


def _numbers(data: Mapping[str, Any], key: str, count: int, where: str) -> list[float] | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != count:
        raise TreeFormatError(f"{where}.{key}: expected a list of {count} numbers")
    return [_number(item, f"{where}.{key}") for item in value]


def node_from_dict(data: Any, where: str = "root") -> AccessibleNode:
    """Build a node (and its subtree) from its JSON form; TreeFormatError on bad data."""
    if not isinstance(data, dict):
        raise TreeFormatError(f"{where}: expected an object")
    try:
        role = Role(str(data.get("role")))
    except ValueError:
        raise TreeFormatError(f"{where}.role: unknown role {data.get('role')!r}") from None
    try:
        states = frozenset(State(item) for item in data.get("states", []))
    except (ValueError, TypeError):
        raise TreeFormatError(f"{where}.states: unknown state in {data.get('states')!r}") from None
    bounds = _numbers(data, "bounds", 4, where)
    content = _numbers(data, "content_size", 2, where)
    focus_index = data.get("focus_index")
    whole = isinstance(focus_index, int) and not isinstance(focus_index, bool)
    if focus_index is not None and not whole:
        raise TreeFormatError(f"{where}.focus_index: expected a whole number")
    children_data = data.get("children", [])
    if not isinstance(children_data, list):
        raise TreeFormatError(f"{where}.children: expected a list")
    font_size = data.get("font_size")
    return AccessibleNode(
        role=role,
        name=_optional_str(data, "name", where) or "",
        id=_optional_str(data, "id", where) or "",
        text=_optional_str(data, "text", where),
        value=_optional_str(data, "value", where),
        states=states,
        hint=_optional_str(data, "hint", where),
        error=_optional_str(data, "error", where),
        placeholder=_optional_str(data, "placeholder", where),
        bounds=Bounds(*bounds) if bounds else None,
        content_size=(content[0], content[1]) if content else None,
        font_size=None if font_size is None else _number(font_size, f"{where}.font_size"),
        bold=bool(data.get("bold", False)),
        foreground=_optional_str(data, "foreground", where),
        background=_optional_str(data, "background", where),
        border=_optional_str(data, "border", where),
        placeholder_colour=_optional_str(data, "placeholder_colour", where),
        focus_index=focus_index,
        children=tuple(
            node_from_dict(child, f"{where}.children[{index}]")
            for index, child in enumerate(children_data)
        ),
    )


def node_to_dict(node: AccessibleNode) -> dict[str, Any]:
    """The JSON form of a node; empty and default fields are left out."""
    data: dict[str, Any] = {"role": node.role.value}
    for key in ("id", "name", "text", "value", "hint", "error", "placeholder", "foreground",
                "background", "border", "placeholder_colour", "font_size", "focus_index"):
        value = getattr(node, key)
        if value not in (None, ""):
            data[key] = value
    if node.states:
        data["states"] = sorted(state.value for state in node.states)
    if node.bounds is not None:
        b = node.bounds
        data["bounds"] = [b.x, b.y, b.width, b.height]
    if node.content_size is not None:
        data["content_size"] = list(node.content_size)
    if node.bold:
        data["bold"] = True
    if node.children:
        data["children"] = [node_to_dict(child) for child in node.children]
    return data


def tree_from_dict(data: Any) -> ScreenTree:
    """A :class:`ScreenTree` from the exported JSON object; TreeFormatError on bad data."""
    if not isinstance(data, dict) or data.get("format") != TREE_FORMAT:
        raise TreeFormatError(f"not an accessibility tree: expected format {TREE_FORMAT!r}")
    if data.get("version") != TREE_VERSION:
        raise TreeFormatError(f"unsupported version {data.get('version')!r}; expected 1")
    scale = data.get("font_scale", 1.0)
    return ScreenTree(
        root=node_from_dict(data.get("root")),
        screen=str(data.get("screen", "")),
        locale=str(data.get("locale", "uz_Latn")),
        theme=str(data.get("theme", "default")),
        font=_optional_str(data, "font", "tree"),
        font_scale=_number(scale, "font_scale"),
    )


def tree_to_dict(tree: ScreenTree) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": TREE_FORMAT,
        "version": TREE_VERSION,
        "screen": tree.screen,
        "locale": tree.locale,
        "theme": tree.theme,
        "font_scale": tree.font_scale,
        "root": node_to_dict(tree.root),
    }
    if tree.font is not None:
        data["font"] = tree.font
    return data


def load_tree(path: Path) -> ScreenTree:
    """Read a saved tree; OSError, or TreeFormatError for invalid JSON or structure."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise TreeFormatError(f"invalid JSON at line {error.lineno}: {error.msg}") from None
    return tree_from_dict(data)


def save_tree(tree: ScreenTree, path: Path) -> None:
    path.write_text(json.dumps(tree_to_dict(tree), ensure_ascii=False, indent=1), encoding="utf-8")
