"""The language code every part of Xizmat shares: locales, catalogs, Uzbek text, formatting.

This package imports Babel only (never Flask, Kivy or the other parts), so the server, the
mobile client and the accessibility toolkit can all rely on it.  The gettext catalogs live
beside the code: ``locales/<locale>/LC_MESSAGES/<domain>.po`` with templates in
``locales/templates/<domain>.pot``.
"""

from pathlib import Path
from typing import Final

#: The folder that holds the catalogs (absolute, as flask-babel needs it).
LOCALES_DIR: Final[Path] = Path(__file__).resolve().parent

#: Folder names of the supported locales, in the order the app offers them.
SUPPORTED_LOCALES: Final[tuple[str, ...]] = ("uz_Latn", "uz_Cyrl", "ru", "en")

#: The locale used when nothing else is known.
DEFAULT_LOCALE: Final[str] = "uz_Latn"

#: BCP 47 tags used in the API for each locale folder name.
BCP47_TAGS: Final[dict[str, str]] = {
    "uz_Latn": "uz-Latn",
    "uz_Cyrl": "uz-Cyrl",
    "ru": "ru",
    "en": "en",
}

#: Each locale's name written in that locale, as a language chooser shows it.
NATIVE_NAMES: Final[dict[str, str]] = {
    "uz_Latn": "Oʻzbekcha",
    "uz_Cyrl": "Ўзбекча",
    "ru": "Русский",
    "en": "English",
}

#: The script of each locale (ISO 15924).
SCRIPTS: Final[dict[str, str]] = {
    "uz_Latn": "Latn",
    "uz_Cyrl": "Cyrl",
    "ru": "Cyrl",
    "en": "Latn",
}


def to_bcp47(locale: str) -> str:
    """The API tag of a locale folder name (``uz_Cyrl`` -> ``uz-Cyrl``)."""
    return BCP47_TAGS[locale]
