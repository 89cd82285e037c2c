"""Search: all four locales at once, script-, apostrophe- and case-blind, one typo per word."""

from __future__ import annotations

import pytest

from server.catalogue.search import terms_of, within_one_edit
from server.catalogue.service import Catalogue

PASSPORT_OR_ID = {"id-card", "travel-passport"}


@pytest.mark.parametrize("query", ["pasport", "паспорт", "passport", "pasport olish",
                                   "ID karta", "PASPORT", "pasprot", "id-karta", "ID-карта"])
def test_identity_document_queries_put_the_id_card_or_passport_first(
    bundled_catalogue: Catalogue, query: str
) -> None:
    found = bundled_catalogue.search_index.search(query).ids
    assert found and found[0] in PASSPORT_OR_ID, (query, found[:3])


@pytest.mark.parametrize("query", ["bolalar bogʻchasi", "bolalar bog'chasi", "детский сад",
                                   "bolalar bog‘chasi", "BOLALAR BOGCHASI", "болалар боғчаси",
                                   "kindergarten", "detskiy sad", "bogcha"])
def test_kindergarten_queries_find_the_queue_first(
    bundled_catalogue: Catalogue, query: str
) -> None:
    assert bundled_catalogue.search_index.search(query).ids[0] == "kindergarten-queue"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("nikoh", "marriage-registration"), ("справка о несудимости",
                                          "no-criminal-record-certificate"),
     ("driving licence", "driving-licence-replacement")],
)
def test_other_services_are_found_in_any_locale(
    bundled_catalogue: Catalogue, query: str, expected: str
) -> None:
    assert bundled_catalogue.search_index.search(query).ids[0] == expected


def test_fixture_search_across_locales_and_scripts(fixture_catalogue: Catalogue) -> None:
    index = fixture_catalogue.search_index
    for query in ("pasport", "паспорт", "Хорижга", "xorijga", "zagranpasport", "passport"):
        assert index.search(query).ids[0] == "test-passport", query
    for query in ("bogʻchasiga", "bog'chasiga", "боғчасига", "детский", "kindergarten",
                  "kindergarden"):
        assert index.search(query).ids[0] == "test-kindergarten", query
    assert index.search("").ids == []
    assert index.search("zzzzzz qqqqq").total == 0
    assert index.search("ʻ' ` ! ?").ids == []


def test_more_query_words_matched_ranks_higher(fixture_catalogue: Catalogue) -> None:
    # "navbat" (queue) only in the kindergarten service, "pasport" only in the passport one
    assert fixture_catalogue.search_index.search("navbat pasport").ids[0] in {
        "test-passport", "test-kindergarten"}
    assert fixture_catalogue.search_index.search("pasport olish chet").ids[0] == "test-passport"


def test_folding_and_edit_distance() -> None:
    assert terms_of("Bolalar BOGʻCHASI") == terms_of("bolalar bog'chasi") == ["bolalar",
                                                                                "bogchasi"]
    assert terms_of("паспорт") == ["pasport"]
    assert within_one_edit("pasport", "passport")  # one letter extra
    assert within_one_edit("pasport", "pasprot")  # two letters swapped
    assert within_one_edit("pasport", "pasbort")  # one letter changed
    assert not within_one_edit("pasport", "pazbort")
