"""Translation completeness: template decides, plurals need every form, fuzzy is untranslated."""

from __future__ import annotations

from pathlib import Path

from locales.stats import all_locale_stats, domain_stats, domains_in, locale_stats

POT = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Apply"
msgstr ""

msgid "%(num)d day"
msgid_plural "%(num)d days"
msgstr[0] ""
msgstr[1] ""

msgctxt "passport:title"
msgid "Passport"
msgstr ""

msgid "Cancel"
msgstr ""
"""

RU = """msgid ""
msgstr ""
"Language: ru\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
"(n%100<10 || n%100>=20) ? 1 : 2);\\n"

msgid "Apply"
msgstr "Подать"

msgid "%(num)d day"
msgid_plural "%(num)d days"
msgstr[0] "%(num)d день"
msgstr[1] "%(num)d дня"
msgstr[2] ""

#, fuzzy
msgctxt "passport:title"
msgid "Passport"
msgstr "Паспорт"

msgid "Obsolete or stray entry not in the template"
msgstr "Лишнее"
"""

EN = """msgid ""
msgstr ""
"Language: en\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Apply"
msgstr "Apply"

msgid "%(num)d day"
msgid_plural "%(num)d days"
msgstr[0] "%(num)d day"
msgstr[1] "%(num)d days"

msgctxt "passport:title"
msgid "Passport"
msgstr "Passport"

msgid "Cancel"
msgstr "Cancel"
"""


def make_tree(root: Path) -> Path:
    (root / "templates").mkdir(parents=True)
    (root / "templates" / "demo.pot").write_text(POT, encoding="utf-8")
    for locale, text in (("ru", RU), ("en", EN)):
        folder = root / locale / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "demo.po").write_text(text, encoding="utf-8")
    return root


def test_counts_follow_the_template_plurals_and_fuzzy(tmp_path: Path) -> None:
    root = make_tree(tmp_path)
    ru = domain_stats("demo", "ru", root)
    # "Apply" only: the plural lacks its third form, "Passport" is fuzzy, "Cancel" missing,
    # and the stray entry is not in the template.
    assert (ru.total, ru.translated, ru.fuzzy, ru.untranslated) == (4, 1, 1, 3)
    en = domain_stats("demo", "en", root)
    assert (en.total, en.translated) == (4, 4)


def test_missing_catalog_counts_everything_untranslated(tmp_path: Path) -> None:
    root = make_tree(tmp_path)
    stats = locale_stats("uz_Latn", root)
    assert stats.total == 4 and stats.translated == 0 and stats.percent == 0.0


def test_all_locales_sum_domains_and_round_down(tmp_path: Path) -> None:
    root = make_tree(tmp_path)
    stats = all_locale_stats(root)
    assert list(stats) == ["uz_Latn", "uz_Cyrl", "ru", "en"]
    assert stats["ru"].percent == 25.0
    assert stats["en"].percent == 100.0
    assert domains_in(root) == ["demo"]


def test_percent_is_not_rounded_up_to_complete(tmp_path: Path) -> None:
    root = make_tree(tmp_path)
    pot = root / "templates" / "demo.pot"
    extra = "".join(f'\nmsgid "Extra {index}"\nmsgstr ""\n' for index in range(996))
    pot.write_text(POT + extra, encoding="utf-8")
    en_po = root / "en" / "LC_MESSAGES" / "demo.po"
    en_po.write_text(EN + extra.replace('msgstr ""', 'msgstr "x"').replace(
        'msgid "Extra 0"\nmsgstr "x"', 'msgid "Extra 0"\nmsgstr ""'), encoding="utf-8")
    stats = locale_stats("en", root)
    assert (stats.total, stats.translated) == (1000, 999)
    assert stats.percent == 99.9


def test_edited_catalog_is_read_again(tmp_path: Path) -> None:
    root = make_tree(tmp_path)
    assert domain_stats("demo", "ru", root).translated == 1
    po_file = root / "ru" / "LC_MESSAGES" / "demo.po"
    po_file.write_text(RU.replace('msgstr[2] ""', 'msgstr[2] "%(num)d дней"'), encoding="utf-8")
    assert domain_stats("demo", "ru", root).translated == 2


def test_core_domain_is_complete_in_every_locale() -> None:
    for locale, stats in all_locale_stats(domains=["core"]).items():
        assert stats.total > 80, locale
        assert stats.translated == stats.total, (locale, stats.untranslated)
