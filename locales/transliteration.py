"""The word-level engine of Uzbek transliteration: letter rules and the exception dictionary.

:mod:`locales.uzbek` is the public side (whole texts, placeholders, folding); this module turns
one word from one script to the other.  Rules (1995 Latin alphabet): е is "ye" at the start of
a word and after a vowel, ъ or ь; ц is "s" at the start or after a consonant and "ts" after a
vowel; ё/ю/я are yo/yu/ya; ъ is ʼ (dropped after ў/ғ and before е); ь is dropped, except
that it is y before о and и (павильон -> pavilyon, Ильин -> Ilyin); сҳ is sʼh.
Back: a word-initial or post-vowel e is э, ye/yo/yu/ya are е/ё/ю/я, sʼh is сҳ, -tsiya is -ция.
Words the rules get wrong (mostly Russian loans) come from the exception dictionary, which
also matches them with Uzbek suffixes (объектлар <-> obyektlar).  Among them are the loans
whose soft sign Latin drops (факультет, фильм, роль): nothing in "fakultet" tells that an ь
belongs after the l, since native words spell the same letters without one (бултур, қултум).
A final ь is dropped before a suffix (сентябрда), but a Cyrillic сентябрьда is read as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from locales import LOCALES_DIR

MODIFIER_TURNED_COMMA: Final[str] = "\u02bb"  # ʻ in oʻ, gʻ
MODIFIER_APOSTROPHE: Final[str] = "\u02bc"  # ʼ, the tutuq belgisi
EXCEPTIONS_FILE: Final[Path] = LOCALES_DIR / "data" / "transliteration_exceptions.tsv"

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
_STEM_MIN: Final[int] = 4  # shorter dictionary words match only whole (sirk is not sirka)


@dataclass(frozen=True)
class ExceptionDictionary:
    """Words of one direction (lower case) and their stems indexed by first letters."""

    script: str  # the script the looked-up words are written in
    words: dict[str, str]
    stems: dict[str, list[tuple[str, str]]]

    @classmethod
    def of(cls, script: str, words: dict[str, str]) -> ExceptionDictionary:
        stems: dict[str, list[tuple[str, str]]] = {}
        for word, converted in words.items():
            bare = word[:-1] if word.endswith("ь") else word
            if len(bare) >= _STEM_MIN:
                stems.setdefault(bare[:_STEM_MIN], []).append((bare, converted))
        for candidates in stems.values():
            candidates.sort(key=lambda pair: -len(pair[0]))  # longest stem first
        return cls(script, words, stems)

    def lookup(self, word: str) -> str | None:
        """The dictionary form of ``word``, also when a known stem takes Uzbek suffixes."""
        lower = word.lower()
        if lower in self.words:
            return _with_case_of(word, self.words[lower])
        for bare, converted in self.stems.get(lower[:_STEM_MIN], ()):
            rest = word[len(bare):]
            if rest[:1] in ("ь", "Ь") and bare + "ь" in self.words:
                rest = rest[1:]  # the soft sign kept before a suffix (октябрьда), as people write
            if lower.startswith(bare) and rest and _SUFFIXES[self.script].fullmatch(rest.lower()):
                # Uzbek drops the soft sign of a loan before a suffix (сентябрда).
                head = converted[:-1] if converted.endswith("ь") else converted
                by_rule = convert_latin_word if self.script == "Latn" else convert_cyrillic_word
                return _with_case_of(word[: len(bare)], head) + by_rule(rest)
        return None


def exception_pairs(path: Path = EXCEPTIONS_FILE) -> list[tuple[str, str, str]]:
    """The dictionary as (cyrillic, latin, direction) rows; direction: both/to_latn/to_cyrl."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            cyrillic, latin, *direction = (part.strip() for part in line.split("\t"))
            rows.append((cyrillic, latin, direction[0] if direction else "both"))
    return rows


@cache
def exceptions(path: Path = EXCEPTIONS_FILE) -> tuple[ExceptionDictionary, ExceptionDictionary]:
    """(Cyrillic -> Latin, Latin -> Cyrillic) dictionaries from the translators' TSV file."""
    to_latin: dict[str, str] = {}
    to_cyrillic: dict[str, str] = {}
    for cyrillic, latin, direction in exception_pairs(path):
        if direction in ("both", "to_latn"):
            to_latin[cyrillic.lower()] = latin
        if direction in ("both", "to_cyrl"):
            to_cyrillic[latin.lower()] = cyrillic
    return ExceptionDictionary.of("Cyrl", to_latin), ExceptionDictionary.of("Latn", to_cyrillic)


def _with_case_of(word: str, converted: str) -> str:
    if converted != converted.lower():
        return converted  # the dictionary spells its own capitals (JShShIR)
    if len(word) > 1 and word.isupper():
        return converted.upper()
    if word[:1].isupper():
        return converted[:1].upper() + converted[1:]
    return converted


def convert_cyrillic_word(word: str) -> str:
    """One Cyrillic word in Latin by the rules alone (no dictionary)."""
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
        elif low == "ь":
            # A separating soft sign before о or и is y (the annex to the 1995 rules: павильон
            # -> pavilyon, Ильин -> Ilyin); before е/ё/ю/я the letter itself brings the y.
            latin = "y" if nxt and nxt in "ои" else ""
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


def convert_latin_word(word: str) -> str:
    """One Latin word (apostrophes already normalized) in Cyrillic by the rules alone."""
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


