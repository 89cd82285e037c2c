"""The PINFL (JShShIR): the 14-digit personal number every registry keys its records by.

Layout: a century/sex digit, the birth date as DDMMYY, a 3-digit area code, a 3-digit serial
and a check digit: the sum of the first 13 digits weighted 7, 3, 1 (repeating), modulo 10.
This module imports nothing but the standard library so that the registry simulator, which
runs as its own process, can share it.
"""

from __future__ import annotations

import datetime
from itertools import cycle
from typing import Final

_WEIGHTS: Final[tuple[int, int, int]] = (7, 3, 1)
#: The first digit by (century, sex): 19th century 1/2, 20th 3/4, 21st 5/6; odd for men.
_CENTURY_DIGITS: Final[dict[tuple[int, str], int]] = {
    (1800, "male"): 1, (1800, "female"): 2,
    (1900, "male"): 3, (1900, "female"): 4,
    (2000, "male"): 5, (2000, "female"): 6,
}


def check_digit(first_thirteen: str) -> int:
    """The check digit of the first 13 digits (weights 7, 3, 1 repeating, sum mod 10)."""
    return sum(int(d) * w for d, w in zip(first_thirteen, cycle(_WEIGHTS), strict=False)) % 10


def make_pinfl(birth_date: datetime.date, sex: str, area_code: int, serial: int) -> str:
    """A valid PINFL for a person born on ``birth_date`` (``sex`` is "male" or "female")."""
    century = birth_date.year // 100 * 100
    head = (
        f"{_CENTURY_DIGITS[(century, sex)]}{birth_date:%d%m}{birth_date.year % 100:02d}"
        f"{area_code % 1000:03d}{serial % 1000:03d}"
    )
    return head + str(check_digit(head))


def is_valid_pinfl(value: str) -> bool:
    """True when ``value`` is 14 digits with a correct check digit and a real birth date."""
    if len(value) != 14 or not value.isdigit() or value[0] not in "123456":
        return False
    if check_digit(value[:13]) != int(value[13]):
        return False
    return birth_date_of(value) is not None


def birth_date_of(pinfl: str) -> datetime.date | None:
    """The birth date a PINFL encodes, or None when its digits make no calendar date."""
    century = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}.get(pinfl[:1])
    if century is None:
        return None
    try:
        return datetime.date(century + int(pinfl[5:7]), int(pinfl[3:5]), int(pinfl[1:3]))
    except ValueError:
        return None


def mask_pinfl(pinfl: str) -> str:
    """The PINFL as logs may show it: only the last four digits."""
    return "*" * 10 + pinfl[-4:]
