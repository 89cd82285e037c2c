"""Text prepared for listening per language; voices and settings chosen from it."""

import pytest

from accessibility.speech.prepare import prepare_for_listening
from accessibility.speech.voices import (
    DEFAULT_RATE,
    MAX_RATE,
    VoiceSettings,
    normalize_language,
    voice_for,
)


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("Toʻlov: 150 000 soʻm", "Toʻlov: bir yuz ellik ming soʻm"),
        ("Toʻlov: 150\u00a0000 so'm", "Toʻlov: bir yuz ellik ming soʻm"),
        ("Muddat 27.11.2026", "Muddat ikki ming yigirma oltinchi yil yigirma yettinchi noyabr"),
        ("2026-03-08 gacha", "ikki ming yigirma oltinchi yil sakkizinchi mart gacha"),
        ("14 kun", "oʻn toʻrt kun"),
        ("maʼlumot va taʼlim", "ma'lumot va ta'lim"),
        ("Kod 0451", "Kod nol toʻrt besh bir"),
        # A date that does not exist is read as numbers, never refused.
        ("31.02.2026", "oʻttiz bir.nol ikki.ikki ming yigirma olti"),
    ],
)
def test_uzbek_latin_numbers_amounts_dates_and_tutuq(text: str, spoken: str) -> None:
    assert prepare_for_listening(text, "uz_Latn") == spoken


def test_uzbek_cyrillic_hard_sign_and_amounts() -> None:
    assert prepare_for_listening("Маълумот: 75000 сўм", "uz_Cyrl") == (
        "Ма'лумот: етмиш беш минг сўм"
    )
    assert prepare_for_listening("3 кун", "uz-Cyrl") == "уч кун"


def test_identifiers_are_read_digit_by_digit_after_the_expanded_abbreviation() -> None:
    assert prepare_for_listening("JShShIR: 31507851234567", "uz_Latn") == (
        "jismoniy shaxsning shaxsiy identifikatsiya raqami: "
        "uch bir besh nol yetti sakkiz besh bir ikki uch toʻrt besh olti yetti"
    )
    assert prepare_for_listening("Укажите ПИНФЛ", "ru") == (
        "Укажите персональный идентификационный номер физического лица"
    )


def test_russian_and_english_keep_numbers_but_drop_group_separators() -> None:
    assert prepare_for_listening("Сумма 1\u202f250\u00a0000 сум", "ru") == "Сумма 1250000 сум"
    assert prepare_for_listening("Call 90 123 45 67", "en") == "Call 90 123 45 67"
    assert prepare_for_listening("maʼlumot", "en") == "maʼlumot"


def test_spoken_forms_from_a_definition_replace_whole_words_only() -> None:
    forms = {"FHDYo": "fuqarolik holati dalolatnomalarini yozish organi", "ID": "aydi"}
    assert prepare_for_listening("FHDYo boʻlimi, ID karta", "uz_Latn", forms) == (
        "fuqarolik holati dalolatnomalarini yozish organi boʻlimi, aydi karta"
    )
    assert prepare_for_listening("IDEA", "en", forms) == "IDEA"
    assert prepare_for_listening(r"A\1", "en", {"A": r"back\slash"}) == r"back\slash\1"


def test_voice_follows_the_language_of_the_text() -> None:
    assert voice_for("uz_Latn") == voice_for("uz_Cyrl") == voice_for("uz-Latn") == "trk/uz"
    assert voice_for("ru") == "zle/ru"
    assert voice_for("en") == voice_for("en-US") == "gmw/en-us"
    assert normalize_language("uz") == "uz_Latn"
    with pytest.raises(ValueError, match="no voice for language 'de'"):
        voice_for("de")


@pytest.mark.parametrize(
    ("preferences", "rate", "volume"),
    [
        (None, DEFAULT_RATE, 1.0),
        ({"speech_rate": 250, "speech_volume": 0.5}, 250, 0.5),
        ({"speech_rate": "300", "speech_volume": "0.8"}, 300, 0.8),
        ({"speech_rate": 10_000, "speech_volume": -1}, MAX_RATE, 0.0),
        ({"speech_rate": "fast", "speech_volume": float("nan")}, DEFAULT_RATE, 1.0),
        ({"speech_rate": True, "speech_volume": [1]}, DEFAULT_RATE, 1.0),
    ],
)
def test_settings_from_preferences(preferences, rate: int, volume: float) -> None:
    assert VoiceSettings.from_preferences(preferences) == VoiceSettings(rate, volume)
