"""The request's locale and the server's translations.

Every response is in one locale, chosen once per request by :func:`current_locale`:
``?lang=``, then the signed-in user's saved preference (through the loader the accounts part
installs as ``app.extensions["user_locale_loader"]``), then ``Accept-Language``, then
``uz_Latn`` (see :mod:`locales.negotiation`).

Texts come from the gettext domains the server uses, chained (each keeps its own plural rule)
by :func:`locales.catalogs.translations`.  flask-babel is wired to the same chain, so its
``gettext`` and ``format_*`` helpers agree with :func:`translate`; the latter is the fast path
(about 70 times cheaper per call than ``flask_babel.gettext``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Final

from babel.support import NullTranslations
from flask import Flask, Response, current_app, g, has_request_context, request
from flask_babel import Babel, Domain
from werkzeug.utils import cached_property

from locales import BCP47_TAGS, DEFAULT_LOCALE, LOCALES_DIR, SUPPORTED_LOCALES
from locales.catalogs import translations
from locales.negotiation import negotiate

#: The gettext domains the server renders from, searched in this order.
SERVER_DOMAINS: Final[tuple[str, ...]] = (
    "core",
    "accounts",
    "catalogue",
    "services",
    "reference",
    "registries",
    "common",
)

#: ``app.extensions`` key of the callable returning the signed-in user's saved locale.
USER_LOCALE_LOADER: Final[str] = "user_locale_loader"

UserLocaleLoader = Callable[[], "str | None"]

logger = logging.getLogger(__name__)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention extractors look for
    """Mark ``message`` for extraction without translating it now."""
    return message


def _n(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for extraction (``-k _n:1,2``); render with :func:`translate_plural`."""
    return (singular, plural)


def current_locale() -> str:
    """The locale folder name of the current request (``uz_Latn`` outside a request)."""
    if not has_request_context():
        return DEFAULT_LOCALE
    locale: str | None = g.get("xizmat_locale")
    if locale is None:
        locale = negotiate(
            lang_param=request.args.get("lang"),
            user_locale=_saved_user_locale(),
            accept_language=request.headers.get("Accept-Language"),
        )
        g.xizmat_locale = locale
    return locale


def _saved_user_locale() -> str | None:
    loader: UserLocaleLoader | None = current_app.extensions.get(USER_LOCALE_LOADER)
    if loader is None:
        return None
    try:
        return loader()
    except Exception:
        # The locale only chooses a language: a failing loader must not turn every response,
        # including the error that reports its failure, into a 500.  It is logged instead.
        logger.exception("user locale loader failed; negotiating without it")
        return None


def server_translations(locale: str | None = None) -> NullTranslations:
    """The chained catalogs of :data:`SERVER_DOMAINS` for ``locale`` (default: the request's)."""
    return translations(_checked(locale), SERVER_DOMAINS)


def _checked(locale: str | None) -> str:
    if locale is None:
        return current_locale()
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(f"unsupported locale {locale!r}; expected one of {SUPPORTED_LOCALES}")
    return locale


def translate(msgid: str, locale: str | None = None, **params: Any) -> str:
    """``msgid`` in ``locale`` (default: the request's), with ``%(name)s`` params filled in."""
    text: str = server_translations(locale).gettext(msgid)
    return text % params if params else text


def translate_plural(
    singular: str, plural: str, n: int, locale: str | None = None, **params: Any
) -> str:
    """The plural form for ``n`` in ``locale``; ``%(num)d`` is ``n`` unless given in params.

    The text is always %-formatted (as gettext's ngettext does), so a literal % is ``%%``.
    """
    text: str = server_translations(locale).ngettext(singular, plural, n)
    params.setdefault("num", n)
    return text % params


def translate_context(context: str, msgid: str, locale: str | None = None, **params: Any) -> str:
    """``msgid`` with message context ``context`` (e.g. service definition texts)."""
    text = str(server_translations(locale).pgettext(context, msgid))
    return text % params if params else text


class _ChainedDomain(Domain):
    """flask-babel's domain answering from our chain, so plural rules stay per domain."""

    def get_translations(self) -> NullTranslations:
        return server_translations()


class _XizmatBabel(Babel):
    @cached_property
    def domain_instance(self) -> Domain:
        return _ChainedDomain()


def init_app(app: Flask) -> None:
    """Wire flask-babel to the top-level ``locales/`` and the negotiated locale.

    ``BABEL_DOMAIN`` is not used: :class:`_ChainedDomain` answers for every domain.
    """
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(LOCALES_DIR))
    _XizmatBabel(app, locale_selector=current_locale)
    app.after_request(_mark_language)


def _mark_language(response: Response) -> Response:
    """Every response says its language, and that it varies with Accept-Language."""
    response.headers["Content-Language"] = BCP47_TAGS[current_locale()]
    response.vary.add("Accept-Language")
    return response
