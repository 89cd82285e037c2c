"""Uzbek text: apostrophes, Latin <-> Cyrillic transliteration, folding for search.

The official Latin alphabet writes oʻ and gʻ with ʻ (U+02BB) and the tutuq belgisi with ʼ
(U+02BC); people type ' ` ‘ ’ instead.  :func:`normalize_apostrophes` fixes translations and
what citizens type alike, so that search and matching work.

Transliteration follows the rules of the 1995 Latin alphabet (see
``/work/shared/notes/localization.md``) plus an exception dictionary for Russian loans
(``locales/data/transliteration_exceptions.tsv``, editable by translators).  Placeholders such
as ``%(count)d``, web and e-mail addresses and the Latin terms of :data:`LATIN_KEPT` pass
through untouched.  The converters sit in a registry keyed by (source, target) script, so a
future alphabet reform is one more entry rather than a rewrite.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Final

from locales import LOCALES_DIR

MODIFIER_TURNED_COMMA: Final[str] = "\u02bb"  # ʻ in oʻ, gʻ
MODIFIER_APOSTROPHE: Final[str] = "\u02bc"  # ʼ, the tutuq belgisi
#: Everything people type for ʻ or ʼ: ASCII ', backtick, curly quotes, acute, ʽ, ʻ, ʼ.
APOSTROPHE_LIKE: Final[str] = "'`\u2018\u2019\u00b4\u02bd\u02bb\u02bc"

#: Latin words written as they are in Cyrillic text too (acronyms, product names).
LATIN_KEPT: Final[frozenset[str]] = frozenset(
    {"SMS", "ID", "QR", "PDF", "URL", "API", "OneID", "IT", "USB", "Wi-Fi", "UZS", "PIN"}
)

EXCEPTIONS_FILE: Final[Path] = LOCALES_DIR / "data" / "transliteration_exceptions.tsv"

_APOSTROPHE_RE: Final[re.Pattern[str]] = re.compile(f"[{re.escape(APOSTROPHE_LIKE)}]")
# `code` in backticks, not glued to a word (a typed "to`lov" is an apostrophe, not code).
_CODE_SPAN: Final[str] = r"(?<![^\W\d_])`[^`\s][^`]*?(?<=\S)`(?![^\W\d_])"
_CODE_SPAN_RE: Final[re.Pattern[str]] = re.compile(_CODE_SPAN)
# Spans never transliterated: placeholders, %%, {names}, URLs, e-mail addresses, domains.
_PROTECTED: Final[str] = (
    _CODE_SPAN + r"|%\(\w+\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]|%%|\{\w*\}|https?://\S+|[\w.+-]+@[\w-]+\.[\w.]+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:uz|com|org|net)\b"
)
_WORD: Final[str] = r"[^\W\d_]+(?:-[^\W\d_]+)*"  # hyphenated compounds as one token
_TOKEN_RE: Final[re.Pattern[str]] = re.compile(f"(?P<keep>{_PROTECTED})|(?P<word>{_WORD})")

_CYR_VOWELS: Final[str] = "аеёиоуэюяўы"
_LAT_VOWELS: Final[str] = "aeiou"
_CYR_TO_LAT: Final[dict[str, str]] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ё": "yo", "ж": "j", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ч": "ch", "ш": "sh",
    "щ": "sh", "ы": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ў": "oʻ", "қ": "q",
    "ғ": "gʻ", "ҳ": "h",
}
_LAT_TO_CYR: Final[dict[str, str]] = {
    "a": "а", "b": "б", "c": "ц", "d": "д", "f": "ф", "g": "г", "h": "ҳ", "i": "и",
    "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ",
    "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "х", "y": "й",
    "z": "з", "ʼ": "ъ",
}
_Y_VOWELS: Final[dict[str, str]] = {"e": "е", "o": "ё", "u": "ю", "a": "я"}
# Case endings and plural/possessive suffixes that may follow a dictionary stem.
_SUFFIXES: Final[dict[str, re.Pattern[str]]] = {
    "Latn": re.compile(
        r"(?:dorlik|dor|chilik|chi|lik|li|siz|lashtirish|lashtir|lash|langan|lanish|la)?"
        r"(?:lar)?(?:imiz|ingiz|im|ing|i|si)?(?:ning|ni|ga|ka|qa|da|dan|dagi|gacha|dek|mi)?"
    ),
    "Cyrl": re.compile(
        r"(?:дорлик|дор|чилик|чи|лик|ли|сиз|лаштириш|лаштир|лаш|ланган|ланиш|ла)?"
        r"(?:лар)?(?:имиз|ингиз|им|инг|и|си)?(?:нинг|ни|га|ка|қа|да|дан|даги|гача|дек|ми)?"
    ),
}


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


def _normalize_marks(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        start = match.start()
        before = text[start - 1] if start else ""
        after = text[start + 1] if start + 1 < len(text) else ""
        if before and before in "oOgG":
            return MODIFIER_TURNED_COMMA
        if before.isalpha() and after.isalpha():
            return MODIFIER_APOSTROPHE
        return match.group()

    return _APOSTROPHE_RE.sub(fix, text)


@cache
def _exceptions(path: Path = EXCEPTIONS_FILE) -> tuple[dict[str, str], dict[str, str]]:
    """(Cyrillic -> Latin, Latin -> Cyrillic) dictionaries, lower case, from the TSV file."""
    to_latin: dict[str, str] = {}
    to_cyrillic: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        cyrillic, latin, *direction = (part.strip() for part in line.split("\t"))
        way = direction[0] if direction else "both"
        if way in ("both", "to_latn"):
            to_latin[cyrillic.lower()] = latin
        if way in ("both", "to_cyrl"):
            to_cyrillic[latin.lower()] = cyrillic
    return to_latin, to_cyrillic


def exception_pairs(path: Path = EXCEPTIONS_FILE) -> list[tuple[str, str, str]]:
    """The dictionary as (cyrillic, latin, direction) rows, for tests and translators."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            cyrillic, latin, *direction = (part.strip() for part in line.split("\t"))
            rows.append((cyrillic, latin, direction[0] if direction else "both"))
    return rows


def _with_case_of(word: str, converted: str) -> str:
    if converted != converted.lower():
        return converted  # the dictionary spells its own capitals (JShShIR)
    if len(word) > 1 and word.isupper():
        return converted.upper()
    if word[:1].isupper():
        return converted[:1].upper() + converted[1:]
    return converted


def _from_dictionary(word: str, table: dict[str, str], script: str) -> str | None:
    """The dictionary form of ``word``, also when a known stem takes Uzbek suffixes."""
    lower = word.lower()
    if lower in table:
        return _with_case_of(word, table[lower])
    for stem, converted in table.items():
        bare = stem[:-1] if stem.endswith("ь") else stem
        if len(bare) < 4 or not lower.startswith(bare) or lower == bare:
            continue
        rest = word[len(bare):]
        if rest and _SUFFIXES[script].fullmatch(rest.lower()):
            # Uzbek drops the soft sign of a loan before a suffix (сентябрда).
            head = converted[:-1] if converted.endswith("ь") else converted
            target = _convert_latin_word if script == "Latn" else _convert_cyrillic_word
            return _with_case_of(word[: len(bare)], head) + target(rest)
    return None


def _convert_cyrillic_word(word: str) -> str:
    out: list[str] = []
    lower = word.lower()
    for i, char in enumerate(word):
        low = lower[i]
        prev = lower[i - 1] if i else ""
        nxt = lower[i + 1] if i + 1 < len(word) else ""
        if low == "е":
            latin = "ye" if not prev or prev in _CYR_VOWELS or prev in "ъь" else "e"
        elif low == "ц":
            latin = "ts" if prev and prev in _CYR_VOWELS else "s"
        elif low == "ъ":
            # ўъ/ғъ are plain oʻ/gʻ (moʻjiza); before е the y of "ye" already marks it.
            latin = "" if prev in "ўғ" or nxt == "е" else MODIFIER_APOSTROPHE
        elif low == "с" and nxt == "ҳ":
            latin = "s" + MODIFIER_APOSTROPHE  # Исҳоқ -> Isʼhoq, never "sh"
        else:
            latin = _CYR_TO_LAT.get(low, char)
        if char != low and latin:
            neighbour = word[i + 1] if nxt else (word[i - 1] if prev else "")
            whole_caps = len(latin) > 1 and neighbour.isalpha() and neighbour.isupper()
            latin = latin.upper() if whole_caps else latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


def _convert_latin_word(word: str) -> str:
    out: list[str] = []
    lower = word.lower()
    i = 0
    while i < len(word):
        low, ahead = lower[i], lower[i + 1 : i + 3]
        step, cyrillic = 1, ""
        if low in "og" and ahead[:1] == MODIFIER_TURNED_COMMA:
            step, cyrillic = 2, "ў" if low == "o" else "ғ"
        elif low == "s" and ahead == MODIFIER_APOSTROPHE + "h":
            step, cyrillic = 3, "сҳ"
        elif low in "sc" and ahead[:1] == "h":
            step, cyrillic = 2, "ш" if low == "s" else "ч"
        elif low == "y" and ahead[:1] in _Y_VOWELS and ahead != "o" + MODIFIER_TURNED_COMMA:
            step, cyrillic = 2, _Y_VOWELS[ahead[0]]
        elif low == "t" and lower[i + 1 : i + 5] == "siya":
            step, cyrillic = 2, "ц"  # -tsiya is the Russian -ция (militsiya, federatsiya)
        elif low == "e":
            prev = lower[i - 1] if i else ""
            cyrillic = "э" if not prev or prev in _LAT_VOWELS else "е"
        else:
            cyrillic = _LAT_TO_CYR.get(low, word[i])
        if word[i] != low:
            cyrillic = cyrillic[:1].upper() + cyrillic[1:].lower()
            if len(cyrillic) > 1 and i + step < len(word) and word[i + step].isupper():
                cyrillic = cyrillic.upper()
        out.append(cyrillic)
        i += step
    return "".join(out)


def _transliterate(
    text: str,
    convert: Callable[[str], str],
    table: dict[str, str],
    script: str,
    keep: frozenset[str],
) -> str:
    def part(word: str) -> str:
        if word in keep:
            return word
        found = _from_dictionary(word, table, script)
        return found if found is not None else convert(word)

    def replace(match: re.Match[str]) -> str:
        compound = match.group("word")
        if compound is None or compound in keep:
            return match.group()
        return "-".join(part(word) for word in compound.split("-"))

    return _TOKEN_RE.sub(replace, text)


def cyrillic_to_latin(text: str) -> str:
    """Uzbek Cyrillic to Latin: ``"Ўзбекистон"`` -> ``"Oʻzbekiston"``."""
    return _transliterate(text, _convert_cyrillic_word, _exceptions()[0], "Cyrl", LATIN_KEPT)


def latin_to_cyrillic(text: str, keep: frozenset[str] = frozenset()) -> str:
    """Uzbek Latin to Cyrillic (apostrophes normalized first): ``"toʻlov"`` -> ``"тўлов"``.

    Words in ``keep`` (and in :data:`LATIN_KEPT`) stay in Latin letters: brand names,
    technical terms, whatever the translators' allow-list names for uz_Cyrl.
    """
    text = normalize_apostrophes(text)
    table = _exceptions()[1]
    return _transliterate(text, _convert_latin_word, table, "Latn", LATIN_KEPT | keep)


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
    return _APOSTROPHE_RE.sub("", unicodedata.normalize("NFC", text))


def case_blind(text: str) -> str:
    """Case-folded, so "TOSHKENT" and "Toshkent" compare equal."""
    return text.casefold()


def fold(text: str) -> str:
    """Script-, apostrophe- and case-blind form for search keys and queries."""
    return case_blind(apostrophe_blind(script_blind(normalize_apostrophes(text))))
