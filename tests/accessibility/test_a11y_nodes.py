"""The saved-tree format: round trip, and bad files refused with where and why."""

import json
from pathlib import Path

import pytest

from accessibility.nodes import (
    TREE_FORMAT,
    Role,
    ScreenTree,
    TreeFormatError,
    load_tree,
    save_tree,
    tree_from_dict,
    tree_to_dict,
)


def test_a_tree_survives_save_and_load(clean_tree: ScreenTree, tmp_path: Path) -> None:
    path = tmp_path / "payment.json"
    save_tree(clean_tree, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == TREE_FORMAT and data["version"] == 1
    assert data["root"]["children"][1]["states"] == ["required"]
    assert load_tree(path) == clean_tree


def test_walk_gives_paths_in_document_order(clean_tree: ScreenTree) -> None:
    paths = [(path, node.id) for path, node in clean_tree.root.walk()]
    assert paths[:3] == [("0", "payment"), ("0/0", "title"), ("0/1", "pinfl")]
    assert clean_tree.root.children[1].interactive
    assert not clean_tree.root.children[0].interactive


@pytest.mark.parametrize(
    ("root", "message"),
    [
        ({"role": "spinner"}, r"root\.role: unknown role 'spinner'"),
        ({"role": "button", "bounds": [0, 0, 48]}, r"root\.bounds: expected a list of 4"),
        ({"role": "button", "states": ["pressed"]}, r"root\.states: unknown state"),
        ({"role": "button", "focus_index": "1"}, r"root\.focus_index"),
        ({"role": "group", "children": [{"role": "button", "name": 5}]},
         r"root\.children\[0\]\.name: expected text"),
        ({"role": "button", "font_size": True}, r"root\.font_size: expected a number"),
    ],
)
def test_bad_nodes_say_where_and_why(root: dict, message: str) -> None:
    with pytest.raises(TreeFormatError, match=message):
        tree_from_dict({"format": TREE_FORMAT, "version": 1, "root": root})


def test_other_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TreeFormatError, match="not an accessibility tree"):
        tree_from_dict({"root": {"role": "screen"}})
    with pytest.raises(TreeFormatError, match="unsupported version"):
        tree_from_dict({"format": TREE_FORMAT, "version": 9, "root": {"role": "screen"}})
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(TreeFormatError, match="invalid JSON at line 1"):
        load_tree(broken)


def test_minimal_tree_defaults() -> None:
    tree = tree_from_dict({"format": TREE_FORMAT, "version": 1, "root": {"role": "screen"}})
    assert tree.root.role is Role.SCREEN
    assert (tree.locale, tree.theme, tree.font) == ("uz_Latn", "default", None)
    assert tree.font_scale == 1.0
    assert tree_to_dict(tree)["root"] == {"role": "screen"}
