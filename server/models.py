"""Every model, imported so that ``Base.metadata`` is complete (Alembic and schema tests).

Models live in ``server/<domain>/models.py``; each such module that defines SQLAlchemy
models is imported here, found by walking the packages, so a new domain needs no edit here.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import server.demo  # noqa: F401  (the foundation's own table: demo_seed_runs)
from server.db import Base

_SERVER_DIR = Path(__file__).resolve().parent


def import_all_models() -> None:
    for module in pkgutil.iter_modules([str(_SERVER_DIR)]):
        if module.ispkg and (_SERVER_DIR / module.name / "models.py").exists():
            importlib.import_module(f"server.{module.name}.models")


import_all_models()

__all__ = ["Base", "import_all_models"]
