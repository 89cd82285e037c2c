"""Demo data: seeders registered by each domain, run by ``flask demo seed`` (``make run``).

A domain writes, in ``server/<domain>/demo.py``::

    @demo_seeder("accounts")
    def seed_accounts(session: Session) -> list[str]:
        ...  # add rows with session (do not commit: the runner does)
        return ["citizen  +998901234567 / demo-password"]

Each seeder runs once per database: its lines are stored in ``demo_seed_runs`` and printed
again on later runs, so ``make run`` can seed every time without duplicating rows.  A seeder
that cannot do its work yet (a registry not configured) raises :class:`SeedSkipped` with the
reason: nothing is recorded and it runs again next time.  Seeders run in the order their
names sort; a failing seeder is rolled back and stops the run.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from server.db import Base

Seeder = Callable[[Session], Iterable[str]]

_SEEDERS: dict[str, Seeder] = {}


class SeedSkipped(Exception):  # noqa: N818 - an outcome, not an error
    """Raised by a seeder that has nothing to do yet; its message is printed."""


class DemoSeedRun(Base):
    """A seeder that has run against this database, with the lines it reported."""

    __tablename__ = "demo_seed_runs"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    lines: Mapped[list[str]] = mapped_column(JSON)
    seeded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def demo_seeder(name: str) -> Callable[[Seeder], Seeder]:
    """Register a seeder under ``name``; a second seeder with the same name is an error."""

    def register(seeder: Seeder) -> Seeder:
        existing = _SEEDERS.get(name)
        if existing is not None and existing is not seeder:
            raise ValueError(f"demo seeder {name!r} is already registered by {existing!r}")
        _SEEDERS[name] = seeder
        return seeder

    return register


def registered_seeders() -> dict[str, Seeder]:
    """Every seeder, after importing each ``server/<domain>/demo.py``."""
    discover_seeders()
    return dict(sorted(_SEEDERS.items()))


def discover_seeders() -> None:
    package_dir = Path(__file__).resolve().parent
    for module in pkgutil.iter_modules([str(package_dir)]):
        if module.ispkg and (package_dir / module.name / "demo.py").exists():
            importlib.import_module(f"server.{module.name}.demo")


@dataclass(frozen=True)
class SeedResult:
    name: str
    lines: list[str]
    newly_seeded: bool
    skipped: bool = False


def run_seeders(session: Session, seeders: dict[str, Seeder] | None = None) -> list[SeedResult]:
    """Run each seeder not yet recorded in this database; commit after each one."""
    results: list[SeedResult] = []
    for name, seeder in (seeders if seeders is not None else registered_seeders()).items():
        recorded = session.get(DemoSeedRun, name)
        if recorded is not None:
            results.append(SeedResult(name, list(recorded.lines), newly_seeded=False))
            continue
        try:
            lines = [str(line) for line in seeder(session)]
            session.add(DemoSeedRun(name=name, lines=lines, seeded_at=datetime.now(UTC)))
            session.commit()
        except SeedSkipped as skipped:
            session.rollback()
            results.append(SeedResult(name, [str(skipped)], newly_seeded=False, skipped=True))
            continue
        except Exception:
            session.rollback()
            raise
        results.append(SeedResult(name, lines, newly_seeded=True))
    return results
