"""Uzbek numbers in words, both scripts (golden values checked by hand)."""

from __future__ import annotations

import datetime

import pytest

from locales.speller import spell_amount_som, spell_cardinal, spell_date, spell_ordinal


@pytest.mark.parametrize(
    ("number", "latin", "cyrillic"),
    [
        (0, "nol", "нол"),
        (1, "bir", "бир"),
        (4, "toʻrt", "тўрт"),
        (9, "toʻqqiz", "тўққиз"),
        (10, "oʻn", "ўн"),
        (11, "oʻn bir", "ўн бир"),
        (19, "oʻn toʻqqiz", "ўн тўққиз"),
        (20, "yigirma", "йигирма"),
        (21, "yigirma bir", "йигирма бир"),
        (40, "qirq", "қирқ"),
        (55, "ellik besh", "эллик беш"),
        (67, "oltmish yetti", "олтмиш етти"),
        (78, "yetmish sakkiz", "етмиш саккиз"),
        (80, "sakson", "саксон"),
        (99, "toʻqson toʻqqiz", "тўқсон тўққиз"),
        (100, "bir yuz", "бир юз"),
        (101, "bir yuz bir", "бир юз бир"),
        (230, "ikki yuz oʻttiz", "икки юз ўттиз"),
        (999, "toʻqqiz yuz toʻqson toʻqqiz", "тўққиз юз тўқсон тўққиз"),
        (1000, "bir ming", "бир минг"),
        (1001, "bir ming bir", "бир минг бир"),
        (2026, "ikki ming yigirma olti", "икки минг йигирма олти"),
        (10_000, "oʻn ming", "ўн минг"),
        (75_000, "yetmish besh ming", "етмиш беш минг"),
        (340_000, "uch yuz qirq ming", "уч юз қирқ минг"),
        (1_000_000, "bir million", "бир миллион"),
        (1_250_000, "bir million ikki yuz ellik ming", "бир миллион икки юз эллик минг"),
        (2_000_005, "ikki million besh", "икки миллион беш"),
        (1_000_000_000, "bir milliard", "бир миллиард"),
        (
            3_450_006_070,
            "uch milliard toʻrt yuz ellik million olti ming yetmish",
            "уч миллиард тўрт юз эллик миллион олти минг етмиш",
        ),
        (-15, "minus oʻn besh", "минус ўн беш"),
    ],
)
def test_cardinals(number: int, latin: str, cyrillic: str) -> None:
    assert spell_cardinal(number) == latin
    assert spell_cardinal(number, "Latn") == latin
    assert spell_cardinal(number, "Cyrl") == cyrillic


@pytest.mark.parametrize(
    ("number", "latin", "cyrillic"),
    [
        (1, "birinchi", "биринчи"),
        (2, "ikkinchi", "иккинчи"),
        (3, "uchinchi", "учинчи"),
        (6, "oltinchi", "олтинчи"),
        (7, "yettinchi", "еттинчи"),
        (10, "oʻninchi", "ўнинчи"),
        (20, "yigirmanchi", "йигирманчи"),
        (31, "oʻttiz birinchi", "ўттиз биринчи"),
        (50, "elliginchi", "эллигинчи"),
        (1000, "bir minginchi", "бир мингинчи"),
    ],
)
def test_ordinals(number: int, latin: str, cyrillic: str) -> None:
    assert spell_ordinal(number) == latin
    assert spell_ordinal(number, "Cyrl") == cyrillic


@pytest.mark.parametrize(
    ("amount", "latin", "cyrillic"),
    [
        (0, "nol soʻm", "нол сўм"),
        (500, "besh yuz soʻm", "беш юз сўм"),
        (75_000, "yetmish besh ming soʻm", "етмиш беш минг сўм"),
        (1_250_000, "bir million ikki yuz ellik ming soʻm", "бир миллион икки юз эллик минг сўм"),
    ],
)
def test_amounts_in_som(amount: int, latin: str, cyrillic: str) -> None:
    assert spell_amount_som(amount) == latin
    assert spell_amount_som(amount, "Cyrl") == cyrillic


@pytest.mark.parametrize(
    ("day", "latin", "cyrillic"),
    [
        (
            datetime.date(2026, 11, 27),
            "ikki ming yigirma oltinchi yil yigirma yettinchi noyabr",
            "икки минг йигирма олтинчи йил йигирма еттинчи ноябрь",
        ),
        (
            datetime.date(2025, 1, 1),
            "ikki ming yigirma beshinchi yil birinchi yanvar",
            "икки минг йигирма бешинчи йил биринчи январь",
        ),
        (
            datetime.date(1991, 9, 1),
            "bir ming toʻqqiz yuz toʻqson birinchi yil birinchi sentabr",
            "бир минг тўққиз юз тўқсон биринчи йил биринчи сентябрь",
        ),
        (
            datetime.date(2030, 4, 30),
            "ikki ming oʻttizinchi yil oʻttizinchi aprel",
            "икки минг ўттизинчи йил ўттизинчи апрель",
        ),
    ],
)
def test_dates(day: datetime.date, latin: str, cyrillic: str) -> None:
    assert spell_date(day) == latin
    assert spell_date(day, "Cyrl") == cyrillic


def test_bad_input_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="unknown script"):
        spell_cardinal(5, "Arab")
    with pytest.raises(ValueError, match="too large"):
        spell_cardinal(10**15)
    with pytest.raises(TypeError, match="whole numbers"):
        spell_amount_som(12.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ordinals"):
        spell_ordinal(-1)
