"""Phone numbers typed any common way, and PINFL check digits and birth dates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from server.flows.identifiers import (
    make_pinfl,
    normalize_phone,
    pinfl_birth_date,
    pinfl_check_digit,
    pinfl_problem,
)

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    "typed",
    ["+998901234567", "+998 90 123 45 67", "+998 (90) 123-45-67", "998901234567",
     "00998901234567", "90 123 45 67", "901234567", "(90) 123-45-67", "8 90 123 45 67",
     "  +998-90-123-45-67  ", "90.123.45.67", "+998\u00a090\u00a0123\u00a045\u00a067"],
)
def test_common_ways_of_typing_a_phone_number(typed: str) -> None:
    assert normalize_phone(typed) == "+998901234567"


@pytest.mark.parametrize(
    "typed",
    ["", "+7 901 234 56 78", "+998 0 123 45 67 8", "12345", "+998 90 123 45 6",
     "+998 90 123 45 678", "+998 90 abc 45 67", "٩٩٨٩٠١٢٣٤٥٦٧", "99890123456789",
     "+998 90 123 45 67 ext 5", "0901234567", "9" * 200],
)
def test_what_is_not_an_uzbek_phone_number(typed: str) -> None:
    assert normalize_phone(typed) is None


def test_the_check_digit_uses_weights_7_3_1() -> None:
    # 3 1 7 0 5 9 0 2 6 5 1 2 3 with weights 7 3 1 7 3 1 7 3 1 7 3 1 7:
    # 21+3+7+0+15+9+0+6+6+35+3+2+21 = 128 -> 8
    assert pinfl_check_digit("3170590265123") == 8
    assert pinfl_problem("31705902651238", TODAY) is None


@pytest.mark.parametrize(
    ("pinfl", "problem"),
    [("3170590265123", "invalid"), ("317059026512389", "invalid"),
     ("3170590265123a", "invalid"), ("31705902651239", "checksum"),
     ("33102902651233", "birth_date")],
)
def test_broken_pinfls(pinfl: str, problem: str) -> None:
    if problem == "birth_date":  # give the impossible date (31 February) a valid check digit
        pinfl = pinfl[:13] + str(pinfl_check_digit(pinfl[:13]))
    assert pinfl_problem(pinfl, TODAY) == problem


def test_a_birth_date_in_the_future_or_too_long_ago_is_implausible() -> None:
    assert pinfl_problem(make_pinfl(date(2027, 1, 1), "male"), TODAY) == "birth_date"
    assert pinfl_problem(make_pinfl(date(1880, 1, 1), "female"), TODAY) == "birth_date"
    head = "9170590265123"  # century digit 9 does not exist
    assert pinfl_problem(head + str(pinfl_check_digit(head)), TODAY) == "birth_date"


@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY), st.sampled_from(("male", "female")))
def test_a_generated_pinfl_is_valid_and_encodes_its_birth_date(born: date, sex: str) -> None:
    pinfl = make_pinfl(born, sex)
    assert pinfl_problem(pinfl, TODAY) is None
    assert pinfl_birth_date(pinfl) == born
    assert int(pinfl[0]) % 2 == (0 if sex == "female" else 1)


@given(st.dates(min_value=date(1950, 1, 1), max_value=TODAY), st.integers(0, 12),
       st.integers(1, 9))
def test_changing_any_one_digit_breaks_the_check(born: date, position: int, shift: int) -> None:
    pinfl = make_pinfl(born, "male")
    changed = pinfl[:position] + str((int(pinfl[position]) + shift) % 10) + pinfl[position + 1:]
    assert pinfl_problem(changed, TODAY) is not None


@given(st.text(max_size=60))
def test_phone_normalization_never_raises_and_is_canonical(typed: str) -> None:
    phone = normalize_phone(typed)
    assert phone is None or (len(phone) == 13 and phone.startswith("+998") and phone[1:].isdigit())


def test_without_a_day_only_the_calendar_judges_the_birth_date() -> None:
    future = make_pinfl(date(2027, 1, 1), "male")
    assert pinfl_problem(future, TODAY) == "birth_date"
    assert pinfl_problem(future) is None
    head = "3310290265123"  # 31 February
    assert pinfl_problem(head + str(pinfl_check_digit(head))) == "birth_date"


def test_a_pinfl_is_made_only_for_the_sexes_it_encodes() -> None:
    with pytest.raises(ValueError, match="sex"):
        make_pinfl(date(1990, 1, 1), "unknown")
