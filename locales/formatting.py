"""Money, fees, dates and durations as each locale writes them.

* Amounts are whole soʻm (UZS has no minor unit in use): digits grouped by CLDR (a no-break
  space in Uzbek and Russian), the unit and its position from the ``common`` catalog
  ("150 000 soʻm", "150 000 сўм", "150 000 сум", "UZS 150,000").
* Many fees are set as a multiple of the base calculation amount (BHM).  Its value changes by
  decree, so it comes from configuration as a :class:`BaseAmount` (value and effective date);
  :func:`base_amount_on` picks the one in force on a given day.
* Uzbek official documents write dates dd.MM.yyyy (CLDR's Uzbek short date is dd/MM/yy).
* Durations ("10 working days") use the ``common`` catalog's plural forms, so Russian gets
  one/few/many (1 рабочий день, 2 рабочих дня, 5 рабочих дней).

Nothing here imports Flask: the server, the client and the speech output share it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal

from locales import SUPPORTED_LOCALES
from locales.catalogs import translations
from locales.markers import N_, _n
from locales.speller import MONTH_NAMES
from locales.uzbek import normalize_apostrophes

#: Units a duration can be given in, with their plural pair (``%(num)s`` is the number).
DURATION_UNITS: Final[dict[str, tuple[str, str]]] = {
    # translators: Processing time in working days (Monday to Friday). Length: max 30 characters.
    "working_day": _n("%(num)s working day", "%(num)s working days"),
    # translators: A duration in calendar days. Length: max 30 characters.
    "day": _n("%(num)s day", "%(num)s days"),
    # translators: A duration in hours. Length: max 30 characters.
    "hour": _n("%(num)s hour", "%(num)s hours"),
    # translators: A duration in minutes. Length: max 30 characters.
    "minute": _n("%(num)s minute", "%(num)s minutes"),
    # translators: A duration in months. Length: max 30 characters.
    "month": _n("%(num)s month", "%(num)s months"),
    # translators: A duration or an age in years. Length: max 30 characters.
    "year": _n("%(num)s year", "%(num)s years"),
}

# translators: An amount of money in Uzbek soʻm.
# %(amount)s is the number with its digit groups, e.g. "150 000".
# Write the unit as your language does (soʻm, сўм, сум) on the side it goes.
# Length: max 40 characters.
_AMOUNT: Final[str] = N_("UZS %(amount)s")
# translators: A fee set as a multiple of the base calculation amount (BCA).
# Uzbek: bazaviy hisoblash miqdori (BHM); Russian: базовая расчётная величина (БРВ).
# %(multiple)s is the multiple ("0.4"); %(amount)s the sum with its unit.
# Use your language's official abbreviation.
# Length: max 60 characters.
_BHM_FEE: Final[str] = N_("%(multiple)s BCA (%(amount)s)")
# translators: Explains the base calculation amount under a fee.
# %(amount)s is the sum with its unit; %(date)s the day it took effect.
# Length: max 120 characters.
_BHM_NOTE: Final[str] = N_("One base calculation amount is %(amount)s since %(date)s.")
# translators: The price of a service that costs nothing.
# Length: max 30 characters.
_FREE: Final[str] = N_("Free of charge")


@dataclass(frozen=True)
class BaseAmount:
    """The base calculation amount (BHM) in whole soʻm and the day it took effect."""

    value: int
    effective_from: datetime.date

    def __post_init__(self) -> None:
        if self.value <= 0:
            raise ValueError("the base calculation amount must be a positive whole soʻm")


def base_amount_on(day: datetime.date, schedule: Iterable[BaseAmount]) -> BaseAmount:
    """The amount in force on ``day``: the latest whose effective date is not after it."""
    in_force = [amount for amount in schedule if amount.effective_from <= day]
    if not in_force:
        raise ValueError(f"no base calculation amount is in force on {day.isoformat()}")
    return max(in_force, key=lambda amount: amount.effective_from)


def _checked(locale: str) -> str:
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(f"unsupported locale {locale!r}; expected one of {SUPPORTED_LOCALES}")
    return locale


def _text(locale: str, message: str, **params: object) -> str:
    text: str = translations(_checked(locale), ("common",)).gettext(message)
    return text % params


def _clean(locale: str, text: str) -> str:
    # CLDR's Uzbek data mixes ‘ ’ and ʻ; our Uzbek Latin always writes ʻ and ʼ.
    return normalize_apostrophes(text) if locale == "uz_Latn" else text


def format_number(value: int | Decimal | float, locale: str) -> str:
    """A number with the locale's digit groups and decimal sign (1 234 567 / 1,234,567)."""
    return _clean(locale, format_decimal(value, locale=_checked(locale)))


def format_som(amount: int, locale: str) -> str:
    """A whole amount in soʻm: ``format_som(150000, "uz_Latn")`` -> ``"150 000 soʻm"``."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("amounts in soʻm are whole numbers (int)")
    digits = format_decimal(amount, "#,##0", locale=_checked(locale))
    # A no-break space keeps the number and its unit on one line.
    return _clean(locale, _text(locale, _AMOUNT, amount=digits).replace(" ", "\u00a0"))


def bhm_fee_amount(multiple: Decimal | int | str, base: BaseAmount) -> int:
    """``multiple`` × the base amount, rounded half up to whole soʻm."""
    exact = Decimal(str(multiple)) * base.value
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_bhm_fee(multiple: Decimal | int | str, base: BaseAmount, locale: str) -> str:
    """``"0,4 BHM (150 000 soʻm)"`` for a fee of 0.4 BHM when one BHM is 375 000 soʻm."""
    amount = format_som(bhm_fee_amount(multiple, base), locale)
    shown_multiple = format_number(Decimal(str(multiple)), locale)
    return _text(locale, _BHM_FEE, multiple=shown_multiple, amount=amount)


def describe_base_amount(base: BaseAmount, locale: str) -> str:
    """``"One base calculation amount is 375 000 soʻm since 01.08.2024."`` in ``locale``."""
    return _text(
        locale, _BHM_NOTE,
        amount=format_som(base.value, locale), date=format_date(base.effective_from, locale),
    )


def format_free(locale: str) -> str:
    """The word for a service without a fee."""
    return _text(locale, _FREE)


def format_date(day: datetime.date, locale: str) -> str:
    """A date as forms and receipts show it: dd.MM.yyyy in Uzbek and Russian, 27 Nov 2026."""
    if _checked(locale) == "en":
        return babel_format_date(day, "d MMM y", locale="en")
    return day.strftime("%d.%m.%Y")


def format_date_long(day: datetime.date, locale: str) -> str:
    """A date in words: 2026-yil 27-noyabr, 2026 йил 27 ноябрь, 27 ноября 2026 г., ..."""
    _checked(locale)
    if locale == "uz_Latn":
        return f"{day.year}-yil {day.day}-{MONTH_NAMES['Latn'][day.month - 1]}"
    if locale == "uz_Cyrl":
        return f"{day.year} йил {day.day} {MONTH_NAMES['Cyrl'][day.month - 1]}"
    if locale == "ru":
        return babel_format_date(day, "d MMMM y 'г'.", locale="ru")
    return babel_format_date(day, "d MMMM y", locale="en")


def format_duration(count: int, unit: str, locale: str) -> str:
    """``format_duration(10, "working_day", "ru")`` -> ``"10 рабочих дней"``."""
    try:
        singular, plural = DURATION_UNITS[unit]
    except KeyError:
        known = ", ".join(sorted(DURATION_UNITS))
        raise ValueError(f"unknown unit {unit!r}; expected one of {known}") from None
    text: str = translations(_checked(locale), ("common",)).ngettext(singular, plural, count)
    return text % {"num": format_number(count, locale)}
