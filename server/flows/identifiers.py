"""Uzbek phone numbers and personal numbers (PINFL), as people type them.

Both return a rule name when the value is wrong, so the caller picks the localized message.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import cycle
from typing import Final

#: Separators people put inside phone numbers: spaces, dashes, dots, brackets.
_PHONE_SEPARATORS: Final = re.compile(r"[\s\-().\u00a0\u2011\u2012\u2013]")
#: First PINFL digit -> the century of birth (odd digits men, even women).
_CENTURY: Final[dict[str, int]] = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}
_PINFL_WEIGHTS: Final = (7, 3, 1)
#: Nobody alive is older than this; a birth date further back is a typo.
MAX_AGE_YEARS: Final = 130


def normalize_phone(raw: str) -> str | None:
    """``raw`` as ``+998XXXXXXXXX``, or None when it is not an Uzbek number.

    Accepts ``+998 90 123-45-67``, ``998901234567``, ``00998…``, ``(90) 123 45 67``, the nine
    national digits alone, and the old domestic form with a leading 8 (``8 90 1234567``).
    """
    if len(raw) > 40:
        return None
    text = raw.strip()
    international = text.startswith("+")
    digits = _PHONE_SEPARATORS.sub("", text[1:] if international else text)
    if not (digits.isascii() and digits.isdigit()):
        return None
    if not international:
        if digits.startswith("00"):
            digits = digits[2:]
        elif len(digits) == 9:
            digits = "998" + digits
        elif len(digits) == 10 and digits.startswith("8"):
            digits = "998" + digits[1:]
    if len(digits) != 12 or not digits.startswith("998") or digits[3] == "0":
        return None
    return "+" + digits


def pinfl_birth_date(pinfl: str) -> date | None:
    """The birth date a PINFL encodes (century digit, then DDMMYY), or None if impossible."""
    century = _CENTURY.get(pinfl[:1])
    if century is None or len(pinfl) < 7 or not pinfl[1:7].isdigit():
        return None
    try:
        return date(century + int(pinfl[5:7]), int(pinfl[3:5]), int(pinfl[1:3]))
    except ValueError:
        return None


def pinfl_check_digit(first_13: str) -> int:
    """The 14th digit: the sum of the digits weighted 7, 3, 1, 7, 3, 1 … modulo 10."""
    return sum(int(d) * w for d, w in zip(first_13, cycle(_PINFL_WEIGHTS), strict=False)) % 10


def pinfl_problem(value: str, today: date) -> str | None:
    """None for a valid PINFL, else the broken rule: invalid, checksum or birth_date."""
    if len(value) != 14 or not (value.isascii() and value.isdigit()):
        return "invalid"
    if pinfl_check_digit(value[:13]) != int(value[13]):
        return "checksum"
    born = pinfl_birth_date(value)
    if born is None or born > today or today.year - born.year > MAX_AGE_YEARS:
        return "birth_date"
    return None


def make_pinfl(born: date, female: bool, area: str = "265", serial: str = "123") -> str:
    """A PINFL with a correct check digit (demo data and tests)."""
    century_digit = {1800: 1, 1900: 3, 2000: 5}[born.year // 100 * 100] + int(female)
    head = f"{century_digit}{born:%d%m}{born.year % 100:02d}{area}{serial}"
    return head + str(pinfl_check_digit(head))
