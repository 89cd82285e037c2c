"""The translators' commands as plain functions: extract, update, compile, check, stats,
transliterate.

``flask translate ...`` (server/i18n/cli.py) and ``make translate-*`` call these; tests call
them on a copy of the catalogs (a :class:`~locales.extraction.Layout` says where things are).
The writing commands keep files byte-for-byte unchanged when nothing changed, so running them
twice gives no diff.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Final

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from locales import SUPPORTED_LOCALES
from locales import stats as locale_stats
from locales.catalogs import compile_catalog
from locales.check_rules import load_allowlist
from locales.checks import Finding, run_checks
from locales.extraction import (
    REPO_LAYOUT,
    Layout,
    build_template,
    chosen_domains,
    render_po,
    template_is_current,
)
from locales.uzbek import latin_to_cyrillic, normalize_apostrophes

__all__ = [
    "Finding", "Layout", "check", "compile_all", "extract", "stats", "stats_lines",
    "transliterate", "update",
]

#: Plural-Forms headers exactly as the team brief fixes them.
PLURAL_FORMS: Final[dict[str, str]] = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
}
DEFAULT_PLURAL_FORMS: Final[str] = "nplurals=2; plural=(n != 1);"



def check(
    domains: Iterable[str] | None = None,
    locales: Sequence[str] = SUPPORTED_LOCALES,
    layout: Layout = REPO_LAYOUT,
) -> list[Finding]:
    """Every problem in the catalogs (see :mod:`locales.checks`); empty when all pass."""
    return run_checks(domains, locales, layout)


def stats(
    domains: Iterable[str] | None = None, layout: Layout = REPO_LAYOUT
) -> dict[str, locale_stats.LocaleStats]:
    """Translated / fuzzy / missing per locale and domain, plural-aware (locales.stats)."""
    chosen = chosen_domains(domains, layout)
    return locale_stats.all_locale_stats(root=layout.locales_dir, domains=chosen)


def stats_lines(domains: Iterable[str] | None = None, layout: Layout = REPO_LAYOUT) -> list[str]:
    """:func:`stats` as a table, one line per locale and domain plus a total per locale."""
    lines = [f"{'locale':<8} {'domain':<14} {'translated':>10} {'fuzzy':>6} "
             f"{'missing':>8} {'total':>6} {'done':>7}"]
    for locale, per_locale in stats(domains, layout).items():
        rows: list[tuple[str, locale_stats.DomainStats | locale_stats.LocaleStats]] = [
            *per_locale.domains.items(), ("(all)", per_locale)
        ]
        for domain, counts in rows:
            missing = counts.total - counts.translated - counts.fuzzy
            done = int(1000 * counts.translated / counts.total) / 10 if counts.total else 100.0
            lines.append(f"{locale:<8} {domain:<14} {counts.translated:>10} {counts.fuzzy:>6} "
                         f"{missing:>8} {counts.total:>6} {done:>6.1f}%")
    return lines


def extract(domains: Iterable[str] | None = None, layout: Layout = REPO_LAYOUT) -> list[Path]:
    """Re-extract the templates; write (and return) only those whose messages changed."""
    written: list[Path] = []
    for domain in chosen_domains(domains, layout):
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
    catalog.last_translator = "Xizmat translators <translators@xizmat.example>"
    catalog.language_team = f"Xizmat {locale} <translators@xizmat.example>"
    catalog.revision_date = datetime.datetime.now(datetime.UTC)
    catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS.get(locale, DEFAULT_PLURAL_FORMS))]
    return catalog


def _read_bytes(data: bytes, locale: str) -> Catalog:
    return read_po(io.BytesIO(data), locale=locale)


def updated_catalog(template: Catalog, locale: str, domain: str, layout: Layout) -> Catalog:
    """``locale``'s catalog of ``domain`` merged with ``template`` (new file if none yet).

    Uzbek Latin translations come out NFC with ʻ/ʼ where ' ` ‘ ’ were typed.
    """
    path = layout.catalog(locale, domain)
    if not path.exists():
        return new_catalog(template, locale)
    catalog = _read(path, locale, domain)
    catalog.update(template, update_creation_date=False)
    if locale == "uz_Latn":
        for message in catalog:
            if message.id and message.string:
                message.string = _mapped(message.string, normalize_apostrophes)
    return catalog


def update(
    domains: Iterable[str] | None = None,
    locales: Sequence[str] = SUPPORTED_LOCALES,
    layout: Layout = REPO_LAYOUT,
) -> list[Path]:
    """Merge each template into its catalogs (``pybabel update``/``init``); return changed files.

    New messages arrive empty, changed ones fuzzy with the old translation as a suggestion.
    """
    changed: list[Path] = []
    for domain in chosen_domains(domains, layout):
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
    layout: Layout = REPO_LAYOUT,
) -> list[Path]:
    """Write the ``.mo`` of every existing catalog (fuzzy entries left out); return them."""
    written: list[Path] = []
    for domain in chosen_domains(domains, layout):
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
    domains: Iterable[str] | None = None, layout: Layout = REPO_LAYOUT
) -> list[Drafted]:
    """Draft ``uz_Cyrl`` entries from reviewed ``uz_Latn`` ones, marked fuzzy for review.

    An entry a translator has confirmed (non-empty and not fuzzy) is never touched; an empty
    or still-fuzzy one gets a fresh draft.  Placeholders are carried over untouched.
    """
    # Terms the allow-list lets Uzbek Cyrillic keep (brand names, key names) stay in Latin.
    to_cyrillic = partial(latin_to_cyrillic, keep=frozenset(allowed_words(layout, "uz_Cyrl")))
    results: list[Drafted] = []
    for domain in chosen_domains(domains, layout):
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
            message.string = _mapped(source.string, to_cyrillic)
            message.flags.add("fuzzy")
            drafted += 1
        path = layout.catalog("uz_Cyrl", domain)
        data = render_po(cyrillic)
        if not path.exists() or not _same_messages(path.read_bytes(), data):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        results.append(Drafted(path, drafted, kept))
    return results


def allowed_words(layout: Layout, locale: str) -> set[str]:
    """What ``locales/allowlist.txt`` lets ``locale`` keep as it is (and every locale, ``*``)."""
    allowlist = load_allowlist(layout.locales_dir / "allowlist.txt")
    return allowlist.get(locale, set()) | allowlist.get("*", set())


def _has_text(string: str | tuple[str, ...] | list[str] | None) -> bool:
    if string is None or isinstance(string, str):
        return bool(string)
    return all(string)


def _mapped(
    string: str | tuple[str, ...] | list[str] | None, convert: Callable[[str], str]
) -> str | tuple[str, ...]:
    if string is None or isinstance(string, str):
        return convert(string or "")
    return tuple(convert(form) for form in string)
