"""The catalogue's public API: load the definitions once, then look them up.

``load_catalogue`` validates every file (raising :class:`CatalogueError` with file, key path and
reason for each problem); :meth:`Catalogue.prepare` renders every locale once (bytes + ETag) and
builds the search index, so requests only pick prebuilt bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask, current_app

from locales import LOCALES_DIR, SUPPORTED_LOCALES
from server.catalogue.loader import check_files, service_files
from server.catalogue.models import ReferenceData, ServiceDefinition
from server.catalogue.problems import CatalogueError

if TYPE_CHECKING:
    from server.catalogue.render import FeeSettings, LocaleRendering
    from server.catalogue.search import SearchIndex

PACKAGE_DIR = Path(__file__).resolve().parent
SERVICES_DIR = PACKAGE_DIR / "services"
REFERENCE_DIR = PACKAGE_DIR / "reference"
EXTENSION_KEY = "catalogue"


class Catalogue:
    """The validated service definitions and reference data, with their renderings."""

    def __init__(
        self, definitions: tuple[ServiceDefinition, ...], reference: ReferenceData,
        locales_root: Path = LOCALES_DIR,
    ) -> None:
        self.definitions = definitions
        self.reference = reference
        self.locales_root = locales_root
        self._by_id: Mapping[str, ServiceDefinition] = {d.id: d for d in definitions}
        self._rendered: dict[str, LocaleRendering] = {}
        self._search: SearchIndex | None = None

    def get(self, service_id: str) -> ServiceDefinition | None:
        return self._by_id.get(service_id)

    def prepare(self, fees: FeeSettings) -> None:
        """Render every locale and build the search index (once, at start)."""
        from server.catalogue.render import render_locale
        from server.catalogue.search import SearchIndex

        for locale in SUPPORTED_LOCALES:
            self._rendered[locale] = render_locale(self, locale, fees)
        self._search = SearchIndex(self.definitions, self._rendered)

    def rendered(self, locale: str) -> LocaleRendering:
        """The prebuilt payloads of ``locale`` (after :meth:`prepare`)."""
        return self._rendered[locale]

    @property
    def search_index(self) -> SearchIndex:
        if self._search is None:
            raise RuntimeError("Catalogue.prepare() has not run")
        return self._search


def load_catalogue(
    services_dir: Path = SERVICES_DIR,
    reference_dir: Path = REFERENCE_DIR,
    *,
    locales_root: Path = LOCALES_DIR,
    require_translations: bool = True,
) -> Catalogue:
    """Every definition in ``services_dir``, validated; raises CatalogueError if any is broken."""
    reference, definitions, problems = check_files(
        service_files(services_dir), reference_dir, locales_root, require_translations
    )
    if problems:
        raise CatalogueError(problems)
    return Catalogue(tuple(definitions), reference, locales_root)


def current_catalogue() -> Catalogue:
    """The catalogue loaded at app start (``app.extensions["catalogue"]``)."""
    # Called several times a request; an attribute read through the proxy first fails a
    # lookup on the proxy and builds an AttributeError (some 8,000 instructions).
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    catalogue: Catalogue = app.extensions[EXTENSION_KEY]
    return catalogue
