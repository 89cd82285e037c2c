"""Where the catalogs live and how templates are extracted (shared by tools and checks).

Each domain has a mapping file ``locales/mapping/<d>.cfg`` (which source files feed it), a
template ``locales/templates/<d>.pot`` and one catalog per locale
``locales/<locale>/LC_MESSAGES/<d>.po``.  Extraction always runs from the repository root, so
the source references in the catalogs read ``server/api.py:12`` on every machine.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from locales import LOCALES_DIR
from locales.catalogs import po_path

#: The repository root: extraction reads sources relative to it.
REPO_ROOT: Final[Path] = LOCALES_DIR.parent

#: Babel's default keywords plus our markers: ``N_`` (kept for later) and ``_n`` (plural).
KEYWORDS: Final[dict[str, object]] = {**DEFAULT_KEYWORDS, "N_": None, "_n": (1, 2)}
COMMENT_TAGS: Final[tuple[str, ...]] = ("translators:",)

#: Our own extraction methods, resolved here so that no package install is needed.
_LOCAL_EXTRACTORS: Final[dict[str, str]] = {"xizmat_yaml": "locales.extract:extract_yaml"}


@dataclass(frozen=True)
class Layout:
    """Where the catalogs and the sources are (the real tree, or a copy in a test)."""

    locales_dir: Path = LOCALES_DIR
    repo_root: Path = REPO_ROOT

    def mapping(self, domain: str) -> Path:
        return self.locales_dir / "mapping" / f"{domain}.cfg"

    def template(self, domain: str) -> Path:
        return self.locales_dir / "templates" / f"{domain}.pot"

    def catalog(self, locale: str, domain: str) -> Path:
        return po_path(locale, domain, self.locales_dir)

    def domains(self) -> list[str]:
        """Every domain that has a mapping file, sorted."""
        return sorted(path.stem for path in (self.locales_dir / "mapping").glob("*.cfg"))


#: The real tree: the catalogs under ``locales/``, the sources under the repository root.
REPO_LAYOUT: Final[Layout] = Layout()


def chosen_domains(domains: Iterable[str] | None, layout: Layout) -> list[str]:
    known = layout.domains()
    if domains is None:
        return known
    chosen = list(domains)
    unknown = [domain for domain in chosen if domain not in known]
    if unknown:
        raise ValueError(f"unknown domain(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return chosen


def render_po(catalog: Catalog, *, sort_by_file: bool = False) -> bytes:
    """A catalog as .po bytes, unwrapped (``--no-wrap``), the way every tool here writes it."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_by_file=sort_by_file)
    return buffer.getvalue()


def build_template(domain: str, layout: Layout = REPO_LAYOUT) -> Catalog:
    """Extract ``domain``'s messages from the sources in memory (as ``pybabel extract``)."""
    with layout.mapping(domain).open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(layout.mapping(domain)))
    method_map = [(pattern, _LOCAL_EXTRACTORS.get(m, m)) for pattern, m in method_map]
    template = Catalog(
        project="Xizmat",
        version="0.1.0",
        msgid_bugs_address="translators@xizmat.example",
        copyright_holder="Xizmat contributors",
        charset="utf-8",
    )
    extracted = extract_from_dir(
        str(layout.repo_root),
        method_map,
        options_map,
        keywords=KEYWORDS,  # type: ignore[arg-type]
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=False,
    )
    for filename, lineno, message, comments, context in extracted:
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def _messages(catalog: Catalog, *, with_locations: bool) -> bytes:
    """The messages of a catalog as .po text without its header, for comparison.

    Without locations the messages are sorted by text, since their order in a template
    follows source line numbers.
    """
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=True, sort_by_file=with_locations,
             sort_output=not with_locations, no_location=not with_locations)
    return buffer.getvalue()


def template_is_current(
    domain: str, layout: Layout = REPO_LAYOUT, *, ignore_locations: bool = False
) -> bool:
    """True when the template holds exactly what a fresh extraction finds.

    The header is not compared (its dates and project fields say nothing about the texts).
    With ``ignore_locations`` the ``#:`` source references are ignored too: a text moved to
    another line is not a change translators need to act on; a changed or new text is.
    """
    path = layout.template(domain)
    fresh = build_template(domain, layout)
    if not path.exists():
        return len(fresh) == 0  # nothing to translate, no template needed
    with path.open("rb") as handle:
        stored = read_po(handle)
    return _messages(fresh, with_locations=not ignore_locations) == _messages(
        stored, with_locations=not ignore_locations
    )
