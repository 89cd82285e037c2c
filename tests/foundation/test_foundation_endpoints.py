"""health, ready, locales and the OpenAPI document."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate

from locales.stats import all_locale_stats


def test_health(shared_client: FlaskClient) -> None:
    response = shared_client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert response.headers["X-Request-Id"]


def test_ready_on_migrated_sqlite(shared_client: FlaskClient) -> None:
    response = shared_client.get("/api/v1/ready")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ready" and body["database"] == "sqlite"


@pytest.mark.postgres
def test_ready_on_migrated_postgres(postgres_app: Flask) -> None:
    response = postgres_app.test_client().get("/api/v1/ready")
    assert response.status_code == 200
    assert response.get_json()["database"] == "postgresql"


def test_ready_503_when_postgres_unreachable(make_app: Callable[..., Flask]) -> None:
    # Port 9 (discard) is not PostgreSQL: the connection is refused at once.
    app = make_app("postgresql://postgres@127.0.0.1:9/none")
    response = app.test_client().get("/api/v1/ready?lang=ru")
    assert response.status_code == 503
    assert response.get_json()["detail"] == "База данных недоступна. Повторите попытку позже."


@pytest.mark.parametrize(
    ("lang", "tag", "russian_name"),
    [("uz-Latn", "uz-Latn", "Ruscha"), ("uz-Cyrl", "uz-Cyrl", "Русча"), ("ru", "ru", "Русский"),
     ("en", "en", "Russian")],
)
def test_locales_lists_all_four_localized(
    shared_client: FlaskClient, lang: str, tag: str, russian_name: str
) -> None:
    response = shared_client.get("/api/v1/locales", query_string={"lang": lang})
    assert response.status_code == 200
    body = response.get_json()
    assert body["default"] == "uz-Latn" and body["current"] == tag
    by_tag = {entry["tag"]: entry for entry in body["locales"]}
    assert list(by_tag) == ["uz-Latn", "uz-Cyrl", "ru", "en"]
    assert by_tag["ru"]["name"] == russian_name
    assert by_tag["uz-Cyrl"]["native_name"] == "Ўзбекча"
    assert by_tag["uz-Cyrl"]["script"] == "Cyrl"
    stats = all_locale_stats()
    for code, entry in zip(("uz_Latn", "uz_Cyrl", "ru", "en"), body["locales"], strict=True):
        assert entry["code"] == code
        assert entry["translated"] == stats[code].translated
        assert entry["total"] == stats[code].total
        assert 0 <= entry["completeness"] <= 100


def test_locales_etag_answers_304(shared_client: FlaskClient) -> None:
    first = shared_client.get("/api/v1/locales?lang=ru")
    etag = first.headers["ETag"]
    again = shared_client.get("/api/v1/locales?lang=ru", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    other_locale = shared_client.get("/api/v1/locales?lang=en", headers={"If-None-Match": etag})
    assert other_locale.status_code == 200
    assert other_locale.headers["ETag"] != etag


def test_openapi_document_is_valid_openapi_3(shared_client: FlaskClient) -> None:
    response = shared_client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    validate(document)
    assert document["openapi"].startswith("3.")
    assert {"/api/v1/health", "/api/v1/ready", "/api/v1/locales"} <= set(document["paths"])
    default_error = document["components"]["responses"]["DEFAULT_ERROR"]
    assert "application/problem+json" in default_error["content"]


def test_request_id_is_echoed_when_sane_and_replaced_when_not(shared_client: FlaskClient) -> None:
    sane = shared_client.get("/api/v1/health", headers={"X-Request-Id": "trace-1234abcd"})
    assert sane.headers["X-Request-Id"] == "trace-1234abcd"
    forged = shared_client.get("/api/v1/health", headers={"X-Request-Id": '"}{ injected log'})
    assert forged.headers["X-Request-Id"] != '"}{ injected log'
    assert len(forged.headers["X-Request-Id"]) == 32
