"""The per-entry rules of ``translate check``: each returns (reason id, params) problems.

Reasons are English message ids marked with ``N_`` so that the report can be read in any of
the four locales (they live in the ``common`` domain).  :mod:`locales.checks` runs these over
every entry and adds file and line.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from locales import LOCALES_DIR
from locales.markers import N_
from locales.uzbek import (
    LATIN_KEPT,
    MODIFIER_APOSTROPHE,
    MODIFIER_TURNED_COMMA,
    normalize_apostrophes,
)

Problem = tuple[str, dict[str, object]]

#: The source language: its texts are the msgids, so "same as the source" is expected there.
SOURCE_LOCALE: Final[str] = "en"
#: Plural forms gettext needs per locale.
EXPECTED_PLURALS: Final[dict[str, int]] = {"uz_Latn": 2, "uz_Cyrl": 2, "ru": 3, "en": 2}
ALLOWLIST_FILE: Final[Path] = LOCALES_DIR / "allowlist.txt"

# Python %-format placeholders: named (the project's style), positional, and %% (a literal).
PLACEHOLDER_RE: Final[re.Pattern[str]] = re.compile(
    r"%(?:\((?P<name>\w+)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?P<kind>[diouxXeEfFgGcrsa%])"
)
_LENGTH_RE: Final[re.Pattern[str]] = re.compile(r"max(?:imum)?\s+(\d+)\s+char", re.IGNORECASE)
_WORD_RE: Final[re.Pattern[str]] = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LATIN_LETTER_RE: Final[re.Pattern[str]] = re.compile(r"[A-Za-z]")
_SKIPPED_SPANS_RE: Final[re.Pattern[str]] = re.compile(
    r"`[^`]*`|U\+[0-9A-Fa-f]{4,6}|(?:[A-Za-z0-9_.-]+/)+[A-Za-z0-9_.-]+|"
    r"%\(\w+\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]|https?://\S+|[\w.+-]+@[\w-]+\.[\w.]+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:uz|com|org|net)\b"
)
# Texts made only of placeholders, digits and punctuation read the same in every language.
_NOTHING_TO_TRANSLATE_RE: Final[re.Pattern[str]] = re.compile(r"^[\W\d_]*$")
_REASON_APOSTROPHE: Final[str] = N_(
    "Uzbek Latin writes ʻ (U+02BB) in oʻ and gʻ and ʼ (U+02BC) for the tutuq belgisi: "
    "write “%(suggestion)s” instead of “%(found)s”."
)


def placeholders(text: str) -> Counter[str]:
    """The %-placeholders of ``text`` with their counts (``%%`` is a literal, not counted)."""
    found: Counter[str] = Counter()
    for match in PLACEHOLDER_RE.finditer(text):
        if match.group("kind") != "%":
            found[match.group()] += 1
    return found


def placeholder_problems(source: str, translation: str, may_omit: set[str]) -> list[Problem]:
    """Placeholders of ``source`` missing from ``translation``, and extra ones.

    ``may_omit`` lists placeholders this form may leave out (the singular of a 2-form plural
    that only ever stands for 1: "One application").
    """
    expected, got = set(placeholders(source)), set(placeholders(translation))
    problems: list[Problem] = []
    for missing in sorted(expected - got - may_omit):
        problems.append((
            N_("The placeholder %(placeholder)s of the source text is missing from the "
               "translation: the app would leave the value out."),
            {"placeholder": missing},
        ))
    for extra in sorted(got - expected - may_omit):
        problems.append((
            N_("The translation has the placeholder %(placeholder)s that the source text has "
               "not: the app would fail or show the wrong value."),
            {"placeholder": extra},
        ))
    return problems


def length_limit(auto_comments: list[str]) -> int | None:
    """The limit a ``#.`` comment states ("max 40 characters"), if any."""
    # Babel wraps long comments, so "max 40" and "characters" may sit on two lines.
    match = _LENGTH_RE.search(" ".join(auto_comments))
    return int(match.group(1)) if match else None


def length_problems(translation: str, limit: int | None) -> list[Problem]:
    if limit is None or len(translation) <= limit:
        return []
    return [(
        N_("The translation is %(length)d characters long, over its limit of %(limit)d "
           "characters: it would be cut off on a phone screen."),
        {"length": len(translation), "limit": limit},
    )]


def load_allowlist(path: Path = ALLOWLIST_FILE) -> dict[str, set[str]]:
    """Texts allowed to equal the source or to keep Latin letters: {locale or '*': texts}."""
    allowed: dict[str, set[str]] = {}
    if not path.exists():
        return allowed
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#") or ":" not in line:
            continue
        locale, text = line.split(":", 1)
        allowed.setdefault(locale.strip(), set()).add(text.strip())
    return allowed


def _allowed(text: str, locale: str, allowlist: dict[str, set[str]]) -> bool:
    return text in allowlist.get(locale, set()) or text in allowlist.get("*", set())


def same_as_source_problems(
    source: str, translation: str, locale: str, allowlist: dict[str, set[str]]
) -> list[Problem]:
    if locale == SOURCE_LOCALE or translation != source:
        return []
    if _NOTHING_TO_TRANSLATE_RE.match(PLACEHOLDER_RE.sub("", source)):
        return []
    if _allowed(source, locale, allowlist):
        return []
    return [(
        N_("The translation is the same as the English source text. Translate it, or add it "
           "to `locales/allowlist.txt` if it is right as it is (a name, an acronym)."),
        {},
    )]


def uzbek_latin_problems(translation: str) -> list[Problem]:
    """uz_Latn: NFC, and ʻ/ʼ rather than the apostrophes people type."""
    problems: list[Problem] = []
    if not unicodedata.is_normalized("NFC", translation):
        problems.append((
            N_("The text is not in Unicode NFC form (a letter is stored as two characters): "
               "search and sorting would miss it. Run `make translate-update`, which fixes it."),
            {},
        ))
    normalized = normalize_apostrophes(translation)
    if normalized != unicodedata.normalize("NFC", translation):
        for found, suggestion in _differing_words(
            unicodedata.normalize("NFC", translation), normalized
        ):
            problems.append((_REASON_APOSTROPHE, {"found": found, "suggestion": suggestion}))
    return problems


def _differing_words(original: str, normalized: str) -> Iterator[tuple[str, str]]:
    # normalize_apostrophes swaps single characters, so both texts split into equal words.
    for before, after in zip(original.split(), normalized.split(), strict=False):
        if before != after and (MODIFIER_TURNED_COMMA in after or MODIFIER_APOSTROPHE in after):
            yield before, after


def cyrillic_script_problems(
    translation: str, locale: str, allowlist: dict[str, set[str]]
) -> list[Problem]:
    """uz_Cyrl: no Latin letters except allowed terms (SMS, QR ...), placeholders, addresses."""
    problems: list[Problem] = []
    text = _SKIPPED_SPANS_RE.sub(" ", translation)
    for match in _WORD_RE.finditer(text):
        compound = match.group()
        if not _LATIN_LETTER_RE.search(compound) or _latin_allowed(compound, locale, allowlist):
            continue
        for word in compound.split("-"):
            if not _LATIN_LETTER_RE.search(word) or _latin_allowed(word, locale, allowlist):
                continue
            problems.append((
                N_("Uzbek Cyrillic text contains Latin letters in “%(word)s”: write it in "
                   "Cyrillic (the transliterate command drafts it) or add the word to "
                   "`locales/allowlist.txt`."),
                {"word": word},
            ))
    return problems


def _latin_allowed(word: str, locale: str, allowlist: dict[str, set[str]]) -> bool:
    return word in LATIN_KEPT or _allowed(word, locale, allowlist)
