"""The shared per-request work, made cheap, still does all it promised.

Each response carries X-Request-Id, Content-Language and ``Vary: Accept-Language`` and leaves
one JSON access line; prebuilt views skip flask-smorest's wrappers but stay documented;
Flask-Limiter's after-request work runs for limited requests only; a user-locale loader
marked :func:`needs_authorization` is asked only when the request has credentials.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator

import pytest
from flask import Flask, Response, request
from flask_smorest import Blueprint

from server.errors import Problem
from server.extensions import limiter
from server.i18n import USER_LOCALE_LOADER, needs_authorization, plain_lang_parameter
from server.logging import JsonFormatter

AppFactory = Callable[..., Flask]
_ISO_UTC_MS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00\Z")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.entries: list[dict[str, object]] = []
        self.setFormatter(JsonFormatter())

    def emit(self, record: logging.LogRecord) -> None:
        self.entries.append(json.loads(self.format(record)))


@pytest.fixture
def access_entries() -> Iterator[list[dict[str, object]]]:
    handler = _Collect()
    logger = logging.getLogger("server.access")
    logger.addHandler(handler)
    yield handler.entries
    logger.removeHandler(handler)


def _path_blueprint() -> Blueprint:
    blp = Blueprint("request_path_test", __name__)

    @blp.route("/varies")
    def varies() -> Response:
        response = Response(b"{}", mimetype="application/json")
        response.headers["Vary"] = "Origin"
        return response

    @blp.route("/deducted")
    @limiter.limit("2/minute", deduct_when=lambda response: response.status_code == 400)
    def deducted() -> dict[str, str]:
        if request.args.get("fail"):
            raise Problem(400)
        return {"status": "ok"}

    return blp


#: Built once: the limiter is global, and each build would add the same view's limit again.
_PATH_BLUEPRINT = _path_blueprint()


@pytest.fixture
def path_app(make_app: AppFactory) -> Flask:
    app = make_app()
    app.extensions["xizmat_api"].register_blueprint(_PATH_BLUEPRINT, url_prefix="/api/v1/t")
    return app


def test_cached_reads_carry_every_header_and_one_access_line(
    app: Flask, access_entries: list[dict[str, object]]
) -> None:
    client = app.test_client()
    first = client.get("/api/v1/catalogue?lang=ru")
    etag = first.headers["ETag"]
    second = client.get("/api/v1/services/id-card?lang=uz-Cyrl",
                        headers={"X-Request-Id": "trace-0123456789"})
    again = client.get("/api/v1/catalogue?lang=ru", headers={"If-None-Match": etag})
    assert (first.status_code, second.status_code, again.status_code) == (200, 200, 304)
    for response in (first, second, again):
        assert response.headers["Vary"] == "Accept-Language"
        assert len(response.headers["X-Request-Id"]) >= 8
    # A 304 drops the content headers (Content-Language too); RFC 9110 keeps ETag and Vary.
    assert (first.headers["Content-Language"], second.headers["Content-Language"]) == (
        "ru", "uz-Cyrl")
    assert second.headers["X-Request-Id"] == "trace-0123456789"
    assert again.headers["ETag"] == etag and again.data == b""
    assert [(e["method"], e["path"], e["status"], e["locale"]) for e in access_entries] == [
        ("GET", "/api/v1/catalogue", 200, "ru"),
        ("GET", "/api/v1/services/id-card", 200, "uz_Cyrl"),
        ("GET", "/api/v1/catalogue", 304, "ru"),
    ]
    for entry, response in zip(access_entries, (first, second, again), strict=True):
        assert entry["request_id"] == response.headers["X-Request-Id"]
        assert isinstance(entry["duration_ms"], float) and entry["duration_ms"] >= 0
        assert entry["level"] == "INFO" and entry["logger"] == "server.access"
        assert _ISO_UTC_MS.match(str(entry["time"])), entry["time"]


def test_a_view_s_own_vary_is_kept_beside_accept_language(path_app: Flask) -> None:
    response = path_app.test_client().get("/api/v1/t/varies")
    assert set(response.headers["Vary"].replace(" ", "").split(",")) == {
        "Origin", "Accept-Language"}


def test_prebuilt_views_skip_the_wrappers_and_stay_documented(app: Flask) -> None:
    for endpoint in ("catalogue.catalogue_page", "catalogue.service_detail", "health.health"):
        assert not hasattr(app.view_functions[endpoint], "__wrapped__"), endpoint
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    catalogue = document["paths"]["/api/v1/catalogue"]["get"]
    assert {"200", "304", "422"} <= set(catalogue["responses"])
    assert "schema" in catalogue["responses"]["200"]["content"]["application/json"]
    detail = document["paths"]["/api/v1/services/{service_id}"]["get"]
    assert {"200", "304"} <= set(detail["responses"])
    assert any(p["name"] == "If-None-Match" for p in detail["parameters"])


def test_limits_still_deduct_after_the_response(path_app: Flask) -> None:
    client = path_app.test_client()
    # Successes are not counted (deduct_when), so they never use the limit up ...
    assert [client.get("/api/v1/t/deducted").status_code for _ in range(3)] == [200] * 3
    # ... failures are, by the after-request hook: two allowed, then 429.
    statuses = [client.get("/api/v1/t/deducted?fail=1").status_code for _ in range(3)]
    assert statuses == [400, 400, 429]


def test_unlimited_requests_leave_no_limiter_state(app: Flask) -> None:
    with app.test_request_context("/api/v1/health"):
        response = app.full_dispatch_request()
        assert response.status_code == 200
        from flask.globals import request_ctx

        assert not hasattr(request_ctx._get_current_object(), "_limiter_request_context")


def test_a_loader_needing_authorization_is_asked_only_with_it(app: Flask) -> None:
    calls: list[str | None] = []

    @needs_authorization
    def loader() -> str | None:
        calls.append(request.headers.get("Authorization"))
        return "en"

    app.extensions[USER_LOCALE_LOADER] = loader
    client = app.test_client()
    anonymous = client.get("/api/v1/health", headers={"Accept-Language": "ru"})
    signed_in = client.get("/api/v1/health", headers={"Accept-Language": "ru",
                                                      "Authorization": "Bearer abc"})
    assert anonymous.headers["Content-Language"] == "ru"
    assert signed_in.headers["Content-Language"] == "en"
    assert calls == ["Bearer abc"]


def test_lang_parameter_fast_path_and_the_full_parser_agree(app: Flask) -> None:
    client = app.test_client()
    for query in ("lang=uz-Cyrl", "lang=uz%2DCyrl", "lang=uz-Cyrl&page=1", "page=1&lang=uz-Cyrl"):
        response = client.get(f"/api/v1/catalogue?{query}")
        assert response.status_code == 200, query
        assert response.headers["Content-Language"] == "uz-Cyrl", query


@pytest.mark.parametrize(
    ("query", "expected"),
    [("lang=ru", "ru"), ("lang=uz-Latn", "uz-Latn"), ("lang=", ""), ("lang=r%75", None),
     ("lang=ru&q=x", None), ("lang=a+b", None), ("q=x", None), ("lang=ру", None),
     ("language=ru", None)],
)
def test_plain_lang_parameter(query: str, expected: str | None) -> None:
    assert plain_lang_parameter(query) == expected


def test_every_form_of_if_none_match_is_understood(app: Flask) -> None:
    client = app.test_client()
    etag = client.get("/api/v1/services/id-card?lang=en").headers["ETag"]
    statuses = {
        asked: client.get("/api/v1/services/id-card?lang=en",
                          headers={"If-None-Match": asked}).status_code
        for asked in (etag, f"W/{etag}", f'"older", {etag}', "*", '"older"')
    }
    assert statuses == {etag: 304, f"W/{etag}": 304, f'"older", {etag}': 304, "*": 304,
                        '"older"': 200}
