"""Screen trees for the accessibility tests (a module of its own, so tests can import it)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from accessibility.nodes import AccessibleNode, Bounds, Role, ScreenTree, State
from accessibility.themes import DEFAULT


def _text(role: Role, node_id: str, text: str, bounds: tuple[float, float, float, float],
          content: tuple[float, float], **extra: object) -> AccessibleNode:
    fields: dict[str, object] = {
        "role": role, "id": node_id, "name": text, "text": text,
        "bounds": Bounds(*bounds), "content_size": content, "font_size": 16.0,
        "foreground": DEFAULT.text,
    }
    fields.update(extra)
    return AccessibleNode(**fields)  # type: ignore[arg-type]


def payment_screen(font: Path) -> ScreenTree:
    """A payment form screen that meets every check in the default theme."""
    children = (
        _text(Role.HEADING, "title", "Toʻlov maʼlumotlari", (16, 16, 328, 40), (250, 36),
              font_size=24.0),
        AccessibleNode(
            role=Role.TEXT_FIELD, id="pinfl", name="JShShIR", placeholder="14 ta raqam",
            bounds=Bounds(16, 72, 328, 56), content_size=(200, 24), font_size=16.0,
            foreground=DEFAULT.text, background=DEFAULT.surface, border=DEFAULT.border,
            placeholder_colour=DEFAULT.placeholder, focus_index=0,
            states=frozenset({State.REQUIRED}),
        ),
        _text(Role.CHECKBOX, "consent", "Roziman", (16, 144, 328, 48), (100, 24),
              focus_index=1, border=DEFAULT.border, states=frozenset({State.UNCHECKED})),
        _text(Role.BUTTON, "back", "Orqaga", (16, 208, 156, 48), (80, 24), focus_index=2,
              border=DEFAULT.border),
        _text(Role.BUTTON, "submit", "Yuborish", (188, 208, 156, 48), (90, 24), focus_index=3,
              foreground=DEFAULT.on_primary, background=DEFAULT.primary),
        AccessibleNode(role=Role.IMAGE, id="emblem", name="Davlat gerbi",
                       bounds=Bounds(16, 272, 64, 64)),
        _text(Role.TEXT, "fee", "Toʻlov: 150\u00a0000 soʻm", (16, 352, 328, 24), (200, 24),
              foreground=DEFAULT.text_secondary),
    )
    root = AccessibleNode(role=Role.SCREEN, id="payment", name="Toʻlov",
                          bounds=Bounds(0, 0, 360, 800), background=DEFAULT.background,
                          children=children)
    return ScreenTree(root=root, screen="payment", locale="uz_Latn", theme="default",
                      font=str(font))



def replace_child(tree: ScreenTree, node_id: str, **changes: object) -> ScreenTree:
    """``tree`` with the root's child ``node_id`` changed (trees are immutable)."""
    children = tuple(
        dataclasses.replace(child, **changes) if child.id == node_id else child  # type: ignore[arg-type]
        for child in tree.root.children
    )
    return dataclasses.replace(tree, root=dataclasses.replace(tree.root, children=children))
