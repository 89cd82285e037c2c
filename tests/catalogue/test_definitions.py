"""A broken definition file is refused with its file, key path and reason; good ones load."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask

from server.catalogue.cli import services_cli
from server.catalogue.loader import check_files
from server.catalogue.models import Equals, Fee
from server.catalogue.problems import CatalogueError, DefinitionProblem
from server.catalogue.service import load_catalogue
from tests.catalogue.conftest import LOCALES, REFERENCE, SERVICES, build_app, raw_service

MakeDir = Callable[..., Path]


def problems_of(folder: Path) -> list[DefinitionProblem]:
    _reference, _definitions, problems = check_files(
        sorted(folder.glob("*.yaml")), REFERENCE, LOCALES
    )
    return problems


def assert_refused(folder: Path, path: str, reason: str) -> None:
    problems = problems_of(folder)
    matching = [p for p in problems if p.path == path and reason in p.reason]
    assert matching, f"expected {path}: ...{reason}... among {[str(p) for p in problems]}"
    assert matching[0].file.endswith("test-passport.yaml")


def fields_of(raw: dict[str, Any], step: int = 0) -> list[dict[str, Any]]:
    fields: list[dict[str, Any]] = raw["steps"][step]["fields"]
    return fields


def test_the_fixture_definitions_load_into_frozen_models() -> None:
    catalogue = load_catalogue(SERVICES, REFERENCE, locales_root=LOCALES)
    passport = catalogue.get("test-passport")
    assert passport is not None
    assert [d.id for d in catalogue.definitions] == ["test-kindergarten", "test-passport"]
    assert passport.fee == Fee("bhm", multiple=passport.fee.multiple)
    assert str(passport.fee.multiple) == "0.5"
    assert [step.id for step in passport.steps] == ["applicant", "request"]
    lost_where = passport.steps[1].fields[1]
    assert lost_where.show_if == Equals("reason", "lost")
    assert passport.steps[0].fields[0].prefill == "civil.full_name"
    with pytest.raises(dataclasses.FrozenInstanceError):
        passport.title = "changed"  # type: ignore[misc]
    assert catalogue.get("no-such-service") is None


def test_an_unknown_field_type_is_refused(services_dir: MakeDir) -> None:
    raw = raw_service()
    fields_of(raw)[1]["type"] = "passport_number"
    assert_refused(services_dir(raw), "steps.applicant.fields.pinfl.type",
                   "unknown field type 'passport_number'")


def test_four_steps_break_the_three_steps_rule(services_dir: MakeDir) -> None:
    raw = raw_service()
    for number in (3, 4):
        raw["steps"].append({"id": f"extra_{number}", "title": "About you",
                             "fields": [{"name": f"note_{number}", "type": "text",
                                         "label": "Full name"}]})
    assert_refused(services_dir(raw), "steps", "4 steps: a service has at most 3")


@pytest.mark.parametrize(
    ("condition", "path", "reason"),
    [
        ({"field": "reason", "is": "lost"}, "steps.request.fields.lost_where.show_if",
         "unknown condition keys"),
        ({"field": "reason", "equals": "stolen"}, "steps.request.fields.lost_where.show_if.equals",
         "can never be the value of 'reason'"),
        ({"all": []}, "steps.request.fields.lost_where.show_if.all", "non-empty list"),
        ({"not": {"field": "reason", "one_of": "lost"}},
         "steps.request.fields.lost_where.show_if.not.one_of", "non-empty list of values"),
        ("reason == 'lost'", "steps.request.fields.lost_where.show_if", "must be a mapping"),
        ({"field": "region", "equals": "tashkent-city"},
         "steps.request.fields.lost_where.show_if.field", "not a field that comes earlier"),
        ({"field": "nobody", "equals": "x"}, "steps.request.fields.lost_where.show_if.field",
         "'nobody' is not a field that comes earlier"),
    ],
)
def test_a_broken_condition_is_refused(
    services_dir: MakeDir, condition: Any, path: str, reason: str
) -> None:
    raw = raw_service()
    fields_of(raw, 1)[1]["show_if"] = condition
    assert_refused(services_dir(raw), path, reason)


def test_a_duplicate_field_is_refused(services_dir: MakeDir) -> None:
    raw = raw_service()
    fields_of(raw, 1).append(dict(fields_of(raw)[0]))  # full_name again, in the next step
    assert_refused(services_dir(raw), "steps.request.fields.full_name.name",
                   "duplicate field name 'full_name'")


@pytest.mark.parametrize(
    ("key", "value", "path", "reason"),
    [
        ("agency", "tax-committee", "agency", "unknown agency 'tax-committee'"),
        ("category", "sports", "category", "unknown category 'sports'"),
        ("life_events", ["retirement"], "life_events.0", "unknown life event 'retirement'"),
        ("fee", {"kind": "fixed", "amount": -5}, "fee.amount", "positive whole number"),
        ("fee", {"kind": "gratis"}, "fee", "must be {kind: free}"),
        ("processing_days", "ten", "processing_days", "whole working days"),
        ("id", "other-id", "id", "must equal the file name 'test-passport'"),
        ("colour", "blue", "colour", "unknown key"),
    ],
)
def test_wrong_top_level_values_are_refused(
    services_dir: MakeDir, key: str, value: Any, path: str, reason: str
) -> None:
    raw = raw_service()
    raw[key] = value
    folder = services_dir(raw)
    if key == "id":  # keep the file name while the id inside changes
        (folder / "other-id.yaml").rename(folder / "test-passport.yaml")
    assert_refused(folder, path, reason)


@pytest.mark.parametrize(
    ("change", "key", "reason"),
    [
        ({"constraints": {"max_length": "long"}}, "constraints.max_length", "not a valid count"),
        ({"constraints": {"not_future": True}}, "constraints.not_future",
         "not a constraint of text"),
        ({"constraints": {"pattern": "[a-"}}, "constraints.pattern", "not a valid regex"),
        ({"options": [{"value": "a", "label": "A"}]}, "options", "only choice fields have options"),
        ({"prefill": "full name"}, "prefill", "registry.attribute"),
        ({"label": ""}, "label", "non-empty text"),
        ({"errors": {"too_long": "No"}}, "errors.too_long", "unknown key"),
        ({"spoken": {"hint": 5}}, "spoken.hint", "non-empty text"),
    ],
)
def test_wrong_field_settings_are_refused(
    services_dir: MakeDir, change: dict[str, Any], key: str, reason: str
) -> None:
    raw = raw_service()
    fields_of(raw)[0].update(change)
    assert_refused(services_dir(raw), f"steps.applicant.fields.full_name.{key}", reason)


def test_a_field_name_must_be_snake_case(services_dir: MakeDir) -> None:
    raw = raw_service()
    fields_of(raw)[0]["name"] = "Full Name"
    assert_refused(services_dir(raw), "steps.applicant.fields.Full Name.name", "snake_case")


def test_a_district_needs_an_earlier_region_field(services_dir: MakeDir) -> None:
    raw = raw_service()
    fields_of(raw, 1)[3]["constraints"] = {"region_field": "reason"}
    assert_refused(services_dir(raw), "steps.request.fields.district.constraints.region_field",
                   "not a valid field")


def test_a_text_without_translation_is_refused_for_each_translated_locale(
    services_dir: MakeDir,
) -> None:
    raw = raw_service()
    fields_of(raw)[0]["hint"] = "Exactly as printed on the card"
    problems = [p for p in problems_of(services_dir(raw))
                if p.path == "steps.applicant.fields.full_name.hint"]
    reasons = " ".join(p.reason for p in problems)
    for locale in ("uz_Latn", "uz_Cyrl", "ru"):
        assert f"no {locale} translation of 'Exactly as printed on the card'" in reasons
    assert 'msgctxt "test-passport:steps.applicant.fields.full_name.hint"' in reasons


def test_invalid_yaml_names_the_line(services_dir: MakeDir) -> None:
    folder = services_dir()
    (folder / "test-passport.yaml").write_text("id: test-passport\nsteps: [\n", "utf-8")
    problems = problems_of(folder)
    assert any("not valid YAML at line" in p.reason for p in problems)


def test_every_problem_of_a_file_is_reported_at_once(services_dir: MakeDir) -> None:
    raw = raw_service()
    raw["agency"] = "nobody"
    fields_of(raw)[1]["type"] = "unknown"
    paths = {p.path for p in problems_of(services_dir(raw))}
    assert {"agency", "steps.applicant.fields.pinfl.type"} <= paths


def test_a_broken_file_stops_the_app_with_file_path_and_reason(services_dir: MakeDir) -> None:
    raw = raw_service()
    fields_of(raw)[1]["type"] = "passport_number"
    with pytest.raises(CatalogueError) as refused:
        build_app(services_dir(raw))
    message = str(refused.value)
    assert "test-passport.yaml: steps.applicant.fields.pinfl.type: unknown field type" in message


def check_with_test_data(monkeypatch: pytest.MonkeyPatch, services: Path = SERVICES
                         ) -> CliRunner:
    """A runner of ``services check`` set, as an author would, by ``XIZMAT_CATALOGUE_*``."""
    for key, folder in (("SERVICES", services), ("REFERENCE", REFERENCE), ("LOCALES", LOCALES)):
        monkeypatch.setenv(f"XIZMAT_CATALOGUE_{key}_DIR", str(folder))
    return CliRunner()


def test_services_check_command_gives_the_verdict(
    services_dir: MakeDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = check_with_test_data(monkeypatch)
    good = runner.invoke(services_cli, ["check", str(SERVICES / "test-passport.yaml")])
    assert good.exit_code == 0, good.output
    assert "ok  test-passport: 2 of at most 3 steps" in good.output
    raw = raw_service()
    raw["category"] = "sports"
    broken = services_dir(raw) / "test-passport.yaml"
    refused = runner.invoke(services_cli, ["check", str(broken)])
    assert refused.exit_code == 1
    assert f"{broken}: category: unknown category 'sports'" in refused.output
    assert "1 file(s) refused" in refused.output


def test_services_check_runs_even_when_the_catalogue_cannot_load(
    services_dir: MakeDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = raw_service()
    raw["category"] = "sports"
    folder = services_dir(raw)
    check_with_test_data(monkeypatch, folder)
    with pytest.raises(CatalogueError):
        build_app(folder)  # the app refuses to start ...
    result = subprocess.run(  # ... and the command that reports why still runs, from `flask`
        [str(Path(sys.executable).parent / "flask"), "--app", "server", "services", "check"],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "category: unknown category 'sports'" in result.stderr
    assert "1 file(s) refused" in result.stderr


def test_create_app_refuses_a_broken_catalogue(
    make_app: Callable[..., Flask], services_dir: MakeDir
) -> None:
    raw = raw_service()
    raw["steps"] = raw["steps"] * 2  # four steps, ids repeated
    with pytest.raises(CatalogueError) as refused:
        make_app(CATALOGUE_SERVICES_DIR=str(services_dir(raw)),
                 CATALOGUE_REFERENCE_DIR=str(REFERENCE), CATALOGUE_LOCALES_DIR=str(LOCALES))
    assert "test-passport.yaml: steps: 4 steps: a service has at most 3" in str(refused.value)
    assert "duplicate step id 'applicant'" in str(refused.value)
