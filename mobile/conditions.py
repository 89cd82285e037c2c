"""``show_if`` conditions of a service definition, evaluated on the phone as the user types.

The same small language as the server's flow engine (``{field, equals}``, ``{field, one_of}``,
``{not}``, ``{all}``, ``{any}``), walked as data, never evaluated as code.  The server decides
in the end (it drops hidden fields' values); the phone only shows and hides fields.
"""

# server/catalogue/conditions.py evaluates the same language; the client cannot import server.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def holds(condition: Any, values: Mapping[str, Any]) -> bool:
    """Whether ``condition`` holds for ``values``; no condition always holds.

    A malformed condition hides nothing (it holds), so a field is never lost to a typo in a
    definition the server has, after all, already accepted.
    """
    if not condition:
        return True
    if not isinstance(condition, Mapping):
        return True
    if "not" in condition:
        return not holds(condition["not"], values)
    if "all" in condition and isinstance(condition["all"], list):
        return all(holds(inner, values) for inner in condition["all"])
    if "any" in condition and isinstance(condition["any"], list):
        return any(holds(inner, values) for inner in condition["any"])
    if "field" in condition:
        actual = values.get(str(condition["field"]))
        if "equals" in condition:
            return _matches(actual, (condition["equals"],))
        if "one_of" in condition and isinstance(condition["one_of"], list):
            return _matches(actual, tuple(condition["one_of"]))
    return True


def _matches(actual: Any, expected: tuple[Any, ...]) -> bool:
    if actual is None or actual == "":
        return False
    if isinstance(actual, list):
        return any(_same(item, wanted) for item in actual for wanted in expected)
    return any(_same(actual, wanted) for wanted in expected)


def _same(actual: Any, wanted: Any) -> bool:
    # A yes/no answer never equals a number (True == 1 in Python).
    if isinstance(actual, bool) or isinstance(wanted, bool):
        return actual is wanted
    return bool(actual == wanted) or str(actual) == str(wanted)
