"""At 300 % type, in Uzbek (Latin) and Russian, no label or button of any screen ends a line
inside a word (Kivy under Xvfb, real screens with real data from the server)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest

from tests.mobile.conftest import run_scenario
from tests.mobile.registry_simulator import RegistryServer
from tests.mobile.screen_tour import SCREEN_NAMES

pytestmark = [pytest.mark.kivy, pytest.mark.usefixtures("needs_display")]
LOCALES = ["uz_Latn", "ru"]


def test_lines_end_only_between_words_at_300_percent(registry_server: RegistryServer) -> None:
    login, password = registry_server.register_parent()
    registry_server.offer_after_birth(login)  # so that the offer screens show one
    [result] = run_scenario("wrapping", timeout=600, api_url=registry_server.url, login=login,
                            password=password, locales=LOCALES, scale=3.0,
                            long_word="государственной")
    assert result["findings"] == [], "\n".join(result["findings"])
    # Every screen had text to read; at 300 % some Russian and Uzbek words are wider than a
    # line, and those (only those) were hyphenated.
    assert result["read"] > len(SCREEN_NAMES) * len(LOCALES) * 3
    assert result["hyphenated"], "no word was too wide for a line: is the scale 300 %?"
    # The check does see a word cut in two: Kivy's own Label, given the same font and a
    # line narrower than the word, cuts it.
    assert result["control"], "the check found nothing in a word Kivy cuts"


#: How a reader expects words wider than a line at 300 % (48 px in the app's font) broken,
#: at the line widths of the app's labels (328 px) and buttons (296 px) in a 360 dp window.
EXPECTED = {
    ("maʼlumotnomalarini", 328): ["maʼlumotno-", "malarini"],
    ("Bildirishnomalar", 296): ["Bildirishno-", "malar"],
    ("государственной", 296): ["государ-", "ственной"],
    ("Предпринимательство", 328): ["Предприни-", "мательство"],
    ("подъезд", 200): ["подъ-", "езд"],  # the ъ stays with its letter
    ("Ro‘yxatdan/o‘tish", 296): ["Ro‘yxatdan/", "o‘tish"],  # at its slash: no hyphen added
    ("XZ-2026-0000001.", 328): ["XZ-2026-", "0000001."],  # at its own hyphen
    ("tugʻilganlik", 328): ["tugʻilganlik"],  # it fits: left whole
}
#: Single words (no hyphen or slash of their own) for the rules at every width.
WORDS = ["maʼlumotnomalarini", "Bildirishnomalar", "Oʻzbekiston", "tugʻilganlik", "roʻyxatdan",
         "государственной", "Предпринимательство", "подъезд", "Министерства", "52011261483982"]
WIDTHS = sorted({*range(120, 401, 20), 296, 328})


@pytest.fixture(scope="module")
def word_breaks() -> dict[tuple[str, int], dict[str, Any]]:
    texts = sorted({*WORDS, *(text for text, _width in EXPECTED)})
    [found] = run_scenario("word_breaks", texts=texts, widths=WIDTHS, font_size=48)
    return {(case["text"], case["width"]): case for case in found["broken"]}


def test_long_words_break_between_syllables_or_at_their_own_hyphens(
        word_breaks: dict[tuple[str, int], dict[str, Any]]) -> None:
    assert {key: word_breaks[key]["lines"] for key in EXPECTED} == EXPECTED


@pytest.mark.parametrize("word", WORDS)
def test_a_word_is_hyphenated_only_when_wider_than_the_line_and_loses_nothing(
        word_breaks: dict[tuple[str, int], dict[str, Any]], word: str) -> None:
    for width in WIDTHS:
        case = word_breaks[(word, width)]
        lines = case["lines"]
        if case["whole"] <= width:
            assert lines == [word], width
            continue
        assert all(drawn <= width for drawn in case["drawn"]), (width, lines)
        assert all(line.endswith("-") for line in lines[:-1]), (width, lines)
        assert "".join(line.removesuffix("-") for line in lines) == word, (width, lines)
        # ʻ, ʼ, ь and ъ stay with the letter before them; sh and ch are one sound.
        assert not any(line[0] in "ʻʼьъ" for line in lines[1:]), (width, lines)
        assert not any(before[-2].lower() + after[0].lower() in ("sh", "ch")
                       for before, after in pairwise(lines)), (width, lines)
