"""The catalogue API: localized prebuilt answers with ETag, 304, paging, filters and errors."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

LOCALE_TITLES = {
    "uz-Latn": "Xorijga chiqish pasporti",
    "uz-Cyrl": "Хорижга чиқиш паспорти",
    "ru": "Заграничный паспорт",
    "en": "Travel passport",
}


@pytest.mark.parametrize(("tag", "title"), LOCALE_TITLES.items())
def test_the_catalogue_answers_in_each_locale(api: Any, tag: str, title: str) -> None:
    response = api.get("/api/v1/catalogue", headers={"Accept-Language": tag})
    assert response.status_code == 200
    assert response.headers["Content-Language"] == tag
    assert "Accept-Language" in response.headers["Vary"]
    assert response.headers["Cache-Control"] == "max-age=300"
    page = response.get_json()
    assert page["total"] == 2 and page["page"] == 1 and page["pages"] == 1
    titles = {item["id"]: item["title"] for item in page["items"]}
    assert titles["test-passport"] == title
    assert page["items"][0]["id"] == "test-passport"  # identity documents come first


def test_an_unchanged_answer_is_a_304_with_its_etag(api: Any) -> None:
    first = api.get("/api/v1/services/test-passport?lang=ru")
    etag = first.headers["ETag"]
    again = api.get("/api/v1/services/test-passport?lang=ru", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    other_locale = api.get("/api/v1/services/test-passport?lang=en",
                           headers={"If-None-Match": etag})
    assert other_locale.status_code == 200
    assert other_locale.headers["ETag"] != etag


@pytest.mark.parametrize("path", ["/api/v1/catalogue", "/api/v1/categories",
                                  "/api/v1/life-events", "/api/v1/regions",
                                  "/api/v1/catalogue?q=pasport&page=1"])
def test_every_read_path_answers_304_when_unchanged(api: Any, path: str) -> None:
    etag = api.get(path).headers["ETag"]
    assert api.get(path, headers={"If-None-Match": etag}).status_code == 304


def test_a_service_document_holds_the_whole_localized_flow(api: Any) -> None:
    service = api.get("/api/v1/services/test-passport?lang=ru").get_json()
    assert service["title"] == "Заграничный паспорт"
    assert service["agency"] == {"id": "migration-service", "name": "Миграционная служба"}
    assert service["life_events"] == [{"id": "losing-a-document", "name": "Утеря документа"}]
    assert service["requirements"] == ["Ваша ID-карта"]
    assert service["fee"]["kind"] == "bhm"
    assert service["fee"]["amount"] == 206_000  # 0.5 × 412 000 soʻm
    assert "206\u00a0000" in service["fee"]["text"]
    assert service["processing_days"] == 10
    applicant, request = service["steps"]
    assert applicant["title"] == "О вас"
    pinfl = applicant["fields"][1]
    assert pinfl["label"] == "ПИНФЛ"
    assert pinfl["spoken"] == {"label": "Персональный идентификационный номер физического лица"}
    assert applicant["fields"][0]["constraints"] == {"max_length": 40}
    assert applicant["fields"][0]["prefill"] == "civil.full_name"
    reason = request["fields"][0]
    assert reason["options"] == [{"value": "first", "label": "Первый паспорт"},
                                 {"value": "lost", "label": "Старый утерян"}]
    assert request["fields"][1]["show_if"] == {"field": "reason", "equals": "lost"}
    assert request["fields"][3]["constraints"] == {"region_field": "region"}


def test_processing_time_uses_plural_forms() -> None:
    from server.catalogue.wording import processing_time

    assert processing_time(1, "en") == "1 working day"
    assert processing_time(10, "en") == "10 working days"
    assert processing_time(0, "ru") == "В день обращения"


def test_fees_follow_the_configured_base_amount() -> None:
    from datetime import date

    from tests.catalogue.conftest import build_app

    app = build_app(BHM_AMOUNT=375_000, BHM_EFFECTIVE="2024-08-01")
    service = app.test_client().get("/api/v1/services/test-passport?lang=en").get_json()
    assert service["fee"]["amount"] == 187_500
    assert "01.08.2024" in service["fee"]["basis"] or "1 Aug 2024" in service["fee"]["basis"]
    del date


def test_a_free_service_says_so(api: Any) -> None:
    free = api.get("/api/v1/services/test-kindergarten?lang=en").get_json()["fee"]
    assert free["kind"] == "free" and free["amount"] == 0 and free["text"]


def test_an_unknown_service_is_a_localized_404_problem(api: Any) -> None:
    response = api.get("/api/v1/services/no-such-service?lang=ru")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["detail"] == "Услуги с таким идентификатором нет."


def test_paging_and_filters(api: Any) -> None:
    first = api.get("/api/v1/catalogue?per_page=1&lang=en").get_json()
    second = api.get("/api/v1/catalogue?per_page=1&page=2&lang=en").get_json()
    assert (first["total"], first["pages"], len(first["items"])) == (2, 2, 1)
    assert first["items"][0]["id"] != second["items"][0]["id"]
    beyond = api.get("/api/v1/catalogue?per_page=1&page=3").get_json()
    assert beyond["items"] == [] and beyond["total"] == 2
    education = api.get("/api/v1/catalogue?category=education").get_json()
    assert [item["id"] for item in education["items"]] == ["test-kindergarten"]
    births = api.get("/api/v1/catalogue?life_event=birth-of-a-child").get_json()
    assert [item["id"] for item in births["items"]] == ["test-kindergarten"]
    summary = first["items"][0]
    assert set(summary) >= {"id", "title", "summary", "fee", "processing_time", "steps"}


@pytest.mark.parametrize(
    ("query", "field"),
    [("category=sports", "category"), ("life_event=x", "life_event"), ("page=0", "page"),
     ("per_page=1000", "per_page"), ("q=" + "a" * 300, "q"), ("page=abc", "page")],
)
def test_bad_parameters_are_a_422_naming_the_field(api: Any, query: str, field: str) -> None:
    response = api.get(f"/api/v1/catalogue?{query}&lang=en")
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_categories_life_events_and_regions(api: Any) -> None:
    categories = api.get("/api/v1/categories?lang=uz-Latn").get_json()["items"]
    assert categories[0] == {"id": "identity-documents", "name": "Shaxsni tasdiqlovchi hujjatlar",
                             "description": None, "services": 1}
    events = api.get("/api/v1/life-events?lang=en").get_json()["items"]
    assert {event["id"]: event["services"] for event in events} == {
        "birth-of-a-child": 1, "losing-a-document": 1}
    regions = api.get("/api/v1/regions?lang=uz-Cyrl").get_json()["items"]
    assert regions[0]["name"] == "Тошкент шаҳри"
    assert regions[0]["districts"][0] == {"id": "chilanzar-district", "name": "Чилонзор тумани"}


def test_the_openapi_document_describes_the_catalogue(catalogue_app: Flask) -> None:
    spec = catalogue_app.test_client().get("/api/v1/openapi.json").get_json()
    for path in ("/api/v1/catalogue", "/api/v1/categories", "/api/v1/life-events",
                 "/api/v1/services/{service_id}", "/api/v1/regions"):
        assert path in spec["paths"], path
    parameters = {p["name"] for p in spec["paths"]["/api/v1/catalogue"]["get"]["parameters"]}
    assert {"category", "life_event", "q", "page", "per_page"} <= parameters
    step = spec["components"]["schemas"]["Step"]
    assert "fields" in step["properties"]
