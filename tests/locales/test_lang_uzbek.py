"""Uzbek orthography: apostrophes, transliteration (gold sets, exception dictionary), folding."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from locales.uzbek import (
    apostrophe_blind,
    case_blind,
    cyrillic_to_latin,
    exception_pairs,
    fold,
    latin_to_cyrillic,
    normalize_apostrophes,
    script_blind,
    transliterate,
)
from tests.locales.helpers import DATA_DIR


def gold(name: str) -> list[tuple[str, str]]:
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            source, expected = line.split("\t")
            rows.append((source, expected))
    return rows


def score(rows: list[tuple[str, str]], convert: object) -> tuple[float, list[str]]:
    assert callable(convert)
    misses = [f"{src} -> {convert(src)} (expected {exp})" for src, exp in rows
              if convert(src) != exp]
    return 1 - len(misses) / len(rows), misses


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("O'zbekiston", "Oʻzbekiston"),
        ("o`zbek", "oʻzbek"),
        ("to‘lov", "toʻlov"),
        ("tog’", "togʻ"),  # word-final gʻ
        ("G'ALABA", "GʻALABA"),
        ("ma'lumot", "maʼlumot"),
        ("ta’lim", "taʼlim"),
        ("maʻlumot", "maʼlumot"),  # ʻ where the tutuq belgisi ʼ belongs
        ("boʼlim", "boʻlim"),  # ʼ where ʻ belongs
        ("Is'hoq", "Isʼhoq"),
        ("'Salom', dedi u.", "'Salom', dedi u."),  # quotation marks stay
        ("Men ‘bor’ dedim", "Men ‘bor’ dedim"),
        ("`make translate-check` buyrugʻi", "`make translate-check` buyrugʻi"),
        ("cafe\u0301", "café"),  # NFC first
    ],
)
def test_apostrophe_normalization(typed: str, normalized: str) -> None:
    assert normalize_apostrophes(typed) == normalized


def test_cyrillic_to_latin_gold_set_is_converted_word_for_word() -> None:
    # Every hand-checked word: a regression in one loan must not hide under a percentage.
    rows = gold("translit_cyrl_to_latn.tsv")
    assert len(rows) >= 400
    accuracy, misses = score(rows, cyrillic_to_latin)
    assert misses == [] and accuracy == 1.0


def test_latin_to_cyrillic_gold_set_is_converted_word_for_word() -> None:
    # Every hand-checked word: a regression in one loan must not hide under a percentage.
    rows = gold("translit_latn_to_cyrl.tsv")
    assert len(rows) >= 400
    accuracy, misses = score(rows, latin_to_cyrillic)
    assert misses == [] and accuracy == 1.0


def test_exception_dictionary_is_exact_both_ways() -> None:
    pairs = exception_pairs()
    assert len(pairs) >= 50
    for cyrillic, latin, direction in pairs:
        if direction in ("both", "to_latn"):
            assert cyrillic_to_latin(cyrillic) == latin
            assert cyrillic_to_latin(cyrillic.capitalize()) == latin[:1].upper() + latin[1:]
        if direction in ("both", "to_cyrl"):
            assert latin_to_cyrillic(latin) == cyrillic
            assert latin_to_cyrillic(latin.upper()) == cyrillic.upper()


def test_exception_dictionary_words_take_suffixes() -> None:
    assert cyrillic_to_latin("объектлар") == "obyektlar"
    assert latin_to_cyrillic("konsertga") == "концертга"
    assert cyrillic_to_latin("сентябрда") == "sentabrda"
    # "sirka" (vinegar) starts with the dictionary word "sirk" but is not it.
    assert latin_to_cyrillic("sirka") == "сирка"


@pytest.mark.parametrize(
    ("latin_suffix", "cyrillic_suffix"),
    [("", ""), ("lar", "лар"), ("ga", "га"), ("da", "да"), ("ning", "нинг"), ("i", "и"),
     ("lari", "лари"), ("dagi", "даги"), ("imiz", "имиз")],
)
@pytest.mark.parametrize("case", [str.lower, str.title, str.upper])
def test_soft_sign_loans_keep_their_soft_sign_with_suffixes_in_every_case(
    latin_suffix: str, cyrillic_suffix: str, case: Callable[[str], str]
) -> None:
    # Latin drops the ь of факультет; only the dictionary can bring it back, on every form.
    latin, cyrillic = case("fakultet" + latin_suffix), case("факультет" + cyrillic_suffix)
    assert latin_to_cyrillic(latin) == cyrillic
    assert cyrillic_to_latin(cyrillic) == latin


def test_separating_soft_sign_before_o_and_i_is_y() -> None:
    # Annex to the 1995 rules: павильон -> pavilyon, Ильин -> Ilyin; elsewhere ь is dropped.
    assert cyrillic_to_latin("батальон медальон Ильин") == "batalyon medalyon Ilyin"
    assert cyrillic_to_latin("БАТАЛЬОН Батальон") == "BATALYON Batalyon"
    assert cyrillic_to_latin("мультфильм альбом") == "multfilm albom"
    # Back to Cyrillic, "lyo" is ambiguous (Ilyos is Илёс): only listed loans get ьо.
    assert latin_to_cyrillic("pavilyon Ilyos") == "павильон Илёс"


def test_native_words_with_the_letters_of_a_soft_sign_loan_keep_none() -> None:
    # bultur and qultum are Uzbek: no "ult" rule, and no dictionary stem, may touch them.
    assert latin_to_cyrillic("bultur qultum pulsiz konsul") == "бултур қултум пулсиз консул"


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        # pul (money) is not puls: pulsiz, puli, pullar take no soft sign.
        ("pulsiz pulsizlik puli pullar pulim", "пулсиз пулсизлик пули пуллар пулим"),
        # rul is listed whole only (shorter than a stem): rulon, rulda stay by the rules.
        ("rulon rulonlar", "рулон рулонлар"),
        ("aksi aksincha aksiga", "акси аксинча аксига"),  # aksiz (акциз) is not aksi
        ("ol olti oltin olma el elchi elchixona tel telba telpak",
         "ол олти олтин олма эл элчи элчихона тел телба телпак"),
        ("ot otlar Otabek otliq", "от отлар Отабек отлиқ"),  # otel is not ot
        ("natija natijalar fizika rezina leksika", "натижа натижалар физика резина лексика"),
        ("kontrolyor", "контролёр"),  # a longer loan on a listed stem stays by the rules
    ],
)
def test_native_words_sharing_letters_with_new_loans_are_unchanged(
    latin: str, cyrillic: str
) -> None:
    assert latin_to_cyrillic(latin) == cyrillic
    assert latin_to_cyrillic(latin.upper()) == cyrillic.upper()


# Loans whose ь Latin drops inside the word: it stays before every suffix.
_INNER_SOFT_SIGN = [("rezultat", "результат"), ("fizkultura", "физкультура"),
                    ("puls", "пульс"), ("insult", "инсульт"), ("rels", "рельс")]
# Loans ending in ь: it comes back on the bare word and is dropped before a suffix
# (the existing convention: сентябрда, автомобиллар).
_FINAL_SOFT_SIGN = [("otel", "отель"), ("kontrol", "контроль"), ("alkogol", "алкоголь"),
                    ("tabel", "табель"), ("gospital", "госпиталь"), ("shtempel", "штемпель")]
_UZBEK_SUFFIXES = [("", ""), ("lar", "лар"), ("i", "и"), ("si", "си"), ("imiz", "имиз"),
                   ("ga", "га"), ("da", "да"), ("dan", "дан"), ("ni", "ни"), ("ning", "нинг"),
                   ("lari", "лари"), ("larimizga", "ларимизга")]


def _forms(pairs: list[tuple[str, str]], drop_final_soft_sign: bool) -> list[tuple[str, str]]:
    forms = []
    for latin, cyrillic in pairs:
        for latin_suffix, cyrillic_suffix in _UZBEK_SUFFIXES:
            if latin.endswith(("a", "i")) and latin_suffix in ("i", "imiz"):
                continue  # a vowel stem takes -si / -miz, not -i / -imiz
            if latin[-1] not in "aeiou" and latin_suffix == "si":
                continue
            stem = cyrillic[:-1] if drop_final_soft_sign and cyrillic_suffix else cyrillic
            forms.append((latin + latin_suffix, stem + cyrillic_suffix))
    return forms


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    _forms(_INNER_SOFT_SIGN, drop_final_soft_sign=False)
    + _forms(_FINAL_SOFT_SIGN, drop_final_soft_sign=True),
)
@pytest.mark.parametrize("case", [str.lower, str.capitalize, str.upper])
def test_public_service_soft_sign_loans_in_every_form_and_case(
    latin: str, cyrillic: str, case: Callable[[str], str]
) -> None:
    assert latin_to_cyrillic(case(latin)) == case(cyrillic)
    assert cyrillic_to_latin(case(cyrillic)) == case(latin)


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [("direksiya", "дирекция"), ("instansiya", "инстанция"), ("konferensiyada", "конференцияда"),
     ("avtostansiya", "автостанция"), ("kanselyariya", "канцелярия"),
     ("infeksiyalar", "инфекциялар"), ("leksiyasi", "лекцияси"), ("seksiya", "секция"),
     ("funksiya", "функция"), ("sanksiya", "санкция"), ("instruksiyani", "инструкцияни"),
     ("reaksiya", "реакция"), ("aksizlar", "акцизлар"), ("Mototsikl", "Мотоцикл"),
     ("STANSIYA", "СТАНЦИЯ"), ("kvitansiyasi", "квитанцияси")],
)
def test_ts_loans_written_s_after_a_consonant_come_back_as_ts(latin: str, cyrillic: str) -> None:
    # 1995 rules: ц is s at the start and after a consonant, ts after a vowel; the s
    # cannot tell ц from с, so these come from the dictionary.
    assert latin_to_cyrillic(latin) == cyrillic
    assert cyrillic_to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    ("typed", "cyrillic", "official"),
    [("oktyabr", "октябрь", "oktabr"), ("Sentyabrdan", "Сентябрдан", "Sentabrdan"),
     ("OKTYABRGACHA", "ОКТЯБРГАЧА", "OKTABRGACHA"), ("tsirk", "цирк", "sirk"),
     ("tsementdan", "цементдан", "sementdan"), ("Tsentr", "Центр", "Sentr"),
     ("direktsiya", "дирекция", "direksiya"), ("stantsiya", "станция", "stansiya"),
     ("kvitantsiya", "квитанция", "kvitansiya")],
)
def test_spellings_in_common_use_read_back_and_come_out_official(
    typed: str, cyrillic: str, official: str
) -> None:
    assert latin_to_cyrillic(typed) == cyrillic
    assert cyrillic_to_latin(cyrillic) == official


def test_soft_sign_kept_before_a_suffix_in_cyrillic_is_read_as_the_listed_word() -> None:
    # Cyrillic texts write both сентябрда and сентябрьда; either is the listed month.
    assert cyrillic_to_latin("октябрьда Сентябрьдан ДЕКАБРЬГАЧА") == (
        "oktabrda Sentabrdan DEKABRGACHA"
    )
    assert cyrillic_to_latin("отельда отелда пароль") == "otelda otelda parol"


def test_placeholders_addresses_and_kept_terms_pass_through() -> None:
    text = "%(count)d ta ariza SMS orqali my.gov.uz va info@xizmat.uz, `make translate-check`"
    assert latin_to_cyrillic(text) == (
        "%(count)d та ариза SMS орқали my.gov.uz ва info@xizmat.uz, `make translate-check`"
    )
    assert cyrillic_to_latin("%(num)s та ариза, https://my.gov.uz") == (
        "%(num)s ta ariza, https://my.gov.uz"
    )


def test_capitals_of_digraphs_follow_the_word() -> None:
    assert cyrillic_to_latin("ШАҲАР Шаҳар Ёз ЁЗ Ўқиш") == "SHAHAR Shahar Yoz YOZ Oʻqish"
    assert latin_to_cyrillic("SHAHAR Shahar Yoz CHINOR") == "ШАҲАР Шаҳар Ёз ЧИНОР"


def test_transliterate_dispatches_by_script() -> None:
    assert transliterate("toʻlov", "Latn", "Cyrl") == "тўлов"
    assert transliterate("тўлов", "Cyrl", "Latn") == "toʻlov"
    assert transliterate("toʻlov", "Latn", "Latn") == "toʻlov"
    with pytest.raises(ValueError, match="no transliteration"):
        transliterate("x", "Latn", "Arab")


@pytest.mark.parametrize(
    "variant",
    ["Oʻzbekiston", "O'zbekiston", "OZBEKISTON", "ozbekiston", "Ўзбекистон", "ЎЗБЕКИСТОН",
     "O‘zbekiston", "o`zbekiston"],
)
def test_folding_is_script_apostrophe_and_case_blind(variant: str) -> None:
    assert fold(variant) == "ozbekiston"


def test_folding_helpers_each_do_one_thing() -> None:
    assert script_blind("паспорт") == "pasport"
    assert script_blind("pasport") == "pasport"
    assert apostrophe_blind("toʻlov to'lov") == "tolov tolov"
    assert case_blind("TOSHKENT") == "toshkent"
    assert fold("pasport") == fold("ПАСПОРТ")
    assert fold("maʼlumot") == fold("маълумот") == "malumot"


def test_gold_files_are_tab_separated_pairs() -> None:
    for path in Path(DATA_DIR).glob("translit_*.tsv"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line and not line.startswith("#"):
                assert line.count("\t") == 1, f"{path.name}:{number}"


PIECES = st.sampled_from(
    ["oʻ", "gʻ", "sh", "ch", "ng", "ye", "yo", "ts", "o'", "g`", "ma'", "a", "e", "i", "q",
     "x", "h", "s", "y", " ", ", ", "-", "%(count)d", "%(name)s", "SMS", "Ё", "Ш", "ъ", "ь",
     "ц", "е", "сҳ", "ў", "`make x`"]
)


@given(st.lists(PIECES, max_size=12).map("".join))
def test_placeholders_survive_and_helpers_are_idempotent(text: str) -> None:
    for placeholder in ("%(count)d", "%(name)s"):
        assert latin_to_cyrillic(text).count(placeholder) == text.count(placeholder)
        assert cyrillic_to_latin(text).count(placeholder) == text.count(placeholder)
    once = normalize_apostrophes(text + "\u0301")
    assert normalize_apostrophes(once) == once
    assert fold(fold(text)) == fold(text)
