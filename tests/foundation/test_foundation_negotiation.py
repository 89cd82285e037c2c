"""Locale negotiation: the table from notes/localization.md, precedence, and no 500 ever."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from locales.negotiation import match_tag, negotiate, parse_accept_language
from server.i18n import USER_LOCALE_LOADER

# (Accept-Language header, expected locale folder)
NEGOTIATION_TABLE = [
    ("uz", "uz_Latn"),
    ("uz-UZ", "uz_Latn"),
    ("uz_UZ", "uz_Latn"),
    ("uz-Latn-UZ", "uz_Latn"),
    ("uz-Cyrl", "uz_Cyrl"),
    ("uz-Cyrl-UZ", "uz_Cyrl"),
    ("UZ-cyrl-uz", "uz_Cyrl"),
    ("ru-UZ", "ru"),
    ("kk-KZ,ru;q=0.5", "ru"),
    ("uz-Arab-AF,ru;q=0.5", "ru"),
    ("uz-UZ,uz;q=0.9,ru;q=0.8", "uz_Latn"),
    ("ru;q=0.5,uz-Cyrl;q=0.9", "uz_Cyrl"),
    ("en-US,en;q=0.9", "en"),
    ("en-GB-x-private", "en"),
    ("de", "uz_Latn"),
    ("*", "uz_Latn"),
    ("", "uz_Latn"),
    ("garbage;;;q=x", "uz_Latn"),
    ("123, ;q=, ,", "uz_Latn"),
    ("ru;q=0, en;q=0.1", "en"),
    ("en;q=nan, ru", "ru"),
    ("zz-Cyrl", "uz_Latn"),
]


@pytest.mark.parametrize(("header", "expected"), NEGOTIATION_TABLE)
def test_negotiation_table(header: str, expected: str) -> None:
    assert negotiate(accept_language=header) == expected


@pytest.mark.parametrize(("header", "expected"), NEGOTIATION_TABLE)
def test_responses_carry_negotiated_language(
    shared_client: FlaskClient, header: str, expected: str
) -> None:
    response = shared_client.get("/api/v1/health", headers={"Accept-Language": header})
    assert response.status_code == 200
    assert response.headers["Content-Language"] == expected.replace("_", "-")
    assert "Accept-Language" in response.headers["Vary"]


def test_parse_accept_language_orders_by_weight_then_position() -> None:
    assert parse_accept_language("a;q=0.5, b, c;q=0.5, d;q=0") == [
        ("b", 1.0),
        ("a", 0.5),
        ("c", 0.5),
    ]


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("uz_Cyrl", "uz_Cyrl"), ("uz-latn", "uz_Latn"), ("RU", "ru"), ("en-u-ca-gregory", "en"),
     ("sr-Latn", None), ("", None), ("-", None)],
)
def test_match_tag(tag: str, expected: str | None) -> None:
    assert match_tag(tag) == expected


def test_lang_parameter_wins_over_user_and_header(app: Flask) -> None:
    app.extensions[USER_LOCALE_LOADER] = lambda: "ru"
    client = app.test_client()
    response = client.get("/api/v1/health?lang=uz-Cyrl", headers={"Accept-Language": "en"})
    assert response.headers["Content-Language"] == "uz-Cyrl"


def test_saved_user_locale_wins_over_header(app: Flask) -> None:
    app.extensions[USER_LOCALE_LOADER] = lambda: "ru"
    response = app.test_client().get("/api/v1/nope", headers={"Accept-Language": "en"})
    assert response.headers["Content-Language"] == "ru"
    assert response.json is not None and response.json["title"] == "Не найдено"


def test_unusable_lang_parameter_falls_through_to_header(shared_client: FlaskClient) -> None:
    response = shared_client.get("/api/v1/health?lang=klingon", headers={"Accept-Language": "ru"})
    assert response.headers["Content-Language"] == "ru"


def test_failing_user_locale_loader_does_not_break_responses(app: Flask) -> None:
    def broken_loader() -> str | None:
        raise RuntimeError("token store down")

    app.extensions[USER_LOCALE_LOADER] = broken_loader
    response = app.test_client().get("/api/v1/health", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"


# Header values travel as Latin-1 octets; query values can be any Unicode text.
_header_text = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_categories=["Cc"]),
    max_size=80,
)
_query_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=80)
_tagish = st.lists(
    st.from_regex(r"[A-Za-z*_0-9-]{0,12}(;q=[0-9.a-z]{0,5})?", fullmatch=True), max_size=5
).map(",".join)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(header=st.one_of(_header_text, _tagish), lang=st.one_of(st.none(), _query_text, _tagish))
def test_no_language_input_causes_a_server_error(
    shared_client: FlaskClient, header: str, lang: str | None
) -> None:
    query = {"lang": lang} if lang is not None else {}
    for path in ("/api/v1/health", "/api/v1/locales", "/api/v1/nope"):
        response = shared_client.get(
            path, query_string=query, headers={"Accept-Language": header}
        )
        assert response.status_code < 500
        assert response.headers["Content-Language"] in {"uz-Latn", "uz-Cyrl", "ru", "en"}
