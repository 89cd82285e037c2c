"""The client's translator: ``tr._("...")`` in kv re-renders when the language changes.

After KivyMD's MVC translation pattern: kv binds every expression that reads ``tr._`` to this
observable, and :meth:`Translator.switch` calls those bindings, so that switching language at
run time updates every visible text without rebuilding a screen.  Texts come from the
``mobile`` and ``accessibility`` gettext domains (then ``common``), English source as msgid.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from typing import Any

from kivy.event import Observable

from locales import DEFAULT_LOCALE, SUPPORTED_LOCALES
from locales.catalogs import translations

DOMAINS = ("mobile", "accessibility", "common")


def catalog(locale: str) -> gettext.NullTranslations:
    return translations(locale, DOMAINS)


class Translator(Observable):
    def __init__(self, locale: str = DEFAULT_LOCALE) -> None:
        super().__init__()
        self.observers: list[tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]] = []
        self.locale = locale
        self._catalog = catalog(locale)

    def _(self, message: str, **params: Any) -> str:
        text = self._catalog.gettext(message)
        return text % params if params else text

    def _n(self, singular: str, plural: str, count: int, **params: Any) -> str:
        text = self._catalog.ngettext(singular, plural, count)
        return text % {"count": count, **params}

    def switch(self, locale: str) -> None:
        if locale not in SUPPORTED_LOCALES:
            raise ValueError(f"unsupported locale {locale!r}")
        self.locale = locale
        self._catalog = catalog(locale)
        for callback, largs, _kwargs in list(self.observers):
            callback(*largs, None, None)

    # Kivy's kv language binds through these three methods.
    def fbind(self, name: str, func: Callable[..., Any], *largs: Any, **kwargs: Any) -> int:
        if name == "_":
            self.observers.append((func, largs, kwargs))
            return len(self.observers)
        return int(super().fbind(name, func, *largs, **kwargs))

    def funbind(self, name: str, func: Callable[..., Any], *largs: Any, **kwargs: Any) -> None:
        if name == "_":
            entry = (func, largs, kwargs)
            if entry in self.observers:
                self.observers.remove(entry)
        else:
            super().funbind(name, func, *largs, **kwargs)

    def unbind_uid(self, name: str, uid: int) -> None:
        if name == "_":
            if 0 < uid <= len(self.observers):
                # Keep indexes stable for other uids: blank the slot rather than pop it.
                self.observers[uid - 1] = (_noop, (), {})
        else:
            super().unbind_uid(name, uid)


def _noop(*_args: Any) -> None:
    """Stands in for an unbound kv observer so the others keep their uids."""
