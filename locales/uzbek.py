"""Uzbek text: apostrophes, Latin <-> Cyrillic transliteration, folding for search.

The official Latin alphabet writes oʻ and gʻ with ʻ (U+02BB) and the tutuq belgisi with ʼ
(U+02BC); people type ' ` ‘ ’ instead.  :func:`normalize_apostrophes` fixes translations and
what citizens type alike, so that search and matching work.

Transliteration follows the rules of the 1995 Latin alphabet (see
``/work/shared/notes/localization.md``) plus an exception dictionary for Russian loans
(``locales/data/transliteration_exceptions.tsv``, editable by translators); the word-level
engine is :mod:`locales.transliteration`, this module handles whole texts.  Placeholders such
as ``%(count)d``, web and e-mail addresses and the Latin terms of :data:`LATIN_KEPT` pass
through untouched.  The converters sit in a registry keyed by (source, target) script, so a
future alphabet reform is one more entry rather than a rewrite.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Final

from locales.transliteration import (
    EXCEPTIONS_FILE,
    MODIFIER_APOSTROPHE,
    MODIFIER_TURNED_COMMA,
    ExceptionDictionary,
    convert_cyrillic_word,
    convert_latin_word,
    exception_pairs,
    exceptions,
)

__all__ = [
    "APOSTROPHE_LIKE", "EXCEPTIONS_FILE", "LATIN_KEPT", "MODIFIER_APOSTROPHE",
    "MODIFIER_TURNED_COMMA", "TRANSLITERATORS", "apostrophe_blind", "case_blind",
    "cyrillic_to_latin", "exception_pairs", "fold", "latin_to_cyrillic",
    "normalize_apostrophes", "script_blind", "transliterate",
]

#: Everything people type for ʻ or ʼ: ASCII ', backtick, curly quotes, acute, ʽ, ʻ, ʼ.
APOSTROPHE_LIKE: Final[str] = "'`\u2018\u2019\u00b4\u02bd\u02bb\u02bc"

#: Latin words written as they are in Cyrillic text too (acronyms, product names).
LATIN_KEPT: Final[frozenset[str]] = frozenset(
    {"SMS", "ID", "QR", "PDF", "URL", "API", "OneID", "IT", "USB", "Wi-Fi", "UZS", "PIN"}
)

_APOSTROPHE_RE: Final[re.Pattern[str]] = re.compile(f"[{re.escape(APOSTROPHE_LIKE)}]")
# `code` in backticks, not glued to a word (a typed "to`lov" is an apostrophe, not code);
# ʻ and ʼ count as word edges here, so that normalizing twice changes nothing.
_CODE_SPAN: Final[str] = r"(?<![^\W\d_ʻʼ])`[^`\s][^`]*?(?<=\S)`(?![^\W\d_ʻʼ])"
_CODE_SPAN_RE: Final[re.Pattern[str]] = re.compile(_CODE_SPAN)
# Spans never transliterated: placeholders, %%, {names}, URLs, e-mail addresses, domains.
_PROTECTED: Final[str] = (
    _CODE_SPAN
    + r"|%\(\w+\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]|%%|\{\w*\}|https?://\S+|[\w.+-]+@[\w-]+\.[\w.]+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:uz|com|org|net)\b"
)
_WORD: Final[str] = r"[^\W\d_]+(?:-[^\W\d_]+)*"  # hyphenated compounds as one token
_TOKEN_RE: Final[re.Pattern[str]] = re.compile(f"(?P<keep>{_PROTECTED})|(?P<word>{_WORD})")


def normalize_apostrophes(text: str) -> str:
    """NFC, then ʻ after o/g (oʻ, gʻ, also word-final: togʻ) and ʼ between other letters.

    An apostrophe-like mark anywhere else is a quotation mark and stays as it is, and so do
    `code spans` (commands and file names in backticks, not glued to a word).
    """
    text = unicodedata.normalize("NFC", text)
    pieces: list[str] = []
    position = 0
    for span in _CODE_SPAN_RE.finditer(text):
        pieces += [_normalize_marks(text[position : span.start()]), span.group()]
        position = span.end()
    pieces.append(_normalize_marks(text[position:]))
    return "".join(pieces)


def _is_letter(char: str) -> bool:
    return char.isalpha() and char not in APOSTROPHE_LIKE


def _normalize_marks(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        start = match.start()
        before = text[start - 1] if start else ""
        after = text[start + 1] if start + 1 < len(text) else ""
        if before and before in "oOgG":
            return MODIFIER_TURNED_COMMA
        # ʻ and ʼ are letters to Python, but a mark next to a mark is no tutuq belgisi.
        if _is_letter(before) and _is_letter(after):
            return MODIFIER_APOSTROPHE
        return match.group()

    return _APOSTROPHE_RE.sub(fix, text)


def _transliterate(
    text: str,
    convert: Callable[[str], str],
    dictionary: ExceptionDictionary,
    keep: frozenset[str],
) -> str:
    def part(word: str) -> str:
        if word in keep:
            return word
        found = dictionary.lookup(word)
        return found if found is not None else convert(word)

    def replace(match: re.Match[str]) -> str:
        compound = match.group("word")
        if compound is None or compound in keep:
            return match.group()
        return "-".join(part(word) for word in compound.split("-"))

    return _TOKEN_RE.sub(replace, text)


def cyrillic_to_latin(text: str) -> str:
    """Uzbek Cyrillic to Latin: ``"Ўзбекистон"`` -> ``"Oʻzbekiston"``."""
    return _transliterate(text, convert_cyrillic_word, exceptions()[0], LATIN_KEPT)


def latin_to_cyrillic(text: str, keep: frozenset[str] = frozenset()) -> str:
    """Uzbek Latin to Cyrillic (apostrophes normalized first): ``"toʻlov"`` -> ``"тўлов"``.

    Words in ``keep`` (and in :data:`LATIN_KEPT`) stay in Latin letters: brand names,
    technical terms, whatever the translators' allow-list names for uz_Cyrl.
    """
    text = normalize_apostrophes(text)
    return _transliterate(text, convert_latin_word, exceptions()[1], LATIN_KEPT | keep)


#: Converters by (source script, target script); a new alphabet registers its pair here.
TRANSLITERATORS: Final[dict[tuple[str, str], Callable[[str], str]]] = {
    ("Cyrl", "Latn"): cyrillic_to_latin,
    ("Latn", "Cyrl"): latin_to_cyrillic,
}


def transliterate(text: str, source: str, target: str) -> str:
    """``text`` from one script to another (ISO 15924 codes), the same text if they match."""
    if source == target:
        return text
    try:
        return TRANSLITERATORS[(source, target)](text)
    except KeyError:
        raise ValueError(f"no transliteration from {source} to {target}") from None


# --- folding for search --------------------------------------------------------------------

_CYRILLIC_LETTER: Final[re.Pattern[str]] = re.compile(r"[\u0400-\u04ff]")


def script_blind(text: str) -> str:
    """Cyrillic words written in Latin, so "pasport" and "паспорт" compare equal."""
    return cyrillic_to_latin(text) if _CYRILLIC_LETTER.search(text) else text


def apostrophe_blind(text: str) -> str:
    """Without ʻ ʼ and their typed stand-ins: "oʻ", "o'" and "o" compare equal."""
    # NFC again: a dropped mark may leave a letter next to a combining accent.
    return unicodedata.normalize("NFC", _APOSTROPHE_RE.sub("", unicodedata.normalize("NFC", text)))


def case_blind(text: str) -> str:
    """Case-folded, so "TOSHKENT" and "Toshkent" compare equal."""
    return text.casefold()


def fold(text: str) -> str:
    """Script-, apostrophe- and case-blind form for search keys and queries."""
    # Marks go first, so that no `code span` shields a word from transliteration, and again
    # after it, since Cyrillic ў, ғ and ъ come out as oʻ, gʻ and ʼ.
    bare = apostrophe_blind(normalize_apostrophes(text))
    return unicodedata.normalize("NFC", case_blind(apostrophe_blind(script_blind(bare))))
