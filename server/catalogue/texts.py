"""The texts of definitions, their message contexts, and whether each locale translates them."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import read_mo

from locales import LOCALES_DIR, SUPPORTED_LOCALES
from locales.catalogs import compile_catalog, po_path
from server.catalogue.models import ServiceDefinition, text_context

#: English is the source language: an entry left empty there shows the source text itself.
SOURCE_LOCALE = "en"
TRANSLATED_LOCALES = tuple(locale for locale in SUPPORTED_LOCALES if locale != SOURCE_LOCALE)


def service_texts(definition: ServiceDefinition) -> list[tuple[str, str, str]]:
    """Every (key path, context, English text) of ``definition`` that a person reads or hears."""
    sid = definition.id
    texts: list[tuple[str, ...]] = [("title",), ("summary",), ("legal_basis",), ("result",)]
    entries = [(path, getattr(definition, path[0])) for path in texts]
    if definition.description:
        entries.append((("description",), definition.description))
    entries += [(("requirements", str(i)), text) for i, text in enumerate(definition.requirements)]
    for step in definition.steps:
        base = ("steps", step.id)
        entries.append(((*base, "title"), step.title))
        for field in step.fields:
            fbase = (*base, "fields", field.name)
            entries.append(((*fbase, "label"), field.label))
            if field.hint:
                entries.append(((*fbase, "hint"), field.hint))
            entries += [((*fbase, "spoken", key), text) for key, text in field.spoken.items()]
            entries += [((*fbase, "errors", key), text) for key, text in field.errors.items()]
            entries += [((*fbase, "options", option.value, "label"), option.label)
                        for option in field.options]
    return [(".".join(path), text_context(sid, *path), text) for path, text in entries]


@lru_cache(maxsize=64)
def translated_entries(locale: str, domain: str, root: Path = LOCALES_DIR) -> frozenset[
    tuple[str, str]
]:
    """The (context, source text) pairs that ``locale`` translates in ``domain`` (not fuzzy)."""
    po_file = po_path(locale, domain, root)
    if not po_file.exists():
        return frozenset()
    mo_file = po_file.with_suffix(".mo")
    if mo_file.exists() and mo_file.stat().st_mtime >= po_file.stat().st_mtime:
        data = mo_file.read_bytes()
    else:
        data = compile_catalog(po_file)
    catalog = read_mo(io.BytesIO(data))
    return frozenset(
        (message.context or "", str(message.id))
        for message in catalog
        if message.id and message.string
    )


def missing_translations(
    entries: list[tuple[str, str, str]], domain: str, root: Path = LOCALES_DIR
) -> list[tuple[str, str, str]]:
    """(key path, locale, English text) of each entry some translated locale lacks."""
    missing: list[tuple[str, str, str]] = []
    for locale in TRANSLATED_LOCALES:
        known = translated_entries(locale, domain, root)
        missing += [(path, locale, text) for path, context, text in entries
                    if (context, text) not in known]
    return missing
