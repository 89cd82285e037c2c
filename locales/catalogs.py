"""Loading the compiled gettext catalogs, one chain of domains per locale.

Every domain keeps its own plural rule: the domains of a chain are joined with gettext
fallbacks rather than merged, so a Russian plural never falls back to ``n != 1`` because
another domain lacked a catalog.  A ``.po`` newer than its ``.mo`` (or with none) is compiled
on first use, so a translator's edit shows after a restart without a separate build step.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from locales import LOCALES_DIR, SUPPORTED_LOCALES

_compile_lock = threading.Lock()


def po_path(locale: str, domain: str, root: Path = LOCALES_DIR) -> Path:
    return root / locale / "LC_MESSAGES" / f"{domain}.po"


def compile_catalog(po_file: Path) -> bytes:
    """The ``.mo`` bytes of one ``.po`` file (fuzzy entries left out, as msgfmt does)."""
    with po_file.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def ensure_compiled(root: Path = LOCALES_DIR) -> list[Path]:
    """Compile every ``.po`` under ``root`` whose ``.mo`` is missing or older; return them.

    Run once before server workers start (``make`` does it too), so that workers only read.
    """
    written: list[Path] = []
    with _compile_lock:
        for po_file in sorted(root.glob("*/LC_MESSAGES/*.po")):
            mo_file = po_file.with_suffix(".mo")
            if mo_file.exists() and mo_file.stat().st_mtime >= po_file.stat().st_mtime:
                continue
            mo_file.write_bytes(compile_catalog(po_file))
            written.append(mo_file)
    return written


def _load_domain(locale: str, domain: str, root: Path) -> Translations | None:
    po_file = po_path(locale, domain, root)
    if not po_file.exists():
        return None
    mo_file = po_file.with_suffix(".mo")
    if mo_file.exists() and mo_file.stat().st_mtime >= po_file.stat().st_mtime:
        data = mo_file.read_bytes()
    else:
        data = compile_catalog(po_file)
    # Babel's Translations is a GNUTranslations that also offers the u*gettext names
    # flask-babel calls, so the same chain serves both.
    return Translations(io.BytesIO(data), domain=domain)


@lru_cache(maxsize=256)
def translations(
    locale: str, domains: Sequence[str], root: Path = LOCALES_DIR
) -> NullTranslations:
    """The catalogs of ``domains`` for ``locale``, searched in the order given.

    ``domains`` must be hashable (a tuple).  A message missing from every domain comes back
    as its English source text.  Unknown locales raise ``ValueError``: negotiate first.
    """
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(f"unsupported locale {locale!r}; expected one of {SUPPORTED_LOCALES}")
    chain: NullTranslations = NullTranslations()
    head: NullTranslations | None = None
    for domain in domains:
        loaded = _load_domain(locale, domain, root)
        if loaded is None:
            continue
        if head is None:
            head = chain = loaded
        else:
            chain.add_fallback(loaded)
            chain = loaded
    return head if head is not None else NullTranslations()


def clear_cache() -> None:
    """Forget loaded catalogs (after a recompile in a running process, e.g. in tests)."""
    translations.cache_clear()
