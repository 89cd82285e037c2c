"""Every error status as application/problem+json, localized, in at least two locales."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import TestResponse

AppFactory = Callable[..., Flask]

# status -> expected title per locale (straight from the catalogs' translations)
TITLES = {
    400: {"ru": "Некорректный запрос", "uz_Latn": "Notoʻgʻri soʻrov"},
    401: {"ru": "Требуется вход в систему", "uz_Cyrl": "Тизимга кириш талаб этилади"},
    403: {"ru": "Доступ запрещён", "uz_Latn": "Ruxsat berilmagan"},
    404: {"uz_Cyrl": "Топилмади", "en": "Not found"},
    405: {"ru": "Метод не разрешён", "uz_Latn": "Usulga ruxsat yoʻq"},
    409: {"ru": "Конфликт", "uz_Cyrl": "Зиддият"},
    413: {"ru": "Слишком большой запрос", "uz_Latn": "Soʻrov juda katta"},
    415: {
        "ru": "Неподдерживаемый тип содержимого",
        "uz_Cyrl": "Қўллаб-қувватланмайдиган маълумот тури",
    },
    422: {"ru": "Некорректные данные", "uz_Latn": "Maʼlumotlar notoʻgʻri"},
    429: {"ru": "Слишком много запросов", "uz_Cyrl": "Сўровлар жуда кўп"},
    500: {"ru": "Внутренняя ошибка", "uz_Latn": "Ichki xatolik"},
    503: {"ru": "Сервис недоступен", "uz_Cyrl": "Хизмат вақтинча ишламаяпти"},
}
CASES = [(status, locale) for status, by_locale in TITLES.items() for locale in by_locale]


def assert_problem(response: TestResponse, status: int, locale: str) -> dict[str, Any]:
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"] == TITLES[status][locale]
    assert isinstance(body.get("detail"), str) and body["detail"]
    assert body["request_id"] == response.headers["X-Request-Id"]
    assert response.headers["Content-Language"] == locale.replace("_", "-")
    assert "Traceback" not in response.get_data(as_text=True)
    return body


def request_for(app: Flask, status: int, locale: str) -> TestResponse:
    client = app.test_client()
    lang = {"lang": locale}
    if status == 400:
        return client.post("/api/v1/test/echo", query_string=lang, data="{not json",
                           content_type="application/json")
    if status == 401:
        return client.get("/api/v1/test/private", query_string=lang)
    if status == 403:
        return client.get("/api/v1/test/forbidden", query_string=lang)
    if status == 404:
        return client.get("/api/v1/nope", query_string=lang)
    if status == 405:
        return client.delete("/api/v1/health", query_string=lang)
    if status == 409:
        return client.get("/api/v1/test/conflict", query_string=lang)
    if status == 413:
        oversized = b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
        return client.post("/api/v1/test/echo", query_string=lang, data=oversized,
                           content_type="application/json")
    if status == 415:
        return client.post("/api/v1/test/echo", query_string=lang, data="name=a",
                           content_type="application/x-www-form-urlencoded")
    if status == 422:
        return client.post("/api/v1/test/echo", query_string=lang,
                           json={"name": "far too long", "age": -1, "extra": 1})
    if status == 429:
        client.get("/api/v1/test/limited", query_string=lang)
        return client.get("/api/v1/test/limited", query_string=lang)
    if status == 500:
        return client.get("/api/v1/test/boom", query_string=lang)
    if status == 503:
        return client.get("/api/v1/ready", query_string=lang)
    raise AssertionError(status)


@pytest.mark.parametrize(("status", "locale"), CASES)
def test_error_status_is_localized_problem_json(
    make_app: AppFactory, failing_app: Flask, tmp_path: Any, status: int, locale: str
) -> None:
    app = failing_app
    if status == 503:  # a database that was never migrated is not ready
        app = make_app(db_url=f"sqlite:///{tmp_path / 'empty.db'}")
    body = assert_problem(request_for(app, status, locale), status, locale)
    if status == 422:
        assert set(body["errors"]) == {"name", "age", "extra"}
    if status == 500:
        assert "hunter2" not in str(body) and "RuntimeError" not in str(body)


def test_405_lists_allowed_methods(client: Any) -> None:
    response = client.delete("/api/v1/health")
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "HEAD"}


def test_422_field_messages_are_localized(failing_app: Flask) -> None:
    response = failing_app.test_client().post(
        "/api/v1/test/echo?lang=ru", json={"name": "far too long", "age": 200, "extra": 1}
    )
    errors = response.get_json(force=True)["errors"]
    assert errors == {
        "name": ["Длина должна быть не больше 5."],
        "age": ["Значение должно быть не меньше 0 и не больше 150."],
        "extra": ["Неизвестное поле."],
    }
    response = failing_app.test_client().post("/api/v1/test/echo?lang=uz-Latn", json={})
    assert response.get_json(force=True)["errors"] == {"name": ["Majburiy maydon toʻldirilmagan."]}


def test_400_says_the_body_is_not_json(failing_app: Flask) -> None:
    response = request_for(failing_app, 400, "ru")
    assert response.get_json(force=True)["detail"] == "Тело запроса не является корректным JSON."


def test_429_has_retry_after_and_a_plural_detail(failing_app: Flask) -> None:
    response = request_for(failing_app, 429, "ru")
    seconds = int(response.headers["Retry-After"])
    assert 1 <= seconds <= 61
    detail = response.get_json(force=True)["detail"]
    assert f"через {seconds} секунд" in detail


def test_401_keeps_authenticate_header(failing_app: Flask) -> None:
    response = request_for(failing_app, 401, "en")
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_413_default_limit_is_one_mebibyte(client: Any) -> None:
    at_limit = client.post("/api/v1/health", data=b"{}" + b" " * (1024 * 1024 - 2),
                           content_type="application/json")
    assert at_limit.status_code == 405  # within the limit: routing decides
    over = client.post("/api/v1/health", data=b" " * (1024 * 1024 + 1),
                       content_type="application/json")
    assert over.status_code == 413
    assert "1048576" in over.get_json(force=True)["detail"]


def test_415_does_not_apply_to_json_variants(failing_app: Flask) -> None:
    response = failing_app.test_client().post(
        "/api/v1/test/echo", data='{"name": "Ali"}', content_type="application/merge-patch+json"
    )
    assert response.status_code == 200


def test_503_when_database_unreachable(make_app: AppFactory, tmp_path: Any) -> None:
    app = make_app(db_url=f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")
    response = app.test_client().get("/api/v1/ready?lang=en")
    assert response.status_code == 503
    assert response.get_json(force=True)["detail"] == (
        "The database cannot be reached. Try again later."
    )
    assert response.headers["Retry-After"] == "5"


def test_rate_limits_follow_each_apps_own_switch(make_app: AppFactory, failing_app: Flask) -> None:
    # Built after failing_app: one Limiter serves both, each must keep its own setting.
    unlimited = make_app(RATELIMIT_ENABLED=False)
    unlimited.extensions["xizmat_api"].register_blueprint(
        failing_app.blueprints["failing"], url_prefix="/api/v1/test"
    )
    assert all(
        unlimited.test_client().get("/api/v1/test/limited").status_code == 200 for _ in range(3)
    )
    assert request_for(failing_app, 429, "en").status_code == 429


def test_raised_413_states_the_configured_limit(failing_app: Flask) -> None:
    response = failing_app.test_client().get("/api/v1/test/upload-limit?lang=en")
    detail = response.get_json(force=True)["detail"]
    limit = failing_app.config["MAX_CONTENT_LENGTH"]
    assert limit != 1024 * 1024  # the app's own setting, not the default
    assert detail == f"The request body is larger than {limit} bytes."


def test_detail_missing_a_parameter_still_answers_problem_json(failing_app: Flask) -> None:
    response = failing_app.test_client().get("/api/v1/test/missing-parameter?lang=en")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert "%(num)d" in response.get_json(force=True)["detail"]


def test_views_can_accept_other_body_types(failing_app: Flask) -> None:
    client = failing_app.test_client()
    upload = {"scan": (io.BytesIO(b"%PDF-1.7"), "passport.pdf")}
    response = client.post("/api/v1/test/attachments", data=upload,
                           content_type="multipart/form-data")
    assert response.status_code == 200 and response.get_json() == {"files": 1}
    refused = client.post("/api/v1/test/attachments", data="x", content_type="text/plain")
    assert refused.status_code == 415
