"""Reading the definition files: validation, reference checks and translation completeness.

A file is accepted only whole: valid against FORMAT.md, its agency, category and life events
known, and every text translated in every translated locale.  Problems come back with the
file, the key path and the reason (see :mod:`server.catalogue.problems`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from locales import LOCALES_DIR
from server.catalogue.models import ReferenceData, ServiceDefinition
from server.catalogue.problems import DefinitionProblem, Problems
from server.catalogue.reference import REFERENCE_FILES, load_reference, read_yaml, reference_texts
from server.catalogue.schema import parse_service
from server.catalogue.texts import missing_translations, service_texts

SERVICES_DOMAIN = "services"
REFERENCE_DOMAIN = "reference"


def service_files(services_dir: Path) -> list[Path]:
    return sorted(services_dir.glob("*.yaml"))


def check_reference(
    reference_dir: Path, locales_root: Path = LOCALES_DIR, require_translations: bool = True
) -> tuple[ReferenceData, list[DefinitionProblem]]:
    """The reference data and every problem in it, translations included."""
    reference, per_file = load_reference(reference_dir)
    found = [problem for problems in per_file for problem in problems.found]
    if require_translations:
        texts = reference_texts(reference)
        for stem in REFERENCE_FILES:
            entries = [(path, context, text) for owner, path, context, text in texts
                       if owner == stem]
            for path, locale, text in missing_translations(
                entries, REFERENCE_DOMAIN, locales_root
            ):
                found.append(DefinitionProblem(
                    str(reference_dir / f"{stem}.yaml"), path,
                    f"no {locale} translation of {text!r} (reference domain, "
                    f"msgctxt \"{stem}:{path}\")"))
    return reference, found


def check_service_file(
    path: Path, reference: ReferenceData, locales_root: Path = LOCALES_DIR,
    require_translations: bool = True,
) -> tuple[ServiceDefinition | None, list[DefinitionProblem]]:
    """One definition file's verdict: the definition, or the reasons it is refused."""
    problems = Problems(str(path))
    raw = read_yaml(path, problems)
    if problems:
        return None, problems.found
    definition = parse_service(raw, path.stem, problems, reference)
    if definition is None:
        return None, problems.found
    if require_translations:
        texts = service_texts(definition)
        for key_path, locale, text in missing_translations(texts, SERVICES_DOMAIN, locales_root):
            problems.add(key_path, f"no {locale} translation of {text!r} (services domain, "
                                   f"msgctxt \"{definition.id}:{key_path}\"); run the "
                                   "translators' extract/update and translate it")
    if problems:
        return None, problems.found
    return definition, []


def check_files(
    files: Iterable[Path], reference_dir: Path, locales_root: Path = LOCALES_DIR,
    require_translations: bool = True,
) -> tuple[ReferenceData, list[ServiceDefinition], list[DefinitionProblem]]:
    """Validate ``files`` and the reference data: the data, the good definitions, all problems."""
    reference, problems = check_reference(reference_dir, locales_root, require_translations)
    definitions: list[ServiceDefinition] = []
    for path in files:
        definition, found = check_service_file(
            path, reference, locales_root, require_translations
        )
        problems += found
        if definition is not None:
            definitions.append(definition)
    return reference, definitions, problems
