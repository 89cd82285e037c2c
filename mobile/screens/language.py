"""First run, part one: the language, each named in its own language and spoken in it."""

from __future__ import annotations

from typing import Any

from locales import NATIVE_NAMES, SUPPORTED_LOCALES
from locales.markers import N_
from mobile.a11y.widgets import XListItem
from mobile.i18n import catalog
from mobile.screens.base import XScreen

CHOSEN = N_("Language: %(name)s")


class LanguageScreen(XScreen):
    def prepare(self, **context: Any) -> None:
        choices = self.ids.choices
        choices.clear_widgets()
        for locale in SUPPORTED_LOCALES:
            item = XListItem(text=NATIVE_NAMES[locale], payload=locale, a11y_id=f"lang_{locale}")
            # The hint is in the language it offers, so each choice is understood by its reader.
            item.a11y_hint = catalog(locale).gettext("Press Enter to choose this language.")
            item.bind(on_release=self.choose)
            choices.add_widget(item)

    def choose(self, item: XListItem) -> None:
        locale = str(item.payload)
        self.app.apply_preferences({"locale": locale})
        self.app.say_status(catalog(locale).gettext(CHOSEN) % {"name": NATIVE_NAMES[locale]})
        self.app.go("reading_mode")
