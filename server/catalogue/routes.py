"""The catalogue API: services, categories, life events and regions, in the reader's locale.

Every answer is prebuilt bytes with an ETag (``If-None-Match`` gets a 304); only a search or a
filter joins prebuilt service summaries into a page.  ``Content-Language`` and
``Vary: Accept-Language`` are added to every response by :mod:`server.i18n`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, Final, TypeVar

import marshmallow as ma
from flask import Response, request
from flask_smorest import Blueprint
from marshmallow import ValidationError

from server.api import prebuilt
from server.catalogue.schemas import (
    CataloguePageSchema,
    CatalogueQuerySchema,
    ListingSchema,
    RegionsSchema,
    ServiceSchema,
)
from server.catalogue.service import current_catalogue
from server.errors import Problem
from server.i18n import N_, current_locale, plain_lang_parameter

blp = Blueprint(
    "catalogue", __name__, description="Public services, their flows and reference data"
)

#: Shared caches must not keep a reply to a signed-in request (its locale may be the user's).
CACHE_CONTROL: Final[str] = "max-age=300"
NO_SUCH_SERVICE: Final[str] = N_("There is no service with this id.")
UNKNOWN_CATEGORY: Final[str] = N_("There is no category with this id.")
UNKNOWN_LIFE_EVENT: Final[str] = N_("There is no life event with this id.")
#: Filtered pages remembered per locale (a search is computed each time).
_MAX_REMEMBERED_PAGES: Final = 2048

_QUERY_SCHEMA: Final = CatalogueQuerySchema()
_FIRST_PAGE: Final[dict[str, Any]] = {"page": 1, "per_page": 20}
View = TypeVar("View", bound=Callable[..., Any])

_CONDITIONAL: Final[list[dict[str, Any]]] = [
    {"in": "query", "name": "lang", "required": False, "schema": {"type": "string"},
     "description": "Locale (uz-Latn, uz-Cyrl, ru, en); wins over Accept-Language"},
    {"in": "header", "name": "If-None-Match", "required": False, "schema": {"type": "string"}},
]


def _answer(etag: str, body: bytes | Callable[[], bytes]) -> Response:
    quoted = f'"{etag}"'
    validators = [("ETag", quoted), ("Cache-Control", CACHE_CONTROL)]
    # Most requests carry no If-None-Match, and a revalidation mostly sends back exactly the
    # ETag it got: only other forms (lists, W/) need werkzeug's parser.
    asked = request.environ.get("HTTP_IF_NONE_MATCH")
    if asked is not None and (asked in (quoted, "*") or request.if_none_match.contains_weak(etag)):
        return Response(status=304, headers=validators)
    # Headers given whole are appended, not each looked up and replaced as by ``headers[...]``.
    return Response(body() if callable(body) else body,
                    headers=[("Content-Type", "application/json"), *validators])


def _catalogue_query() -> dict[str, Any]:
    """The validated query parameters; the plain first page skips the schema (hot path)."""
    query: str = request.environ.get("QUERY_STRING", "")
    if not query or plain_lang_parameter(query) is not None:
        return dict(_FIRST_PAGE)
    arguments = request.args
    if not arguments or (len(arguments) == 1 and "lang" in arguments):
        return dict(_FIRST_PAGE)
    try:
        loaded: dict[str, Any] = _QUERY_SCHEMA.load(arguments.to_dict())
    except ValidationError as error:
        raise Problem(422, errors=error.messages_dict) from None
    return loaded


@blp.route("/catalogue")
@prebuilt
@blp.doc(parameters=[{"in": "query", "schema": CatalogueQuerySchema},
                     {"in": "header", "name": "If-None-Match", "required": False,
                      "schema": {"type": "string"}}])
@blp.response(200, CataloguePageSchema)
@blp.alt_response(304, description="Not modified (ETag matched)")
@blp.alt_response(422, description="Invalid parameters")
def catalogue_page() -> Response:
    """Service summaries, filtered by category or life event, or found by search (``q``).

    The query is validated by ``CatalogueQuerySchema`` inside the view rather than by
    ``blp.arguments``, so the plain first page (most requests) costs no schema at all.
    """
    arguments = _catalogue_query()
    page, per_page = arguments["page"], arguments["per_page"]
    category, life_event = arguments.get("category"), arguments.get("life_event")
    q: str | None = arguments.get("q")
    catalogue = current_catalogue()
    if category is not None and category not in catalogue.reference.categories:
        raise Problem(422, errors={"category": [UNKNOWN_CATEGORY]})
    if life_event is not None and life_event not in catalogue.reference.life_events:
        raise Problem(422, errors={"life_event": [UNKNOWN_LIFE_EVENT]})
    rendering = catalogue.rendered(current_locale())
    query = (q or "").strip()
    key = f"{category}|{life_event}|{page}|{per_page}|{query}"
    remembered = rendering.pages.get(key)
    if remembered is not None:
        return _answer(remembered.etag, remembered.body)
    etag = hashlib.blake2b(f"{rendering.version}|{key}".encode(), digest_size=12).hexdigest()

    def build() -> bytes:
        start = (page - 1) * per_page
        if query:
            def keep(sid: str) -> bool:
                return _kept(catalogue.get(sid), category, life_event)

            found = catalogue.search_index.search(
                query, keep if category or life_event else None, limit=start + per_page)
            total, shown = found.total, found.ids[start:]
        else:
            chosen = [sid for sid in rendering.order
                      if _kept(catalogue.get(sid), category, life_event)]
            total, shown = len(chosen), chosen[start:start + per_page]
        items = b",".join(rendering.summaries[sid] for sid in shown)
        pages = (total + per_page - 1) // per_page
        body = b'{"items":[%b],"total":%d,"page":%d,"per_page":%d,"pages":%d}' % (
            items, total, page, per_page, pages)
        if not query and len(rendering.pages) < _MAX_REMEMBERED_PAGES:
            rendering.remember(key, body, etag)
        return body

    return _answer(etag, build)


def _kept(definition: Any, category: str | None, life_event: str | None) -> bool:
    return definition is not None and (category is None or definition.category == category) \
        and (life_event is None or life_event in definition.life_events)


def cached_read(schema: type[ma.Schema]) -> Callable[[View], View]:
    """A read answered from prebuilt bytes: documented as ``schema``, 304 on a matching ETag."""

    def decorate(view: View) -> View:
        view = blp.alt_response(304, description="Not modified (ETag matched)")(view)
        view = blp.response(200, schema)(view)
        view = blp.doc(parameters=_CONDITIONAL)(view)
        return prebuilt(view)

    return decorate


@blp.route("/services/<string:service_id>")
@cached_read(ServiceSchema)
def service_detail(service_id: str) -> Response:
    """The whole localized flow of a service: steps, fields, options, conditions, fee."""
    payload = current_catalogue().rendered(current_locale()).details.get(service_id)
    if payload is None:
        raise Problem(404, detail=NO_SUCH_SERVICE)
    return _answer(payload.etag, payload.body)


@blp.route("/categories")
@cached_read(ListingSchema)
def categories() -> Response:
    """The service categories, each with how many services it holds."""
    payload = current_catalogue().rendered(current_locale()).categories
    return _answer(payload.etag, payload.body)


@blp.route("/life-events")
@cached_read(ListingSchema)
def life_events() -> Response:
    """Life events (birth of a child, moving house …), each with how many services it has."""
    payload = current_catalogue().rendered(current_locale()).life_events
    return _answer(payload.etag, payload.body)


@blp.route("/regions")
@cached_read(RegionsSchema)
def regions() -> Response:
    """The 14 first-level divisions of Uzbekistan with their districts."""
    payload = current_catalogue().rendered(current_locale()).regions
    return _answer(payload.etag, payload.body)
