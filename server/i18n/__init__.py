"""The request's locale and the server's translations.

Every response is in one locale, chosen once per request by :func:`current_locale`:
``?lang=``, then the signed-in user's saved preference (through the loader the accounts part
installs as ``app.extensions["user_locale_loader"]``), then ``Accept-Language``, then
``uz_Latn`` (see :mod:`locales.negotiation`).  A loader marked :func:`needs_authorization` is
asked only when the request has an ``Authorization`` header, and none is asked when ``?lang=``
already chose.  This runs on every request, so it avoids ``request.args`` for a plain
``?lang=xx`` and reads the WSGI environ directly.

Texts come from the gettext domains the server uses, chained (each keeps its own plural rule)
by :func:`locales.catalogs.translations`.  flask-babel is wired to the same chain, so its
``gettext`` and ``format_*`` helpers agree with :func:`translate`; the latter is the fast path
(about 70 times cheaper per call than ``flask_babel.gettext``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, Final

from babel.support import NullTranslations
from flask import Flask, Request, Response, current_app, g, has_request_context, request
from flask.ctx import _AppCtxGlobals
from flask_babel import Babel, Domain
from werkzeug.utils import cached_property

from locales import BCP47_TAGS, DEFAULT_LOCALE, LOCALES_DIR, SUPPORTED_LOCALES
from locales.catalogs import translations
from locales.markers import N_ as N_  # re-exported: the server marks texts with these
from locales.markers import _n as _n
from locales.negotiation import match_tag, negotiate

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

#: Longest ``?lang=`` value looked at (a tag is short; as :func:`negotiate` cuts it).
_MAX_LANG_LENGTH: Final = 64
#: Characters that make a query string need werkzeug's parser (escapes, spaces, separators).
_ESCAPES: Final[frozenset[str]] = frozenset("%+&;=#")

logger = logging.getLogger(__name__)


def current_locale() -> str:
    """The locale folder name of the current request (``uz_Latn`` outside a request)."""
    if not has_request_context():
        return DEFAULT_LOCALE
    app_globals: _AppCtxGlobals = g._get_current_object()
    locale: str | None = app_globals.get("xizmat_locale")
    if locale is None:
        locale = app_globals.xizmat_locale = _negotiated_locale()
    return locale


def _negotiated_locale() -> str:
    current: Request = request._get_current_object()  # type: ignore[attr-defined]
    environ = current.environ
    query: str = environ.get("QUERY_STRING", "")
    lang = (plain_lang_parameter(query) or current.args.get("lang")) if query else None
    if lang:
        chosen = match_tag(lang[:_MAX_LANG_LENGTH])
        if chosen is not None:
            return chosen  # ?lang= wins: the saved preference need not be looked up
    return negotiate(
        user_locale=_saved_user_locale(environ),
        accept_language=environ.get("HTTP_ACCEPT_LANGUAGE"),
    )


def plain_lang_parameter(query: str) -> str | None:
    """The value of a query string that is only ``lang=<plain ASCII>``, else None.

    Clients mostly send just ``?lang=ru``: read that without building ``request.args`` (about
    2.5 µs); anything with escapes, ``+``, more parameters or non-ASCII goes the full way.
    """
    if not query.startswith("lang="):
        return None
    value = query[5:]
    return value if value.isascii() and not _ESCAPES.intersection(value) else None


def needs_authorization(loader: UserLocaleLoader) -> UserLocaleLoader:
    """Mark a user-locale loader that can only find a locale for a request with credentials.

    Such a loader is not asked when the request has no ``Authorization`` header (most reads),
    which spares it looking for a token that is not there::

        @needs_authorization
        def saved_locale_of_signed_in_user() -> str | None: ...
    """
    loader.needs_authorization = True  # type: ignore[attr-defined]
    return loader


def _saved_user_locale(environ: Mapping[str, Any]) -> str | None:
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    loader: UserLocaleLoader | None = app.extensions.get(USER_LOCALE_LOADER)
    if loader is None:
        return None
    if "HTTP_AUTHORIZATION" not in environ and getattr(loader, "needs_authorization", False):
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
    headers = response.headers
    headers["Content-Language"] = BCP47_TAGS[current_locale()]
    # Scanned rather than ``"Vary" in headers``, which raises (and builds) a KeyError when the
    # header is absent, as it is on almost every response.
    if any(name.lower() == "vary" for name, _ in headers):
        response.vary.add("Accept-Language")  # merge with what the view varies on
    else:
        headers["Vary"] = "Accept-Language"  # the common case, without parsing a header set
    return response
