"""The translators' commands as plain functions: extract, update, compile, transliterate.

``flask translate ...`` (server/i18n/cli.py) and ``make translate-*`` call these; tests call
them on a copy of the catalogs.  Each domain has a mapping file ``locales/mapping/<d>.cfg``
(which source files feed it), a template ``locales/templates/<d>.pot`` and one catalog per
locale ``locales/<locale>/LC_MESSAGES/<d>.po``.  Extraction always runs from the repository
root, so the source references in the catalogs read ``server/api.py:12`` on every machine.
``check`` lives in :mod:`locales.checks`, ``stats`` in :mod:`locales.stats`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from locales import LOCALES_DIR, SUPPORTED_LOCALES
from locales.catalogs import compile_catalog, po_path
from locales.uzbek import latin_to_cyrillic

#: The repository root: extraction reads sources relative to it.
REPO_ROOT: Final[Path] = LOCALES_DIR.parent

#: Babel's default keywords plus our markers: ``N_`` (kept for later) and ``_n`` (plural).
KEYWORDS: Final[dict[str, object]] = {**DEFAULT_KEYWORDS, "N_": None, "_n": (1, 2)}
COMMENT_TAGS: Final[tuple[str, ...]] = ("translators:",)

#: Plural-Forms headers exactly as the team brief fixes them.
PLURAL_FORMS: Final[dict[str, str]] = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
}
DEFAULT_PLURAL_FORMS: Final[str] = "nplurals=2; plural=(n != 1);"

#: Our own extraction methods, resolved here so that no package install is needed.
_LOCAL_EXTRACTORS: Final[dict[str, str]] = {"xizmat_yaml": "locales.extract:extract_yaml"}
_CREATION_DATE: Final[re.Pattern[bytes]] = re.compile(rb'^"POT-Creation-Date: .*\\n"\n', re.M)


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


def _chosen(domains: Iterable[str] | None, layout: Layout) -> list[str]:
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


def build_template(domain: str, layout: Layout = Layout()) -> Catalog:
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


def _without_creation_date(data: bytes) -> bytes:
    return _CREATION_DATE.sub(b"", data)


def template_is_current(domain: str, layout: Layout = Layout()) -> bool:
    """True when the template file matches a fresh extraction (creation date ignored)."""
    path = layout.template(domain)
    if not path.exists():
        return len(build_template(domain, layout)) == 0  # nothing to translate, no template
    fresh = render_po(build_template(domain, layout), sort_by_file=True)
    return _without_creation_date(fresh) == _without_creation_date(path.read_bytes())


def extract(domains: Iterable[str] | None = None, layout: Layout = Layout()) -> list[Path]:
    """Re-extract the templates; write (and return) only those whose messages changed."""
    written: list[Path] = []
    for domain in _chosen(domains, layout):
        if template_is_current(domain, layout):
            continue
        path = layout.template(domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render_po(build_template(domain, layout), sort_by_file=True))
        written.append(path)
    return written


def _read(path: Path, locale: str | None = None, domain: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=domain)


def new_catalog(template: Catalog, locale: str) -> Catalog:
    """A fresh, empty catalog of ``locale`` for ``template`` (``pybabel init``)."""
    catalog = _read_bytes(render_po(template), locale)
    catalog.fuzzy = False
    catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS.get(locale, DEFAULT_PLURAL_FORMS))]
    return catalog


def _read_bytes(data: bytes, locale: str) -> Catalog:
    return read_po(io.BytesIO(data), locale=locale)


def updated_catalog(template: Catalog, locale: str, domain: str, layout: Layout) -> Catalog:
    """``locale``'s catalog of ``domain`` merged with ``template`` (new file if none yet)."""
    path = layout.catalog(locale, domain)
    if not path.exists():
        return new_catalog(template, locale)
    catalog = _read(path, locale, domain)
    catalog.update(template, update_creation_date=False)
    return catalog


def update(
    domains: Iterable[str] | None = None,
    locales: Sequence[str] = SUPPORTED_LOCALES,
    layout: Layout = Layout(),
) -> list[Path]:
    """Merge each template into its catalogs (``pybabel update``/``init``); return changed files.

    New messages arrive empty, changed ones fuzzy with the old translation as a suggestion.
    """
    changed: list[Path] = []
    for domain in _chosen(domains, layout):
        if not layout.template(domain).exists():
            continue
        template = _read(layout.template(domain))
        for locale in locales:
            path = layout.catalog(locale, domain)
            data = render_po(updated_catalog(template, locale, domain, layout))
            if path.exists() and _same_messages(path.read_bytes(), data):
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            changed.append(path)
    return changed


def _same_messages(old: bytes, new: bytes) -> bool:
    """Equal apart from the header dates (so an unchanged catalog is not rewritten)."""
    dates = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"\n', re.M)
    return dates.sub(b"", old) == dates.sub(b"", new)


def compile_all(
    domains: Iterable[str] | None = None,
    locales: Sequence[str] = SUPPORTED_LOCALES,
    layout: Layout = Layout(),
) -> list[Path]:
    """Write the ``.mo`` of every existing catalog (fuzzy entries left out); return them."""
    written: list[Path] = []
    for domain in _chosen(domains, layout):
        for locale in locales:
            po_file = layout.catalog(locale, domain)
            if po_file.exists():
                mo_file = po_file.with_suffix(".mo")
                mo_file.write_bytes(compile_catalog(po_file))
                written.append(mo_file)
    return written


@dataclass(frozen=True)
class Drafted:
    """What ``transliterate`` did to one catalog."""

    path: Path
    drafted: int
    kept_reviewed: int


def transliterate(
    domains: Iterable[str] | None = None, layout: Layout = Layout()
) -> list[Drafted]:
    """Draft ``uz_Cyrl`` entries from reviewed ``uz_Latn`` ones, marked fuzzy for review.

    An entry a translator has confirmed (non-empty and not fuzzy) is never touched; an empty
    or still-fuzzy one gets a fresh draft.  Placeholders are carried over untouched.
    """
    results: list[Drafted] = []
    for domain in _chosen(domains, layout):
        latin_path = layout.catalog("uz_Latn", domain)
        if not latin_path.exists() or not layout.template(domain).exists():
            continue
        latin = _read(latin_path, "uz_Latn", domain)
        template = _read(layout.template(domain))
        cyrillic = updated_catalog(template, "uz_Cyrl", domain, layout)
        drafted = kept = 0
        for message in cyrillic:
            if not message.id:
                continue
            source = latin.get(message.id, message.context)
            if source is None or source.fuzzy or not _has_text(source.string):
                continue
            if _has_text(message.string) and not message.fuzzy:
                kept += 1
                continue
            message.string = _transliterated(source.string)
            message.flags.add("fuzzy")
            drafted += 1
        path = layout.catalog("uz_Cyrl", domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render_po(cyrillic))
        results.append(Drafted(path, drafted, kept))
    return results


def _has_text(string: str | tuple[str, ...] | list[str]) -> bool:
    if isinstance(string, str):
        return bool(string)
    return all(string)


def _transliterated(string: str | tuple[str, ...] | list[str]) -> str | tuple[str, ...]:
    if isinstance(string, str):
        return latin_to_cyrillic(string)
    return tuple(latin_to_cyrillic(form) for form in string)
