"""How a fee and a processing time read in each locale (through ``locales.formatting``).

Fees are whole soʻm.  A fee set in base calculation amounts (BHM) is worked out from the BHM
value in force (``XIZMAT_BHM_AMOUNT`` from ``XIZMAT_BHM_EFFECTIVE``), and the document says so,
because the amount changes when the BHM is raised while the law's multiple does not.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from locales.catalogs import translations
from locales.formatting import (
    BaseAmount,
    bhm_fee_amount,
    describe_base_amount,
    format_bhm_fee,
    format_duration,
    format_free,
    format_som,
)
from locales.markers import N_
from server.catalogue.models import Fee

DEFAULT_BHM_AMOUNT: Final[int] = 412_000
DEFAULT_BHM_EFFECTIVE: Final[date] = date(2025, 8, 1)
#: The BHM in force, as the catalogue renders fees with it.
FeeSettings = BaseAmount

# translators: Processing time of a service that is done at once. Length: max 30 characters.
SAME_DAY: Final[str] = N_("On the day you apply")


def default_fee_settings() -> BaseAmount:
    return BaseAmount(DEFAULT_BHM_AMOUNT, DEFAULT_BHM_EFFECTIVE)


def fee_amount(fee: Fee, settings: BaseAmount) -> int:
    if fee.kind == "fixed" and fee.amount is not None:
        return fee.amount
    if fee.kind == "bhm" and fee.multiple is not None:
        return bhm_fee_amount(fee.multiple, settings)
    return 0


def fee_document(fee: Fee, locale: str, settings: BaseAmount) -> dict[str, Any]:
    """The fee as the API sends it: kind, whole soʻm, the text to show, and its basis."""
    amount = fee_amount(fee, settings)
    document: dict[str, Any] = {
        "kind": fee.kind, "amount": amount, "currency": "UZS", "basis": None,
        "text": format_free(locale) if fee.kind == "free" else format_som(amount, locale),
    }
    if fee.kind == "bhm" and fee.multiple is not None:
        document["multiple"] = format(fee.multiple.normalize(), "f")
        document["text"] = format_bhm_fee(fee.multiple, settings, locale)
        document["basis"] = describe_base_amount(settings, locale)
    return document


def processing_time(days: int, locale: str) -> str:
    """``10`` -> "10 ish kuni" / "10 рабочих дней" / "10 working days"."""
    if days == 0:
        return str(translations(locale, ("catalogue",)).gettext(SAME_DAY))
    return format_duration(days, "working_day", locale)
