"""How complete each locale's translation is, across every gettext domain.

``pybabel compile --statistics`` counts a plural entry with an empty form as translated and
cannot see messages a ``.po`` lacks because it was never updated.  Here the template
(``locales/templates/<domain>.pot``) says which messages exist; a message counts as
translated only when the locale's ``.po`` has it, it is not fuzzy, and every plural form the
locale needs is filled in.  Fuzzy entries count as untranslated (gettext does not use them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from locales import LOCALES_DIR, SUPPORTED_LOCALES

MessageKey = tuple[str, str | None]  # (msgid, msgctxt)


@dataclass(frozen=True)
class DomainStats:
    """Counts for one domain in one locale."""

    domain: str
    total: int
    translated: int
    fuzzy: int

    @property
    def untranslated(self) -> int:
        return self.total - self.translated


@dataclass(frozen=True)
class LocaleStats:
    """Counts for one locale summed over all domains, with the per-domain breakdown."""

    locale: str
    domains: dict[str, DomainStats] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(stats.total for stats in self.domains.values())

    @property
    def translated(self) -> int:
        return sum(stats.translated for stats in self.domains.values())

    @property
    def fuzzy(self) -> int:
        return sum(stats.fuzzy for stats in self.domains.values())

    @property
    def untranslated(self) -> int:
        return self.total - self.translated

    @property
    def ratio(self) -> float:
        """Translated share in 0..1; an empty set of messages counts as complete."""
        return self.translated / self.total if self.total else 1.0

    @property
    def percent(self) -> float:
        """Translated share in percent, rounded down to one decimal (100.0 only when all)."""
        return int(self.ratio * 1000) / 10


def message_key(message: Message) -> MessageKey:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return (str(msgid), message.context)


def is_translated(message: Message, num_plurals: int) -> bool:
    """Whether gettext would use this entry: not fuzzy and every needed form filled in."""
    if message.fuzzy:
        return False
    if isinstance(message.id, (list, tuple)):
        forms = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        filled = [form for form in forms if form]
        return len(filled) >= num_plurals
    return bool(message.string)


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def domains_in(root: Path = LOCALES_DIR) -> list[str]:
    """Every domain that has a template or a catalog in some locale, sorted."""
    names = {path.stem for path in (root / "templates").glob("*.pot")}
    names.update(path.stem for path in root.glob("*/LC_MESSAGES/*.po"))
    return sorted(names)


@dataclass(frozen=True)
class _CatalogSummary:
    keys: frozenset[MessageKey]
    translated: frozenset[MessageKey]
    fuzzy: frozenset[MessageKey]


@lru_cache(maxsize=256)
def _summarize(path: Path, _mtime_ns: int, _size: int) -> _CatalogSummary:
    # Keyed by modification time and size, so an edited catalog is read again and an
    # unchanged one (the common case: every app start in tests) costs a stat() call.
    catalog = read_catalog(path)
    num_plurals = catalog.num_plurals
    keys: set[MessageKey] = set()
    translated: set[MessageKey] = set()
    fuzzy: set[MessageKey] = set()
    for message in catalog:
        if not message.id:
            continue
        key = message_key(message)
        keys.add(key)
        if message.fuzzy:
            fuzzy.add(key)
        elif is_translated(message, num_plurals):
            translated.add(key)
    return _CatalogSummary(frozenset(keys), frozenset(translated), frozenset(fuzzy))


def summarize(path: Path) -> _CatalogSummary | None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return _summarize(path, status.st_mtime_ns, status.st_size)


def domain_stats(domain: str, locale: str, root: Path = LOCALES_DIR) -> DomainStats:
    """Counts for one domain in one locale (the template decides which messages exist)."""
    template = summarize(root / "templates" / f"{domain}.pot")
    catalog = summarize(root / locale / "LC_MESSAGES" / f"{domain}.po")
    if template is not None:
        expected = template.keys
    elif catalog is not None:
        expected = catalog.keys
    else:
        expected = frozenset()
    if catalog is None:
        return DomainStats(domain=domain, total=len(expected), translated=0, fuzzy=0)
    return DomainStats(
        domain=domain,
        total=len(expected),
        translated=len(catalog.translated & expected),
        fuzzy=len(catalog.fuzzy & expected),
    )


def locale_stats(
    locale: str, root: Path = LOCALES_DIR, domains: Iterable[str] | None = None
) -> LocaleStats:
    chosen = list(domains) if domains is not None else domains_in(root)
    return LocaleStats(
        locale=locale, domains={name: domain_stats(name, locale, root) for name in chosen}
    )


def all_locale_stats(
    root: Path = LOCALES_DIR, domains: Iterable[str] | None = None
) -> dict[str, LocaleStats]:
    """Stats for every supported locale, in :data:`locales.SUPPORTED_LOCALES` order."""
    chosen = list(domains) if domains is not None else domains_in(root)
    return {locale: locale_stats(locale, root, chosen) for locale in SUPPORTED_LOCALES}
