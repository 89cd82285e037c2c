"""What is wrong with a definition file: the file, the key path and the reason.

These messages are for service authors and operators (the start-up log and
``flask services check``), so they name YAML keys and stay in English like the YAML itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DefinitionProblem:
    file: str
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path or '(top level)'}: {self.reason}"


class CatalogueError(Exception):
    """One or more definition files are broken; the server must not start with them."""

    def __init__(self, problems: Iterable[DefinitionProblem]) -> None:
        self.problems = tuple(problems)
        lines = [str(problem) for problem in self.problems]
        super().__init__(
            f"{len(lines)} problem(s) in the service catalogue:\n  " + "\n  ".join(lines)
        )


class Problems:
    """Collects the problems of one file while a validator walks it."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.found: list[DefinitionProblem] = []

    def add(self, path: str | list[str], reason: str) -> None:
        dotted = path if isinstance(path, str) else ".".join(path)
        self.found.append(DefinitionProblem(self.file, dotted, reason))

    def __bool__(self) -> bool:
        return bool(self.found)
