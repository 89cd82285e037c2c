"""Helpers shared by the languages tests (fixtures live in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

#: ``edit(locale, domain, old, new)`` replaces one exact, unique piece of a catalog copy.
Editor = Callable[[str, str, str, str], Path]


def line_of(path: Path, needle: str) -> int:
    """1-based number of the line holding ``needle`` (the msgid line of an entry)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found in {path}")
