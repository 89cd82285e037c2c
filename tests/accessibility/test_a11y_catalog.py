"""The accessibility gettext domain: complete, valid, in sync with the code, orthographic."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from locales import LOCALES_DIR, SUPPORTED_LOCALES

ROOT = LOCALES_DIR.parent
PLURAL_FORMS = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "uz_Latn": "nplurals=2; plural=(n != 1);",
    "uz_Cyrl": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
}


def _po(locale: str) -> Path:
    return LOCALES_DIR / locale / "LC_MESSAGES" / "accessibility.po"


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_msgfmt_check_passes(locale: str) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(_po(locale))],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_message_is_translated(locale: str) -> None:
    text = _po(locale).read_text(encoding="utf-8")
    assert f'"Plural-Forms: {PLURAL_FORMS[locale]}\\n"' in text
    with _po(locale).open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{locale}: untranslated {message.id!r}"
        assert "fuzzy" not in message.flags
        if isinstance(message.string, tuple):
            assert len(strings) == catalog.num_plurals


def test_uzbek_latin_uses_the_proper_apostrophes() -> None:
    with _po("uz_Latn").open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            assert not any(mark in string for mark in "'‘’`"), string
    strings = [m.string for m in catalog if isinstance(m.string, str)]
    assert any("oʻ" in s for s in strings)  # U+02BB in oʻqish, koʻrsatkichi ...


def test_template_is_in_sync_with_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "accessibility.pot"
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "extract",
         "-F", "locales/mapping/accessibility.cfg", "-k", "N_", "-k", "_n:1,2",
         "-c", "translators:", "--sort-by-file", "--no-wrap", "-o", str(fresh), "."],
        cwd=ROOT, check=True, capture_output=True,
    )

    def ids(path: Path) -> set[tuple[str | None, str]]:
        with path.open("rb") as handle:
            return {(m.context, str(m.id)) for m in read_po(handle) if m.id}

    assert ids(fresh) == ids(LOCALES_DIR / "templates" / "accessibility.pot")
