"""Localizing the messages marshmallow and webargs produce for invalid input.

They arrive already formatted in English ("Longer than maximum length 64.").  Each known
message is written here once as a gettext message id with named placeholders; an incoming
message is matched against them, and the placeholders' values are carried over into the
translation.  A message no pattern knows (a domain's own, already localized text) is passed
through :func:`server.i18n.translate`, which leaves unknown text unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Final

from server.i18n import N_, translate

#: marshmallow 4 / webargs default messages with ``{name}`` turned into ``%(name)s``.
VALIDATION_MESSAGES: Final[tuple[str, ...]] = (
    N_("Missing data for required field."),
    N_("Field may not be null."),
    N_("Invalid value."),
    N_("Invalid type."),
    N_("Invalid input type."),
    N_("Invalid input."),
    N_("Unknown field."),
    N_("Invalid JSON body."),
    N_("Not a valid string."),
    N_("Not a valid utf-8 string."),
    N_("Not a valid UUID."),
    N_("Not a valid number."),
    N_("Number too large."),
    N_("Not a valid integer."),
    N_("Special numeric values (nan or infinity) are not permitted."),
    N_("Not a valid boolean."),
    N_("Not a valid date."),
    N_("Not a valid datetime."),
    N_("Not a valid time."),
    N_("Not a valid naive datetime."),
    N_("Not a valid aware datetime."),
    N_("Not a valid period of time."),
    N_("Not a valid list."),
    N_("Not a valid tuple."),
    N_("Not a valid mapping type."),
    N_("Not a valid URL."),
    N_("Not a valid email address."),
    N_("String does not match expected pattern."),
    # Ranges with both ends first, and "or equal to" before the bare form: the placeholders
    # match lazily, so a shorter pattern tried first would swallow the rest of the sentence.

    # translators: %(min)s and %(max)s are numbers (the allowed range of a field's value).
    N_("Must be greater than or equal to %(min)s and less than or equal to %(max)s."),
    N_("Must be greater than or equal to %(min)s and less than %(max)s."),
    N_("Must be greater than %(min)s and less than or equal to %(max)s."),
    N_("Must be greater than %(min)s and less than %(max)s."),
    N_("Must be greater than or equal to %(min)s."),
    N_("Must be greater than %(min)s."),
    N_("Must be less than or equal to %(max)s."),
    N_("Must be less than %(max)s."),
    # translators: a text or list is too short; %(min)s is the number of characters or items.
    N_("Shorter than minimum length %(min)s."),
    N_("Longer than maximum length %(max)s."),
    N_("Length must be between %(min)s and %(max)s."),
    N_("Length must be %(equal)s."),
    N_("Must be equal to %(other)s."),
    # translators: %(choices)s is a comma-separated list of the allowed values.
    N_("Must be one of: %(choices)s."),
    N_("One or more of the choices you made was not in: %(choices)s."),
    N_("One or more of the choices you made was in: %(values)s."),
)

_PLACEHOLDER = re.compile(r"%\\\(([a-z_]+)\\\)s")


def _pattern(msgid: str) -> re.Pattern[str]:
    return re.compile(_PLACEHOLDER.sub(r"(?P<\1>.+?)", re.escape(msgid)) + r"\Z", re.DOTALL)


_PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (msgid, _pattern(msgid)) for msgid in VALIDATION_MESSAGES
)


@lru_cache(maxsize=1024)
def _match(message: str) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    for msgid, pattern in _PATTERNS:
        found = pattern.match(message)
        if found is not None:
            return msgid, tuple(found.groupdict().items())
    return None


def localize_message(message: str, locale: str | None = None) -> str:
    """One validation message in ``locale`` (default: the request's)."""
    matched = _match(message)
    if matched is None:
        return translate(message, locale)
    msgid, params = matched
    return translate(msgid, locale, **dict(params))


def flatten_errors(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested error dict as ``{"a.b.0": [messages]}``.

    The outer webargs location (``json``, ``query`` ...) is kept out by the caller; list
    indexes become path segments; a bare list at the top sits under ``_schema``.
    """
    flat: dict[str, list[str]] = {}
    if isinstance(messages, Mapping):
        for key, value in messages.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            for inner_path, inner in flatten_errors(value, path).items():
                flat.setdefault(inner_path, []).extend(inner)
    elif isinstance(messages, (list, tuple)):
        texts = [str(item) for item in messages if not isinstance(item, (Mapping, list, tuple))]
        if texts:
            flat.setdefault(prefix or "_schema", []).extend(texts)
        for item in messages:
            if isinstance(item, (Mapping, list, tuple)):
                for inner_path, inner in flatten_errors(item, prefix).items():
                    flat.setdefault(inner_path, []).extend(inner)
    else:
        flat.setdefault(prefix or "_schema", []).append(str(messages))
    return flat


def localize_errors(messages: Any, locale: str | None = None) -> dict[str, list[str]]:
    """Flattened field errors with every message localized."""
    return {
        field: [localize_message(text, locale) for text in texts]
        for field, texts in flatten_errors(messages).items()
    }
