"""Settings: language, type scale (100-300 %), theme, speech on/off and rate.

Each change is applied at once (kv reads the app's properties) and saved on the phone and to
the server profile, so it follows the citizen to another device.
"""

from __future__ import annotations

from typing import Any

from accessibility.themes import THEMES
from accessibility.typescale import SCALE_STEPS, nearest_step
from locales import NATIVE_NAMES, SUPPORTED_LOCALES
from locales.markers import N_
from mobile.a11y.widgets import XChoice
from mobile.screens.base import XScreen

THEME_NAMES = {
    "default": N_("Standard colours"),
    "high_contrast_dark": N_("High contrast, dark"),
    "high_contrast_light": N_("High contrast, light"),
}


class SettingsScreen(XScreen):
    def prepare(self, **context: Any) -> None:
        app = self.app
        self.ids.languages.clear_widgets()
        for locale in SUPPORTED_LOCALES:
            choice = XChoice(label=NATIVE_NAMES[locale], value=locale, a11y_role="radio",
                             group_name="language", a11y_id=f"language_{locale}",
                             checked=locale == app.locale)
            choice.bind(on_release=lambda c: self.change({"locale": c.value}))
            self.ids.languages.add_widget(choice)
        self.ids.themes.clear_widgets()
        for name in THEMES:
            choice = XChoice(label=app.tr._(THEME_NAMES[name]), value=name, a11y_role="radio",
                             group_name="theme", a11y_id=f"theme_{name}",
                             checked=name == app.theme_name)
            choice.bind(on_release=lambda c: self.change({"theme": c.value}))
            self.ids.themes.add_widget(choice)

    def change(self, values: dict[str, Any]) -> None:
        app = self.app
        app.apply_preferences(values)
        app.save_profile()
        if "locale" in values or "theme" in values:
            self.prepare()  # choice labels are built in Python: rebuild them in the new language
        app.say_status(app.tr._("Saved."))

    def scale(self, direction: int) -> None:
        index = SCALE_STEPS.index(nearest_step(self.app.font_scale)) + direction
        index = max(0, min(len(SCALE_STEPS) - 1, index))
        self.change({"font_scale": SCALE_STEPS[index]})

    def rate(self, delta: float) -> None:
        self.change({"speech_rate": round(self.app.speech_rate + delta, 2)})
