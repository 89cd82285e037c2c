"""``translate check``: every problem in the catalogs, each with file, line and a reason.

The test suite runs :func:`run_checks` on the real catalogs and expects nothing back.  What it
looks at, per domain (``locales/mapping/<domain>.cfg``):

* the template matches a fresh extraction of the sources (``pybabel update --check``);
* every locale has a catalog that matches the template, with the locale's Plural-Forms;
* GNU ``msgfmt --check`` accepts the catalog;
* per entry: translated and not fuzzy (release locales), the right number of plural forms,
  the same placeholders as the source, not identical to the source (outside the allow-list),
  within its ``#.`` length limit; uz_Latn in NFC with ʻ/ʼ; uz_Cyrl without Latin letters.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po

from locales import SUPPORTED_LOCALES
from locales import check_rules as rules
from locales.catalogs import translations
from locales.check_rules import Problem
from locales.extraction import REPO_LAYOUT, Layout, chosen_domains, template_is_current
from locales.markers import N_, _n

#: Locales that ship: every entry must be translated and reviewed.
RELEASE_LOCALES: Final[tuple[str, ...]] = SUPPORTED_LOCALES
_MSGFMT_LINE: Final[re.Pattern[str]] = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<text>.*)$")
_PLURAL_HEADER: Final[re.Pattern[str]] = re.compile(r"nplurals\s*=\s*(\d+)")


@dataclass(frozen=True, eq=False)
class Finding:
    """One problem: where it is and why it matters (an English message id plus params)."""

    path: Path
    line: int
    reason: str
    params: dict[str, object] = field(default_factory=dict)

    def _key(self) -> tuple[Path, int, str, tuple[tuple[str, str], ...]]:
        return (self.path, self.line, self.reason,
                tuple(sorted((k, repr(v)) for k, v in self.params.items())))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Finding) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def text(self, locale: str = "en") -> str:
        """The reason in ``locale`` (from the ``common`` catalog)."""
        message: str = translations(locale, ("common",)).gettext(self.reason)
        return message % self.params if self.params else message


_ALL_PASS: Final[str] = N_("All catalogs pass every check.")
_PROBLEMS: Final[tuple[str, str]] = _n("%(num)d problem found.", "%(num)d problems found.")


def summary(count: int, locale: str = "en") -> str:
    """The last line of a check report: all clear, or how many problems there are."""
    texts = translations(locale, ("common",))
    if not count:
        return texts.gettext(_ALL_PASS)
    return texts.ngettext(*_PROBLEMS, count) % {"num": count}


def render_finding(finding: Finding, locale: str = "en") -> str:
    """``path:line: reason``, the form editors and CI logs link to."""
    return f"{finding.path}:{finding.line}: {finding.text(locale)}"


def _forms(message: Message) -> list[str]:
    if isinstance(message.string, (list, tuple)):
        return [form or "" for form in message.string]
    return [message.string or ""]


def _raw_plural_counts(path: Path) -> dict[int, int]:
    """msgid line -> number of ``msgstr[i]`` lines (Babel pads or drops them when reading)."""
    counts: dict[int, int] = {}
    start = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("msgid "):
            start = number
        elif line.startswith("msgstr[") and start:
            counts[start] = counts.get(start, 0) + 1
    return counts


def _entry_problems(
    message: Message, locale: str, plural_count: int | None, allowlist: dict[str, set[str]]
) -> list[Problem]:
    problems: list[Problem] = []
    forms = _forms(message)
    expected = rules.EXPECTED_PLURALS.get(locale, 2)
    if message.pluralizable and plural_count is not None and plural_count != expected:
        problems.append((
            N_("This text has %(found)d plural forms, but %(locale)s needs %(expected)d."),
            {"found": plural_count, "locale": locale, "expected": expected},
        ))
    if message.fuzzy and locale in RELEASE_LOCALES:
        problems.append((
            N_("The translation is marked fuzzy (a draft the app does not use): check it, "
               "then delete the `fuzzy` flag."),
            {},
        ))
    if not all(forms):
        if locale in RELEASE_LOCALES:
            problems.append((N_("This text is not translated yet."), {}))
        return problems
    sources = list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]
    limit = rules.length_limit(list(message.auto_comments))
    for index, form in enumerate(forms):
        source = sources[min(index, len(sources) - 1)]
        may_omit: set[str] = set()
        if len(sources) > 1:
            # Every form may use any placeholder of either source text; only the singular
            # of a two-form language (it stands for 1 alone) may leave the number out.
            everything = rules.placeholders(sources[0]) | rules.placeholders(sources[1])
            source = "".join(everything)
            if index == 0 and expected == 2:
                may_omit = set(everything) - set(rules.placeholders(sources[0]))
        problems += rules.placeholder_problems(source, form, may_omit)
        problems += rules.length_problems(form, limit)
        problems += rules.same_as_source_problems(sources[min(index, 1)], form, locale, allowlist)
        if locale == "uz_Latn":
            problems += rules.uzbek_latin_problems(form)
        elif locale == "uz_Cyrl":
            problems += rules.cyrillic_script_problems(form, locale, allowlist)
    return problems


def _header_problems(catalog: Catalog, locale: str) -> list[Problem]:
    problems: list[Problem] = []
    header = dict(catalog.mime_headers).get("Plural-Forms", "")
    match = _PLURAL_HEADER.search(header)
    expected = rules.EXPECTED_PLURALS.get(locale, 2)
    if match is None or int(match.group(1)) != expected:
        problems.append((
            N_("The catalog's `Plural-Forms` header does not give %(locale)s its %(expected)d "
               "plural forms: plurals would be chosen wrongly. Copy the header from a "
               "catalog of the same locale."),
            {"locale": locale, "expected": expected},
        ))
    if catalog.fuzzy:
        problems.append((
            N_("The catalog header is marked `fuzzy`, so `gettext` ignores it (and its "
               "plural rule): delete the `fuzzy` flag at the top of the file."),
            {},
        ))
    return problems


def msgfmt_findings(path: Path) -> list[Finding]:
    """What GNU ``msgfmt --check`` says about ``path``, one finding per complaint."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return [Finding(path, 1, N_("The `msgfmt` program is not installed (package "
                                    "`gettext`), so the catalog cannot be verified."))]
    result = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(path)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode == 0:
        return []
    findings: list[Finding] = []
    for line in result.stderr.splitlines():
        match = _MSGFMT_LINE.match(line)
        if match and match.group("text") and "fatal error" not in match.group("text"):
            reason = N_("`msgfmt --check` rejects this entry: %(detail)s")
            findings.append(Finding(path, int(match.group("line")), reason,
                                    {"detail": match.group("text")}))
    return findings or [Finding(path, 1, N_("`msgfmt --check` rejects this catalog: %(detail)s"),
                                {"detail": result.stderr.strip()})]


def _keys(catalog: Catalog) -> set[tuple[str, str | None]]:
    return {(str(m.id), m.context) for m in catalog if m.id}


def catalog_findings(
    path: Path, locale: str, template: Catalog | None, allowlist: dict[str, set[str]]
) -> list[Finding]:
    """Every problem of one ``.po`` file."""
    try:
        # Babel prints (and skips) what it cannot use, e.g. more plural forms than the
        # header allows; the checks below and msgfmt report those precisely instead.
        with path.open("rb") as handle, contextlib.redirect_stdout(io.StringIO()):
            catalog = read_po(handle, locale=locale)
    except (PoFileError, ValueError, UnicodeDecodeError) as error:
        return [Finding(path, getattr(error, "lineno", 0) + 1,
                        N_("The file cannot be read as a catalog: %(detail)s"),
                        {"detail": str(error)})]
    findings = [Finding(path, 1, reason, params)
                for reason, params in _header_problems(catalog, locale)]
    if template is not None:
        missing = _keys(template) - _keys(catalog)
        unused = _keys(catalog) - _keys(template)
        if missing or unused:
            findings.append(Finding(path, 1, N_(
                "The catalog is out of date with its template (%(missing)d texts missing, "
                "%(unused)d no longer used): run `make translate-update`."),
                {"missing": len(missing), "unused": len(unused)}))
    plural_counts = _raw_plural_counts(path)
    for message in catalog:
        if not message.id:
            continue
        line = message.lineno or 1
        for reason, params in _entry_problems(
            message, locale, plural_counts.get(line), allowlist
        ):
            findings.append(Finding(path, line, reason, params))
    findings += msgfmt_findings(path)
    # The same word twice in one text (or in two plural forms) is one thing to fix.
    return list(dict.fromkeys(findings))


def domain_findings(
    domain: str, locales: Sequence[str], layout: Layout, allowlist: dict[str, set[str]]
) -> list[Finding]:
    template_path = layout.template(domain)
    findings: list[Finding] = []
    if not template_is_current(domain, layout, ignore_locations=True):
        findings.append(Finding(layout.mapping(domain), 1, N_(
            "The template of the domain “%(domain)s” is out of date with the source files: "
            "run `make translate-extract`, then `make translate-update`."),
            {"domain": domain}))
    template = None
    if template_path.exists():
        with template_path.open("rb") as handle:
            template = read_po(handle)
    for locale in locales:
        path = layout.catalog(locale, domain)
        if path.exists():
            findings += catalog_findings(path, locale, template, allowlist)
        elif template is not None and len(template):
            findings.append(Finding(path, 0, N_(
                "The catalog is missing for this locale: run `make translate-update`.")))
    return findings


def run_checks(
    domains: Iterable[str] | None = None,
    locales: Sequence[str] = SUPPORTED_LOCALES,
    layout: Layout = REPO_LAYOUT,
) -> list[Finding]:
    """Every finding over the chosen domains and locales; empty when all is well."""
    chosen = chosen_domains(domains, layout)
    allowlist = rules.load_allowlist(layout.locales_dir / "allowlist.txt")
    findings: list[Finding] = []
    for domain in chosen:
        findings += domain_findings(domain, locales, layout, allowlist)
    return findings
