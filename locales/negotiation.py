"""Choosing one of the supported locales from what a client asks for.

Werkzeug's ``best_match`` and ``babel.negotiate_locale`` return nothing for ``uz-UZ`` or
``uz-Cyrl-UZ`` and pick Russian for ``uz-UZ,uz;q=0.9,ru;q=0.8``, and ``Locale.parse`` raises on
some real tags.  Here each tag's syntax is parsed on its own, a missing script is filled in
from CLDR's likely subtags (``uz`` -> ``uz_Latn_UZ``), and the (language, script) pair is
mapped to a supported locale.  No input raises: unusable tags are skipped.

Order of precedence (see :func:`negotiate`): ``?lang=``, then the signed-in user's saved
preference, then ``Accept-Language``, then :data:`locales.DEFAULT_LOCALE`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from babel.core import get_global, parse_locale

from locales import DEFAULT_LOCALE, SUPPORTED_LOCALES

#: (language, script) -> locale folder name.  A script of ``None`` matches any script.
_LANGUAGE_SCRIPT_TO_LOCALE: dict[tuple[str, str | None], str] = {
    ("uz", "Latn"): "uz_Latn",
    ("uz", "Cyrl"): "uz_Cyrl",
    ("ru", None): "ru",
    ("en", None): "en",
}

#: Longest header or tag we look at; anything beyond is cut off (a header is not a payload).
_MAX_HEADER_LENGTH = 1024
_MAX_TAG_LENGTH = 64
#: A singleton subtag (``-u-``, ``-x-``, ``-t-`` ...) starts extensions we do not need.
_EXTENSION = re.compile(r"-[0-9a-wyz]-|-x-", re.IGNORECASE)


@lru_cache(maxsize=1024)
def match_tag(tag: str) -> str | None:
    """The supported locale a single language tag stands for, or ``None``.

    Accepts BCP 47 (``uz-Cyrl-UZ``), POSIX-like (``uz_Cyrl``) and folder names, in any case.
    """
    text = tag.strip().replace("_", "-")[:_MAX_TAG_LENGTH]
    if not text or text == "*":
        return None
    extension = _EXTENSION.search(text + "-")
    if extension is not None:
        text = text[: extension.start()]
    try:
        language, territory, script, _variant = parse_locale(text, sep="-")[:4]
    except ValueError:
        return None
    language = language.lower()
    script = _likely_script(language, territory) if script is None else script.title()
    for candidate_script in (script, None):
        locale = _LANGUAGE_SCRIPT_TO_LOCALE.get((language, candidate_script))
        if locale is not None:
            return locale
    return None


def _likely_script(language: str, territory: str | None) -> str | None:
    likely: Mapping[str, str] = get_global("likely_subtags")
    keys = [f"{language}_{territory.upper()}"] if territory else []
    keys.append(language)
    for key in keys:
        full = likely.get(key)
        if full is None:
            continue
        parts = full.split("_")
        if len(parts) >= 2 and len(parts[1]) == 4:
            return parts[1]
    return None


def parse_accept_language(header: str) -> list[tuple[str, float]]:
    """The tags of an ``Accept-Language`` header with their weights, best first.

    Malformed weights count as 0 (not acceptable), as RFC 9110 leaves them undefined and a
    client that sends garbage has not asked for that language.  Ties keep header order.
    """
    entries: list[tuple[int, str, float]] = []
    for position, item in enumerate(header[:_MAX_HEADER_LENGTH].split(",")):
        tag, _, params = item.partition(";")
        tag = tag.strip()
        if not tag:
            continue
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                weight = _parse_weight(value.strip())
        if weight > 0:
            entries.append((position, tag, weight))
    entries.sort(key=lambda entry: (-entry[2], entry[0]))
    return [(tag, weight) for _, tag, weight in entries]


def _parse_weight(value: str) -> float:
    try:
        weight = float(value)
    except ValueError:
        return 0.0
    # float() accepts "nan" and "inf"; neither is a weight.
    if not 0.0 <= weight <= 1.0:
        return 0.0
    return weight


@lru_cache(maxsize=512)
def best_from_header(header: str) -> str | None:
    """The best supported locale an ``Accept-Language`` header asks for, or ``None``."""
    for tag, _weight in parse_accept_language(header):
        locale = match_tag(tag)
        if locale is not None:
            return locale
    return None


def negotiate(
    lang_param: str | None = None,
    user_locale: str | None = None,
    accept_language: str | None = None,
    default: str = DEFAULT_LOCALE,
) -> str:
    """The locale folder name to answer in.

    ``lang_param`` is a ``?lang=`` value (any tag form), ``user_locale`` the signed-in user's
    saved preference (a folder name or tag), ``accept_language`` the raw header.
    """
    if lang_param:
        locale = match_tag(lang_param[:_MAX_TAG_LENGTH])
        if locale is not None:
            return locale
    if user_locale:
        locale = user_locale if user_locale in SUPPORTED_LOCALES else match_tag(user_locale)
        if locale is not None:
            return locale
    if accept_language:
        locale = best_from_header(accept_language[:_MAX_HEADER_LENGTH])
        if locale is not None:
            return locale
    return default
