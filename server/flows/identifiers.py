"""Uzbek phone numbers and personal numbers (PINFL, JShShIR), as people type them.

The one home of PINFL rules for the whole server (flows, identity, registries and the registry
simulator).  A PINFL is a century/sex digit, the birth date as DDMMYY, a 3-digit area code, a
3-digit serial and a check digit.  Checks return a rule name when the value is wrong, so the
caller picks the localized message.
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
#: The sexes a PINFL's first digit tells apart, as registries record them (men odd, women even).
PINFL_SEXES: Final = ("male", "female")
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


def pinfl_problem(value: str, today: date | None = None) -> str | None:
    """None for a valid PINFL, else the broken rule: invalid, checksum or birth_date.

    With ``today`` (a number a person typed) the birth date must also be plausible on that day:
    not in the future, not more than MAX_AGE_YEARS ago.  Without it (a number a registry sent)
    the birth date need only exist in the calendar.
    """
    if len(value) != 14 or not (value.isascii() and value.isdigit()):
        return "invalid"
    if pinfl_check_digit(value[:13]) != int(value[13]):
        return "checksum"
    born = pinfl_birth_date(value)
    if born is None:
        return "birth_date"
    if today is not None and (born > today or today.year - born.year > MAX_AGE_YEARS):
        return "birth_date"
    return None


def make_pinfl(born: date, sex: str, area_code: int = 265, serial: int = 123) -> str:
    """A PINFL with a correct check digit (demo data, the registry simulator and tests).

    ``sex`` is "male" or "female"; ``area_code`` and ``serial`` keep their last three digits.
    """
    if sex not in PINFL_SEXES:
        raise ValueError(f"sex must be one of {PINFL_SEXES}, not {sex!r}")
    century_digit = {1800: 1, 1900: 3, 2000: 5}[born.year // 100 * 100] + PINFL_SEXES.index(sex)
    head = (f"{century_digit}{born:%d%m}{born.year % 100:02d}"
            f"{area_code % 1000:03d}{serial % 1000:03d}")
    return head + str(pinfl_check_digit(head))
