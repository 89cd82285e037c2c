"""Text prepared for listening, per language.

espeak-ng's Uzbek voice spells letter by letter any word with U+02BC (ʼ, the tutuq belgisi)
or Cyrillic ъ, and reads numbers digit by digit; its Russian and English voices read numbers
well but stumble on no-break spaces inside them.  So, before speaking:

- abbreviations are expanded to the spoken form a definition gives (whole words only), and
  the personal-number abbreviation (JShShIR, ЖШШИР, ПИНФЛ, PINFL) to its full name;
- in Uzbek, amounts in soʻm, dates (``27.11.2026``, ``2026-11-27``) and numbers become words
  (:mod:`locales.speller`), digit strings that are codes rather than quantities (a leading
  zero, or longer than 12 digits) are read digit by digit, and ʼ, ъ, ‘ and ’ become ASCII ';
- in Russian and English, digit-group separators are removed so numbers are read whole.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Final

from accessibility.speech.voices import normalize_language, script_of
from locales.catalogs import translations
from locales.speller import spell_amount_som, spell_cardinal, spell_date

_GROUP_SEPARATORS: Final[str] = " \u00a0\u202f"
_NUMBER: Final[str] = r"\d{1,3}(?:[\u00a0\u202f]\d{3})+|\d+"
_AMOUNT = re.compile(
    rf"(?<![\d.,])(\d{{1,3}}(?:[{_GROUP_SEPARATORS}]\d{{3}})+|\d+)\s*(soʻm|so'm|soʼm|so‘m|сўм)",
    re.IGNORECASE,
)
_DOTTED_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_UZ_NUMBER = re.compile(rf"({_NUMBER})")
_GROUPED_DIGITS = re.compile(r"(?<=\d)[\u00a0\u202f](?=\d{3}\b)")
#: Apostrophe-like marks the Uzbek voice trips on, all read as the ASCII apostrophe.
_UZ_APOSTROPHES = str.maketrans({"ʼ": "'", "ъ": "'", "Ъ": "'", "‘": "'", "’": "'"})
#: Digit strings longer than this are identifiers (PINFL, card numbers), not quantities.
_LONGEST_QUANTITY: Final[int] = 12


def _digits(match_text: str) -> str:
    return "".join(ch for ch in match_text if ch.isdigit())


def _spell_number(text: str, script: str) -> str:
    digits = _digits(text)
    if len(digits) > _LONGEST_QUANTITY or (len(digits) > 1 and digits.startswith("0")):
        return " ".join(spell_cardinal(int(d), script) for d in digits)
    return spell_cardinal(int(digits), script)


def _spell_dates(text: str, script: str) -> str:
    def dotted(match: re.Match[str]) -> str:
        day, month, year = (int(part) for part in match.groups())
        return _date_words(match.group(0), year, month, day, script)

    def iso(match: re.Match[str]) -> str:
        year, month, day = (int(part) for part in match.groups())
        return _date_words(match.group(0), year, month, day, script)

    return _ISO_DATE.sub(iso, _DOTTED_DATE.sub(dotted, text))


def _date_words(original: str, year: int, month: int, day: int, script: str) -> str:
    try:
        return spell_date(datetime.date(year, month, day), script)
    except ValueError:  # not a real date (31.02.2026): leave it to be read as numbers
        return original


def _prepare_uzbek(text: str, script: str) -> str:
    text = _AMOUNT.sub(
        lambda m: spell_amount_som(int(_digits(m.group(1))), script), text
    )
    text = _spell_dates(text, script)
    text = _UZ_NUMBER.sub(lambda m: _spell_number(m.group(1), script), text)
    return text.translate(_UZ_APOSTROPHES)


def _expand(text: str, spoken_forms: Mapping[str, str]) -> str:
    # Longest first, so that "JShShIR raqami" wins over "JShShIR" when both are given.
    for written in sorted(spoken_forms, key=len, reverse=True):
        if written:
            pattern = rf"(?<!\w){re.escape(written)}(?!\w)"
            # Escaped: the spoken form is literal text, not a replacement template.
            text = re.sub(pattern, spoken_forms[written].replace("\\", "\\\\"), text)
    return text


def built_in_spoken_forms(language: str) -> dict[str, str]:
    """Abbreviations every screen may show, with their spoken form in ``language``."""
    catalog = translations(normalize_language(language), ("accessibility",))
    # translators: the official abbreviation of the personal number, as written on screen.
    written = str(catalog.pgettext("abbreviation", "PINFL"))
    # translators: the same abbreviation written out in full, as a voice should read it.
    spoken = str(catalog.pgettext("abbreviation spoken", "personal identification number"))
    return {written: spoken}


def prepare_for_listening(
    text: str, language: str, spoken_forms: Mapping[str, str] | None = None
) -> str:
    """``text`` as the voice for ``language`` should receive it.

    ``spoken_forms`` maps written abbreviations to their spoken form (from a service
    definition), applied to whole words before the built-in ones.
    """
    locale = normalize_language(language)
    text = _expand(text, dict(spoken_forms or {}))
    text = _expand(text, built_in_spoken_forms(locale))
    if locale in ("uz_Latn", "uz_Cyrl"):
        return _prepare_uzbek(text, script_of(locale))
    return _GROUPED_DIGITS.sub("", text)
