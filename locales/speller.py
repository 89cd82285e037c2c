"""Uzbek numbers as words, in Latin or Cyrillic script, for the speech output.

espeak-ng reads digits one by one in Uzbek ("1 250 000" becomes "bir ikki besh nol ..."), so
the accessibility toolkit hands it words instead.  The speller follows the written standard
used in official documents and bank forms: every hundred and thousand carries its count
("bir yuz", "bir ming"), so nothing is left for the listener to infer; ordinals add -inchi
after a consonant and -nchi after a vowel, with the k -> g voicing of "ellik" -> "elliginchi".

    >>> spell_cardinal(1250000)
    'bir million ikki yuz ellik ming'
    >>> spell_date(datetime.date(2026, 3, 8), "Cyrl")
    'икки минг йигирма олтинчи йил саккизинчи март'
"""

from __future__ import annotations

import datetime
from typing import Final

_WORDS: Final[dict[str, dict[str, str]]] = {
    "Latn": {
        "0": "nol", "1": "bir", "2": "ikki", "3": "uch", "4": "toʻrt", "5": "besh",
        "6": "olti", "7": "yetti", "8": "sakkiz", "9": "toʻqqiz",
        "10": "oʻn", "20": "yigirma", "30": "oʻttiz", "40": "qirq", "50": "ellik",
        "60": "oltmish", "70": "yetmish", "80": "sakson", "90": "toʻqson",
        "100": "yuz", "minus": "minus", "som": "soʻm", "year": "yil",
    },
    "Cyrl": {
        "0": "нол", "1": "бир", "2": "икки", "3": "уч", "4": "тўрт", "5": "беш",
        "6": "олти", "7": "етти", "8": "саккиз", "9": "тўққиз",
        "10": "ўн", "20": "йигирма", "30": "ўттиз", "40": "қирқ", "50": "эллик",
        "60": "олтмиш", "70": "етмиш", "80": "саксон", "90": "тўқсон",
        "100": "юз", "minus": "минус", "som": "сўм", "year": "йил",
    },
}

#: Powers of a thousand, smallest first; index 0 is the plain hundreds group.
_SCALES: Final[dict[str, tuple[str, ...]]] = {
    "Latn": ("", "ming", "million", "milliard", "trillion"),
    "Cyrl": ("", "минг", "миллион", "миллиард", "триллион"),
}

#: Month names as Uzbek writes and says them (the soft sign kept in Cyrillic, as in official use).
MONTH_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "Latn": (
        "yanvar", "fevral", "mart", "aprel", "may", "iyun",
        "iyul", "avgust", "sentabr", "oktabr", "noyabr", "dekabr",
    ),
    "Cyrl": (
        "январь", "февраль", "март", "апрель", "май", "июнь",
        "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
    ),
}

_VOWELS: Final[frozenset[str]] = frozenset("aeiouAEIOUаеёиоуэюяўАЕЁИОУЭЮЯЎ")
#: Words whose final k turns voiced before a vowel-initial suffix (ellik -> elliginchi).
_VOICED_STEMS: Final[dict[str, str]] = {"ellik": "ellig", "эллик": "эллиг"}
_ORDINAL_SUFFIX: Final[dict[str, tuple[str, str]]] = {
    # (after a vowel, after a consonant)
    "Latn": ("nchi", "inchi"),
    "Cyrl": ("нчи", "инчи"),
}


def _words(script: str) -> dict[str, str]:
    try:
        return _WORDS[script]
    except KeyError:
        raise ValueError(f"unknown script {script!r}; expected 'Latn' or 'Cyrl'") from None


def _spell_below_thousand(n: int, words: dict[str, str]) -> list[str]:
    parts: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        parts += [words[str(hundreds)], words["100"]]
    tens, units = divmod(rest, 10)
    if tens:
        parts.append(words[str(tens * 10)])
    if units:
        parts.append(words[str(units)])
    return parts


def spell_cardinal(n: int, script: str = "Latn") -> str:
    """``n`` in words: ``spell_cardinal(2026)`` -> ``'ikki ming yigirma olti'``.

    Works up to 999 999 999 999 999 (trillions); negative numbers start with "minus".
    """
    words = _words(script)
    if n == 0:
        return words["0"]
    if n < 0:
        return f"{words['minus']} {spell_cardinal(-n, script)}"
    scales = _SCALES[script]
    if n >= 1000 ** len(scales):
        raise ValueError(f"{n} is too large to spell (the limit is below 10**15)")
    groups: list[str] = []
    for power in range(len(scales) - 1, -1, -1):
        group, n = divmod(n, 1000**power)
        if not group:
            continue
        groups += _spell_below_thousand(group, words)
        if scales[power]:
            groups.append(scales[power])
    return " ".join(groups)


def _ordinal_word(word: str, script: str) -> str:
    stem = _VOICED_STEMS.get(word, word)
    after_vowel, after_consonant = _ORDINAL_SUFFIX[script]
    return stem + (after_vowel if stem[-1] in _VOWELS else after_consonant)


def spell_ordinal(n: int, script: str = "Latn") -> str:
    """``n`` as an ordinal: ``spell_ordinal(21)`` -> ``'yigirma birinchi'``."""
    if n < 0:
        raise ValueError("ordinals are spelled for zero and positive numbers only")
    *head, last = spell_cardinal(n, script).split(" ")
    return " ".join([*head, _ordinal_word(last, script)])


def spell_amount_som(n: int, script: str = "Latn") -> str:
    """A whole amount in soʻm: ``spell_amount_som(75000)`` -> ``'yetmish besh ming soʻm'``.

    UZS has no minor unit in use, so the amount must be a whole number.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("amounts in soʻm are whole numbers (int)")
    return f"{spell_cardinal(n, script)} {_words(script)['som']}"


def spell_date(d: datetime.date, script: str = "Latn") -> str:
    """A date as Uzbek says it: 2026-yil 27-noyabr -> 'ikki ming yigirma oltinchi yil
    yigirma yettinchi noyabr' (year and day as ordinals, the month by name)."""
    words = _words(script)
    year = f"{spell_ordinal(d.year, script)} {words['year']}"
    day = spell_ordinal(d.day, script)
    return f"{year} {day} {MONTH_NAMES[script][d.month - 1]}"
