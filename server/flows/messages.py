"""Localized field error messages: the definition's own wording first, else ours.

A definition may word any rule itself under ``errors`` (translated in the ``services`` domain);
otherwise the message comes from the ``catalogue`` domain below, filled in from the field's
constraints.  Messages are written to be read aloud too: no symbols that only make sense on
screen.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Final

from locales import DEFAULT_LOCALE, LOCALES_DIR, SUPPORTED_LOCALES
from locales.catalogs import translations
from locales.markers import N_, _n
from server.catalogue.models import FieldDefinition, text_context
from server.flows.cleaning import DEFAULT_MAX_LENGTH

#: The engine's own messages; a definition's own wording is in the ``services`` domain.
FLOW_DOMAINS: Final[tuple[str, ...]] = ("catalogue",)
SERVICES_DOMAINS: Final[tuple[str, ...]] = ("services",)

#: Message per (field type or "*", rule); plural messages take the limit as ``num``.
MESSAGES: Final[dict[tuple[str, str], str | tuple[str, str]]] = {
    ("*", "required"): N_("Fill in this field."),
    ("*", "invalid"): N_("This value is not valid."),
    ("text", "invalid"): N_("Enter text on one line."),
    ("long_text", "invalid"): N_("Enter text without control characters."),
    ("address", "invalid"): N_("Enter the address as text."),
    ("integer", "invalid"): N_("Enter a whole number."),
    ("decimal", "invalid"): N_("Enter a number."),
    ("date", "invalid"): N_("Enter a date as day, month and year, for example 31.05.2024."),
    ("yes_no", "invalid"): N_("Answer yes or no."),
    ("consent", "invalid"): N_("Answer yes or no."),
    ("phone", "invalid"): N_(
        "Enter a phone number of Uzbekistan: plus 998 and nine digits, for example "
        "+998 90 123 45 67."
    ),
    ("pinfl", "invalid"): N_("Enter your 14-digit PINFL."),
    ("pinfl", "checksum"): N_("This PINFL has a mistake in its digits; check it and try again."),
    ("pinfl", "birth_date"): N_("This PINFL does not hold a possible birth date; check it."),
    ("email", "invalid"): N_("Enter an e-mail address, for example name@example.uz."),
    ("region", "invalid"): N_("Choose a region from the list."),
    ("district", "invalid"): N_("Choose a district of the region you selected."),
    ("district", "region_first"): N_("Choose the region first."),
    ("*", "choice"): N_("Choose one of the options offered."),
    ("*", "pattern"): N_("This value is not in the expected format."),
    ("*", "must_accept"): N_("You need to agree to continue."),
    ("*", "min_length"): _n("Enter at least %(num)d character.",
                            "Enter at least %(num)d characters."),
    ("*", "max_length"): _n("Enter at most %(num)d character.",
                            "Enter at most %(num)d characters."),
    ("*", "min"): N_("Enter %(limit)s or more."),
    ("*", "max"): N_("Enter %(limit)s or less."),
    ("date", "min"): N_("Enter a date on or after %(limit)s."),
    ("date", "max"): N_("Enter a date on or before %(limit)s."),
    ("date", "not_future"): N_("This date cannot be in the future."),
    ("date", "not_past"): N_("This date cannot be in the past."),
    ("date", "min_age"): _n("The person must be at least %(num)d year old.",
                            "The person must be at least %(num)d years old."),
    ("date", "max_age"): _n("The person must be at most %(num)d year old.",
                            "The person must be at most %(num)d years old."),
    ("*", "min_items"): _n("Choose at least %(num)d option.", "Choose at least %(num)d options."),
    ("*", "max_items"): _n("Choose at most %(num)d option.", "Choose at most %(num)d options."),
}

#: Messages about the submission as a whole (errors key ``_schema`` / ``_step``).
NOT_AN_OBJECT: Final[str] = N_("Send the answers of a step as a JSON object.")
UNKNOWN_STEP: Final[str] = N_("This service has no such step.")
UNEXPECTED: Final[str] = N_("We could not check this step. Try again later.")

#: Rules whose message quotes the constraint of the same name.
_LIMITED_RULES: Final[frozenset[str]] = frozenset({
    "min_length", "max_length", "min_items", "max_items", "min_age", "max_age", "min", "max",
})


def usable_locale(locale: Any) -> str:
    return locale if isinstance(locale, str) and locale in SUPPORTED_LOCALES else DEFAULT_LOCALE


def general_message(msgid: str, locale: str) -> str:
    text: str = translations(usable_locale(locale), FLOW_DOMAINS).gettext(msgid)
    return text


def field_message(
    service_id: str, step_id: str, field: FieldDefinition, rule: str, locale: str,
    services_root: Path = LOCALES_DIR,
) -> str:
    """The localized message for ``field`` breaking ``rule``.

    ``services_root`` holds the catalogs of the definition's own texts (tests use their own).
    """
    locale = usable_locale(locale)
    catalog = translations(locale, FLOW_DOMAINS)
    limit = _limit(field, rule)
    own = field.errors.get(rule) or (field.errors.get("invalid") if rule in (
        "checksum", "birth_date", "choice", "region_first") else None)
    if own is not None:
        context = text_context(service_id, "steps", step_id, "fields", field.name, "errors",
                               rule if rule in field.errors else "invalid")
        own_catalog = translations(locale, SERVICES_DOMAINS, services_root)
        return _fill(str(own_catalog.pgettext(context, own)), limit)
    message = MESSAGES.get((field.type, rule)) or MESSAGES.get(("*", rule)) \
        or MESSAGES[("*", "invalid")]
    if isinstance(message, tuple):
        count = limit if isinstance(limit, int) else 0
        return _fill(str(catalog.ngettext(message[0], message[1], count)), count)
    return _fill(str(catalog.gettext(message)), limit)


def _limit(field: FieldDefinition, rule: str) -> Any:
    if rule == "max_length" and "max_length" not in field.constraints:
        return DEFAULT_MAX_LENGTH.get(field.type, 0)
    value = field.constraints.get(rule) if rule in _LIMITED_RULES else None
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    return value


def _fill(text: str, limit: Any) -> str:
    params = {"num": limit, "limit": limit}
    try:
        return text % params
    except (KeyError, ValueError, TypeError):
        return text  # a definition's own message with no (or other) placeholders
