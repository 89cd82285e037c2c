"""Fixtures for the languages tests: a copy of the real catalogs to break on purpose.

``mini_repo`` copies the ``common`` domain (its sources ``locales/*.py``, mapping, template and
the four catalogs) into a temporary repository, so a test can edit a catalog or a source file
and run the real ``check``/``update``/``transliterate`` on it without touching the tree.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from locales import LOCALES_DIR, SUPPORTED_LOCALES
from locales.catalogs import clear_cache
from locales.extraction import Layout
from tests.locales.helpers import Editor


@pytest.fixture(autouse=True)
def _fresh_catalog_cache() -> None:
    # Rendering of findings and formats reads the compiled catalogs through an lru_cache.
    clear_cache()


@pytest.fixture
def mini_repo(tmp_path: Path) -> Layout:
    locales_dir = tmp_path / "locales"
    shutil.copytree(
        LOCALES_DIR,
        locales_dir,
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "*.po", "*.pot", "*.cfg"),
    )
    (locales_dir / "mapping").mkdir(exist_ok=True)
    (locales_dir / "templates").mkdir(exist_ok=True)
    shutil.copy(LOCALES_DIR / "mapping" / "common.cfg", locales_dir / "mapping")
    shutil.copy(LOCALES_DIR / "templates" / "common.pot", locales_dir / "templates")
    for locale in SUPPORTED_LOCALES:
        target = locales_dir / locale / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(LOCALES_DIR / locale / "LC_MESSAGES" / "common.po", target)
    return Layout(locales_dir=locales_dir, repo_root=tmp_path)


@pytest.fixture
def edit_catalog(mini_repo: Layout) -> Editor:
    """``edit_catalog(locale, domain, old, new)``: replace one exact, unique piece of text."""

    def edit(locale: str, domain: str, old: str, new: str) -> Path:
        path = mini_repo.catalog(locale, domain)
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur exactly once in {path}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return path

    return edit
