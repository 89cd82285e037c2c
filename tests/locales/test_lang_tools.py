"""extract / update / compile / transliterate on a copy of the ``common`` domain."""

from __future__ import annotations

import gettext

from babel.messages.pofile import read_po

from locales import SUPPORTED_LOCALES
from locales.checks import run_checks
from locales.extraction import Layout
from locales.tools import compile_all, extract, stats, stats_lines, transliterate, update
from tests.locales.helpers import Editor


def read(layout: Layout, locale: str, domain: str = "common"):  # type: ignore[no-untyped-def]
    with layout.catalog(locale, domain).open("rb") as handle:
        return read_po(handle, locale=locale)


def add_source_text(layout: Layout, line: str) -> None:
    source = layout.repo_root / "locales" / "formatting.py"
    source.write_text(source.read_text(encoding="utf-8") + line, encoding="utf-8")


def test_nothing_changes_when_nothing_changed(mini_repo: Layout) -> None:
    extract(layout=mini_repo)  # refresh source line numbers, if the code moved since
    update(layout=mini_repo)
    before = {p: p.read_bytes() for p in mini_repo.locales_dir.rglob("*.po*")}
    assert extract(layout=mini_repo) == []
    assert update(layout=mini_repo) == []
    assert {p: p.read_bytes() for p in mini_repo.locales_dir.rglob("*.po*")} == before


def test_a_new_source_text_reaches_every_catalog_untranslated(mini_repo: Layout) -> None:
    add_source_text(mini_repo, '\n# translators: A test text. Length: max 20 characters.\n'
                               '_NEW = N_("Brand new text")\n')
    assert extract(layout=mini_repo) == [mini_repo.template("common")]
    changed = update(layout=mini_repo)
    assert sorted(changed) == sorted(mini_repo.catalog(loc, "common") for loc in SUPPORTED_LOCALES)
    for locale in SUPPORTED_LOCALES:
        message = read(mini_repo, locale).get("Brand new text")
        assert message is not None and message.string == ""
        assert "translators: A test text. Length: max 20 characters." in message.auto_comments
    untranslated = [f for f in run_checks(layout=mini_repo)
                    if f.reason == "This text is not translated yet."]
    assert len(untranslated) == len(SUPPORTED_LOCALES)


def test_update_creates_a_missing_catalog_with_the_locale_plural_rule(mini_repo: Layout) -> None:
    mini_repo.catalog("ru", "common").unlink()
    assert update(["common"], ["ru"], mini_repo) == [mini_repo.catalog("ru", "common")]
    text = mini_repo.catalog("ru", "common").read_text(encoding="utf-8")
    assert "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 :" in text
    assert "Language: ru" in text


def test_update_normalizes_typed_apostrophes_in_uzbek_latin(
    mini_repo: Layout, edit_catalog: Editor
) -> None:
    edit_catalog("uz_Latn", "common", '"Bepul"', '"Bepul to\'lov"')
    update(["common"], ["uz_Latn"], mini_repo)
    assert read(mini_repo, "uz_Latn").get("Free of charge").string == "Bepul toʻlov"


def test_compile_writes_mo_files_gettext_reads(mini_repo: Layout) -> None:
    written = compile_all(["common"], layout=mini_repo)
    assert len(written) == len(SUPPORTED_LOCALES)
    with mini_repo.catalog("ru", "common").with_suffix(".mo").open("rb") as handle:
        russian = gettext.GNUTranslations(handle)
    assert russian.ngettext("%(num)s day", "%(num)s days", 22) == "%(num)s дня"
    assert russian.gettext("Free of charge") == "Бесплатно"


def test_transliterate_drafts_only_empty_or_fuzzy_entries(
    mini_repo: Layout, edit_catalog: Editor
) -> None:
    edit_catalog("uz_Cyrl", "common", '"Бепул"', '""')  # empty: gets a draft
    edit_catalog("uz_Cyrl", "common", '"%(amount)s сўм"', '"%(amount)s СЎМ (эски)"')
    edit_catalog("uz_Cyrl", "common", '#, python-format\nmsgid "UZS %(amount)s"',
                 '#, fuzzy, python-format\nmsgid "UZS %(amount)s"')  # fuzzy: redrafted
    reviewed = "Бу матн ҳали таржима қилинмаган."
    edit_catalog("uz_Cyrl", "common", f'"{reviewed}"', '"Таржимаси йўқ."')  # reviewed: kept
    (result,) = transliterate(["common"], mini_repo)
    assert (result.drafted, result.path) == (2, mini_repo.catalog("uz_Cyrl", "common"))
    catalog = read(mini_repo, "uz_Cyrl")
    free = catalog.get("Free of charge")
    assert (free.string, free.fuzzy) == ("Бепул", True)
    amount = catalog.get("UZS %(amount)s")
    assert (amount.string, amount.fuzzy) == ("%(amount)s сўм", True)
    kept = catalog.get("This text is not translated yet.")
    assert (kept.string, kept.fuzzy) == ("Таржимаси йўқ.", False)
    assert result.kept_reviewed == len([m for m in catalog if m.id]) - 2


def test_stats_count_fuzzy_and_missing(mini_repo: Layout, edit_catalog: Editor) -> None:
    edit_catalog("ru", "common", '"Бесплатно"', '""')
    edit_catalog("ru", "common", 'msgstr[2] "%(num)s лет"', 'msgstr[2] ""')
    edit_catalog("en", "common", '#, python-format\nmsgid "UZS %(amount)s"',
                 '#, fuzzy, python-format\nmsgid "UZS %(amount)s"')
    counts = stats(layout=mini_repo)
    total = counts["uz_Latn"].domains["common"].total
    assert counts["uz_Latn"].domains["common"].translated == total
    # An empty plural form makes the whole entry untranslated.
    assert counts["ru"].domains["common"].translated == total - 2
    assert (counts["en"].domains["common"].translated, counts["en"].fuzzy) == (total - 1, 1)
    lines = stats_lines(layout=mini_repo)
    assert lines[0].split() == ["locale", "domain", "translated", "fuzzy", "missing", "total",
                                "done"]
    ru_line = next(line for line in lines if line.startswith("ru") and "common" in line)
    assert ru_line.split()[2:6] == [str(total - 2), "0", "2", str(total)]


def test_transliterate_leaves_a_fully_reviewed_catalog_untouched(mini_repo: Layout) -> None:
    extract(layout=mini_repo)
    update(layout=mini_repo)
    path = mini_repo.catalog("uz_Cyrl", "common")
    before = path.read_bytes()
    (result,) = transliterate(layout=mini_repo)
    assert (result.drafted, path.read_bytes()) == (0, before)


def test_transliterate_keeps_allow_listed_latin_terms(
    mini_repo: Layout, edit_catalog: Editor
) -> None:
    # locales/allowlist.txt lets uz_Cyrl keep the key name "Enter" and the term "SMS".
    edit_catalog("uz_Latn", "common", '"Bepul"', '"Bepul: Enter tugmasi, SMS-xabar"')
    edit_catalog("uz_Cyrl", "common", '"Бепул"', '""')
    transliterate(["common"], mini_repo)
    drafted = read(mini_repo, "uz_Cyrl").get("Free of charge")
    assert (drafted.string, drafted.fuzzy) == ("Бепул: Enter тугмаси, SMS-хабар", True)
