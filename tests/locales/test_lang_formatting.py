"""Money, fees, dates and durations in every locale (golden values)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from locales.formatting import (
    BaseAmount,
    base_amount_on,
    bhm_fee_amount,
    describe_base_amount,
    format_bhm_fee,
    format_date,
    format_date_long,
    format_duration,
    format_free,
    format_number,
    format_som,
)

NBSP = "\u00a0"
BHM_2024 = BaseAmount(375_000, datetime.date(2024, 8, 1))
BHM_2025 = BaseAmount(412_000, datetime.date(2025, 8, 1))


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("uz_Latn", f"1{NBSP}234{NBSP}567{NBSP}soʻm"),
        ("uz_Cyrl", f"1{NBSP}234{NBSP}567{NBSP}сўм"),
        ("ru", f"1{NBSP}234{NBSP}567{NBSP}сум"),
        ("en", f"UZS{NBSP}1,234,567"),
    ],
)
def test_whole_som_amounts(locale: str, expected: str) -> None:
    assert format_som(1_234_567, locale) == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("uz_Latn", f"0{NBSP}soʻm"), ("uz_Cyrl", f"500{NBSP}сўм"), ("ru", f"500{NBSP}сум"),
     ("en", f"UZS{NBSP}500")],
)
def test_small_amounts(locale: str, expected: str) -> None:
    assert format_som(0 if locale == "uz_Latn" else 500, locale) == expected


def test_amounts_must_be_whole_and_locales_supported() -> None:
    with pytest.raises(TypeError):
        format_som(Decimal("10.5"), "ru")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unsupported locale"):
        format_som(10, "de")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("uz_Latn", f"0,4 BHM (150{NBSP}000{NBSP}soʻm)"),
        ("uz_Cyrl", f"0,4 БҲМ (150{NBSP}000{NBSP}сўм)"),
        ("ru", f"0,4 БРВ (150{NBSP}000{NBSP}сум)"),
        ("en", f"0.4 BCA (UZS{NBSP}150,000)"),
    ],
)
def test_fees_in_base_calculation_amounts(locale: str, expected: str) -> None:
    assert format_bhm_fee("0.4", BHM_2024, locale) == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("uz_Latn",
         f"Bazaviy hisoblash miqdori 01.08.2025 sanasidan boshlab 412{NBSP}000{NBSP}soʻm."),
        ("uz_Cyrl", f"Базавий ҳисоблаш миқдори 01.08.2025 санасидан бошлаб 412{NBSP}000{NBSP}сўм."),
        ("ru", f"Базовая расчётная величина с 01.08.2025 составляет 412{NBSP}000{NBSP}сум."),
        ("en", f"One base calculation amount is UZS{NBSP}412,000 since 1 Aug 2025."),
    ],
)
def test_base_amount_note(locale: str, expected: str) -> None:
    assert describe_base_amount(BHM_2025, locale) == expected


def test_the_base_amount_in_force_is_chosen_by_date() -> None:
    schedule = [BHM_2025, BHM_2024]
    assert base_amount_on(datetime.date(2025, 7, 31), schedule) == BHM_2024
    assert base_amount_on(datetime.date(2025, 8, 1), schedule) == BHM_2025
    with pytest.raises(ValueError, match="no base calculation amount"):
        base_amount_on(datetime.date(2020, 1, 1), schedule)
    with pytest.raises(ValueError, match="positive"):
        BaseAmount(0, datetime.date(2024, 1, 1))


def test_fee_amounts_round_half_up_to_whole_som() -> None:
    assert bhm_fee_amount("0.4", BHM_2024) == 150_000
    assert bhm_fee_amount(Decimal("0.15"), BaseAmount(330_001, datetime.date(2023, 6, 1))) == 49_500
    assert bhm_fee_amount(2, BHM_2025) == 824_000


@pytest.mark.parametrize(
    ("locale", "short", "long"),
    [
        ("uz_Latn", "08.03.2026", "2026-yil 8-mart"),
        ("uz_Cyrl", "08.03.2026", "2026 йил 8 март"),
        ("ru", "08.03.2026", "8 марта 2026 г."),
        ("en", "8 Mar 2026", "8 March 2026"),
    ],
)
def test_dates(locale: str, short: str, long: str) -> None:
    day = datetime.date(2026, 3, 8)
    assert format_date(day, locale) == short
    assert format_date_long(day, locale) == long


def test_uzbek_long_dates_use_official_month_names() -> None:
    assert format_date_long(datetime.date(2026, 9, 15), "uz_Latn") == "2026-yil 15-sentabr"
    assert format_date_long(datetime.date(2026, 9, 15), "uz_Cyrl") == "2026 йил 15 сентябрь"


RUSSIAN_WORKING_DAYS = {
    0: "0 рабочих дней",
    1: "1 рабочий день",
    2: "2 рабочих дня",
    5: "5 рабочих дней",
    11: "11 рабочих дней",
    21: "21 рабочий день",
    22: "22 рабочих дня",
    25: "25 рабочих дней",
    111: "111 рабочих дней",
}


@pytest.mark.parametrize(("count", "expected"), sorted(RUSSIAN_WORKING_DAYS.items()))
def test_russian_durations_use_one_few_many(count: int, expected: str) -> None:
    assert format_duration(count, "working_day", "ru") == expected


@pytest.mark.parametrize(
    ("count", "unit", "locale", "expected"),
    [
        (1, "working_day", "uz_Latn", "1 ish kuni"),
        (10, "working_day", "uz_Latn", "10 ish kuni"),
        (10, "working_day", "uz_Cyrl", "10 иш куни"),
        (1, "working_day", "en", "1 working day"),
        (10, "working_day", "en", "10 working days"),
        (3, "month", "ru", "3 месяца"),
        (5, "year", "ru", "5 лет"),
        (21, "hour", "ru", "21 час"),
        (12, "minute", "uz_Latn", "12 daqiqa"),
        (2, "day", "uz_Cyrl", "2 кун"),
        (1500, "day", "ru", f"1{NBSP}500 дней"),
        (1500, "day", "en", "1,500 days"),
    ],
)
def test_durations_in_every_locale(count: int, unit: str, locale: str, expected: str) -> None:
    assert format_duration(count, unit, locale) == expected


def test_unknown_duration_unit_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown unit"):
        format_duration(3, "fortnight", "en")


@pytest.mark.parametrize(
    ("locale", "free", "number"),
    [("uz_Latn", "Bepul", "0,25"), ("uz_Cyrl", "Бепул", "0,25"), ("ru", "Бесплатно", "0,25"),
     ("en", "Free of charge", "0.25")],
)
def test_free_and_decimal_numbers(locale: str, free: str, number: str) -> None:
    assert format_free(locale) == free
    assert format_number(Decimal("0.25"), locale) == number
