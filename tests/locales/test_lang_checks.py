"""``translate check``: the real catalogs pass; each kind of breakage in a copy is reported
with its file, line and the right reason."""

from __future__ import annotations

import pytest

from locales.checks import Finding, render_finding, run_checks, summary
from locales.extraction import Layout
from tests.locales.helpers import Editor, line_of

WORKING_DAYS_RU = '''msgstr[0] "%(num)s рабочий день"
msgstr[1] "%(num)s рабочих дня"
msgstr[2] "%(num)s рабочих дней"'''


def reasons(findings: list[Finding]) -> list[str]:
    return [finding.reason for finding in findings]


def only(findings: list[Finding], starting: str) -> list[Finding]:
    return [finding for finding in findings if finding.reason.startswith(starting)]


def test_the_real_catalogs_pass_every_check() -> None:
    findings = run_checks()
    assert findings == [], "\n" + "\n".join(render_finding(f) for f in findings)


def test_a_clean_copy_passes(mini_repo: Layout) -> None:
    assert run_checks(layout=mini_repo) == []


def test_missing_placeholder_in_a_python_format_entry(
    mini_repo: Layout, edit_catalog: Editor
) -> None:
    path = edit_catalog("ru", "common", '"%(amount)s сум"', '"сум"')
    found = only(run_checks(layout=mini_repo), "The placeholder %(placeholder)s")
    assert [(f.path, f.line, f.params) for f in found] == [
        (path, line_of(path, 'msgid "UZS %(amount)s"'), {"placeholder": "%(amount)s"})
    ]
    assert "%(amount)s" in found[0].text("en") and "missing" in found[0].text("en")


def test_missing_placeholder_without_the_python_format_flag(
    mini_repo: Layout, edit_catalog: Editor
) -> None:
    # msgfmt only compares placeholders on entries flagged python-format; our check does not
    # depend on the flag.
    edit_catalog("uz_Latn", "common", '#, python-format\nmsgid "UZS %(amount)s"',
                 'msgid "UZS %(amount)s"')
    path = edit_catalog("uz_Latn", "common", '"%(amount)s soʻm"', '"soʻm"')
    found = only(run_checks(layout=mini_repo), "The placeholder %(placeholder)s")
    assert [(f.path, f.params["placeholder"]) for f in found] == [(path, "%(amount)s")]


def test_extra_placeholder(mini_repo: Layout, edit_catalog: Editor) -> None:
    path = edit_catalog("uz_Cyrl", "common", '"Бепул"', '"Бепул %(amount)s"')
    found = only(run_checks(layout=mini_repo), "The translation has the placeholder")
    assert [(f.path, f.line, f.params) for f in found] == [
        (path, line_of(path, 'msgid "Free of charge"'), {"placeholder": "%(amount)s"})
    ]


def test_ascii_apostrophe_in_uzbek_latin(mini_repo: Layout, edit_catalog: Editor) -> None:
    path = edit_catalog("uz_Latn", "common", '"Bepul"', '"Bepul, to\'liq"')
    found = only(run_checks(layout=mini_repo), "Uzbek Latin writes")
    assert [(f.path, f.line, f.params) for f in found] == [
        (path, line_of(path, 'msgid "Free of charge"'),
         {"found": "to'liq\"", "suggestion": "toʻliq\""})
    ] or [(f.params["found"], f.params["suggestion"]) for f in found] == [("to'liq", "toʻliq")]
    assert "toʻliq" in found[0].text("uz_Latn")


def test_wrong_modifier_letter_for_the_tutuq_belgisi(
    mini_repo: Layout, edit_catalog: Editor
) -> None:
    # ʻ (U+02BB) where ʼ (U+02BC) belongs: "maʻlumot" must be "maʼlumot".
    edit_catalog("uz_Latn", "common", '"Bepul"', '"Bepul maʻlumot"')
    found = only(run_checks(layout=mini_repo), "Uzbek Latin writes")
    assert [(f.params["found"], f.params["suggestion"]) for f in found] == [
        ("maʻlumot", "maʼlumot")
    ]


def test_text_not_in_nfc(mini_repo: Layout, edit_catalog: Editor) -> None:
    edit_catalog("uz_Latn", "common", '"Bepul"', '"Be\u0301pul"')
    assert len(only(run_checks(layout=mini_repo), "The text is not in Unicode NFC")) == 1


def test_latin_letter_in_uzbek_cyrillic(mini_repo: Layout, edit_catalog: Editor) -> None:
    # A Latin "e" that looks like the Cyrillic "е".
    path = edit_catalog("uz_Cyrl", "common", '"Бепул"', '"Бeпул"')
    found = only(run_checks(layout=mini_repo), "Uzbek Cyrillic text contains Latin")
    assert [(f.path, f.params) for f in found] == [(path, {"word": "Бeпул"})]


def test_allowed_latin_terms_in_uzbek_cyrillic_pass(
    mini_repo: Layout, edit_catalog: Editor
) -> None:
    edit_catalog("uz_Cyrl", "common", '"Бепул"', '"SMS ва QR орқали бепул, `make` %(x)s"'
                 .replace(" %(x)s", ""))
    assert only(run_checks(layout=mini_repo), "Uzbek Cyrillic text contains Latin") == []


def test_wrong_number_of_plural_forms(mini_repo: Layout, edit_catalog: Editor) -> None:
    path = edit_catalog("ru", "common", WORKING_DAYS_RU,
                        'msgstr[0] "%(num)s рабочий день"\nmsgstr[1] "%(num)s рабочих дней"')
    findings = run_checks(layout=mini_repo)
    found = only(findings, "This text has %(found)d plural forms")
    assert [(f.path, f.line, f.params) for f in found] == [
        (path, line_of(path, 'msgid "%(num)s working day"'),
         {"found": 2, "locale": "ru", "expected": 3})
    ]
    assert found[0].text("ru").startswith("Форм множественного числа у этого текста: 2")


def test_wrong_plural_forms_header(mini_repo: Layout, edit_catalog: Editor) -> None:
    edit_catalog(
        "ru", "common",
        '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
        '(n%100<10 || n%100>=20) ? 1 : 2);\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
    )
    found = only(run_checks(layout=mini_repo), "The catalog's `Plural-Forms` header")
    assert [(f.line, f.params) for f in found] == [(1, {"locale": "ru", "expected": 3})]


def test_untranslated_and_fuzzy_entries(mini_repo: Layout, edit_catalog: Editor) -> None:
    edit_catalog("ru", "common", '"Бесплатно"', '""')
    path = edit_catalog("en", "common", '#, python-format\nmsgid "UZS %(amount)s"',
                        '#, fuzzy, python-format\nmsgid "UZS %(amount)s"')
    findings = run_checks(layout=mini_repo)
    untranslated = only(findings, "This text is not translated yet.")
    assert [(f.path.parent.parent.name, f.line) for f in untranslated] == [
        ("ru", line_of(mini_repo.catalog("ru", "common"), 'msgid "Free of charge"'))
    ]
    fuzzy = only(findings, "The translation is marked fuzzy")
    assert [(f.path, f.line) for f in fuzzy] == [(path, line_of(path, 'msgid "UZS %(amount)s"'))]


def test_translation_identical_to_the_source(mini_repo: Layout, edit_catalog: Editor) -> None:
    path = edit_catalog("ru", "common", '"Бесплатно"', '"Free of charge"')
    found = only(run_checks(layout=mini_repo), "The translation is the same as the English")
    assert [f.path for f in found] == [path]


def test_identical_text_on_the_allow_list_passes(
    mini_repo: Layout, edit_catalog: Editor
) -> None:
    edit_catalog("ru", "common", '"Бесплатно"', '"Free of charge"')
    allowlist = mini_repo.locales_dir / "allowlist.txt"
    allowlist.write_text(allowlist.read_text(encoding="utf-8") + "ru: Free of charge\n",
                         encoding="utf-8")
    assert only(run_checks(layout=mini_repo), "The translation is the same") == []


def test_translation_over_its_length_limit(mini_repo: Layout, edit_catalog: Editor) -> None:
    # "Free of charge" carries "Length: max 30 characters." in its #. comment.
    long_text = "Совершенно бесплатно для всех граждан"
    path = edit_catalog("ru", "common", '"Бесплатно"', f'"{long_text}"')
    found = only(run_checks(layout=mini_repo), "The translation is %(length)d characters")
    assert [(f.path, f.params) for f in found] == [
        (path, {"length": len(long_text), "limit": 30})
    ]


def test_msgfmt_rejection_is_reported_with_its_line(
    mini_repo: Layout, edit_catalog: Editor
) -> None:
    # %(amount)d against %(amount)s: GNU msgfmt --check refuses the catalog.
    path = edit_catalog("ru", "common", '"%(amount)s сум"', '"%(amount)d сум"')
    found = only(run_checks(layout=mini_repo), "`msgfmt --check` rejects this entry")
    assert found and all(f.path == path for f in found)
    assert line_of(path, '"%(amount)d сум"') in {f.line for f in found}


def test_template_out_of_date_with_the_sources(mini_repo: Layout) -> None:
    source = mini_repo.repo_root / "locales" / "formatting.py"
    source.write_text(
        source.read_text(encoding="utf-8") + '\n_NEW = N_("A brand new text")\n',
        encoding="utf-8",
    )
    found = only(run_checks(layout=mini_repo), "The template of the domain")
    assert [(f.path, f.params) for f in found] == [
        (mini_repo.mapping("common"), {"domain": "common"})
    ]


def test_catalog_out_of_date_with_its_template(mini_repo: Layout, edit_catalog: Editor) -> None:
    edit_catalog("en", "common", 'msgid "Free of charge"\nmsgstr "Free of charge"\n', "")
    found = only(run_checks(layout=mini_repo), "The catalog is out of date")
    assert [f.params for f in found] == [{"missing": 1, "unused": 0}]


def test_findings_read_in_every_locale(mini_repo: Layout, edit_catalog: Editor) -> None:
    edit_catalog("ru", "common", '"Бесплатно"', '""')
    (finding,) = only(run_checks(layout=mini_repo), "This text is not translated")
    assert render_finding(finding, "uz_Latn").endswith(": Bu matn hali tarjima qilinmagan.")
    assert render_finding(finding, "uz_Cyrl").endswith(": Бу матн ҳали таржима қилинмаган.")
    assert render_finding(finding, "ru").endswith(": Этот текст ещё не переведён.")
    assert render_finding(finding).startswith(f"{finding.path}:{finding.line}: ")


def test_unknown_domain_is_refused(mini_repo: Layout) -> None:
    with pytest.raises(ValueError, match="unknown domain"):
        run_checks(["nonexistent"], layout=mini_repo)


def test_texts_that_only_moved_lines_do_not_make_the_template_stale(mini_repo: Layout) -> None:
    source = mini_repo.repo_root / "locales" / "formatting.py"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("\nimport datetime\n", "\n\n\n\nimport datetime\n", 1),
                      encoding="utf-8")
    assert only(run_checks(layout=mini_repo), "The template of the domain") == []


@pytest.mark.parametrize(
    ("locale", "none", "five"),
    [("uz_Latn", "Barcha kataloglar har bir tekshiruvdan oʻtdi.", "5 ta muammo topildi."),
     ("uz_Cyrl", "Барча каталоглар ҳар бир текширувдан ўтди.", "5 та муаммо топилди."),
     ("ru", "Все каталоги прошли все проверки.", "Найдено 5 проблем."),
     ("en", "All catalogs pass every check.", "5 problems found.")],
)
def test_report_summary_in_every_locale(locale: str, none: str, five: str) -> None:
    assert summary(0, locale) == none
    assert summary(5, locale) == five
