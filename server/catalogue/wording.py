"""How a fee and a processing time read in each locale.

Fees are whole soʻm (UZS has no minor unit in use).  A fee set in base calculation amounts
(BHM) is worked out from the BHM value in force (``XIZMAT_BHM_AMOUNT`` from
``XIZMAT_BHM_EFFECTIVE``), and the document says so, because the amount changes when the
government raises the BHM while the law's multiple does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from babel.numbers import format_decimal

from locales.catalogs import translations
from server.catalogue.models import Fee


def N_(message: str) -> str:  # noqa: N802 - the gettext marker extractors look for
    return message


def _n(singular: str, plural: str) -> tuple[str, str]:
    return singular, plural


DEFAULT_BHM_AMOUNT: Final[int] = 412_000
DEFAULT_BHM_EFFECTIVE: Final[date] = date(2025, 8, 1)

FREE: Final[str] = N_("Free")
AMOUNT: Final[str] = N_("%(amount)s UZS")
BHM_BASIS: Final[str] = N_(
    "%(multiple)s × the base calculation amount of %(bhm)s, in force since %(since)s"
)
SAME_DAY: Final[str] = N_("On the day you apply")
WORKING_DAYS: Final[tuple[str, str]] = _n("%(num)d working day", "%(num)d working days")


@dataclass(frozen=True, slots=True)
class FeeSettings:
    bhm_amount: int = DEFAULT_BHM_AMOUNT
    bhm_effective: date = DEFAULT_BHM_EFFECTIVE


def whole_soum(amount: int, locale: str) -> str:
    """``164800`` -> ``164 800 soʻm`` (uz_Latn), ``164 800 сум`` (ru), ``164,800 UZS`` (en)."""
    number = format_decimal(amount, "#,##0", locale=locale)
    text: str = translations(locale, ("catalogue",)).gettext(AMOUNT)
    return text % {"amount": number}


def fee_amount(fee: Fee, settings: FeeSettings) -> int:
    if fee.kind == "fixed" and fee.amount is not None:
        return fee.amount
    if fee.kind == "bhm" and fee.multiple is not None:
        exact = fee.multiple * Decimal(settings.bhm_amount)
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return 0


def fee_document(fee: Fee, locale: str, settings: FeeSettings) -> dict[str, Any]:
    """The fee as the API sends it: kind, whole soʻm, the text to show, and its basis."""
    catalog = translations(locale, ("catalogue",))
    amount = fee_amount(fee, settings)
    document: dict[str, Any] = {
        "kind": fee.kind,
        "amount": amount,
        "currency": "UZS",
        "text": catalog.gettext(FREE) if fee.kind == "free" else whole_soum(amount, locale),
        "basis": None,
    }
    if fee.kind == "bhm" and fee.multiple is not None:
        document["multiple"] = format(fee.multiple.normalize(), "f")
        document["basis"] = catalog.gettext(BHM_BASIS) % {
            "multiple": format_decimal(fee.multiple, locale=locale),
            "bhm": whole_soum(settings.bhm_amount, locale),
            "since": f"{settings.bhm_effective:%d.%m.%Y}",
        }
    return document


def processing_time(days: int, locale: str) -> str:
    """``10`` -> "10 ish kuni" / "10 рабочих дней" / "10 working days"."""
    catalog = translations(locale, ("catalogue",))
    if days == 0:
        return str(catalog.gettext(SAME_DAY))
    return str(catalog.ngettext(*WORKING_DAYS, days) % {"num": days})
