"""The ``xizmat_yaml`` Babel extractor: contexts, translator comments, what is left out."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

from babel.messages.extract import extract_from_file

from locales.check_rules import length_limit
from locales.extract import extract_strings, extract_yaml
from locales.extraction import Layout, build_template

SERVICE = """\
id: id-card
version: 1
agency: migration-service
category: identity-documents
life_events: [turning-16]
title: Biometric ID card
summary: Get your first ID card.
fee: {kind: bhm, multiple: 0.4}
processing_days: 10
legal_basis: Cabinet of Ministers Resolution No. 1043 of 2021
result: Biometric ID card
requirements:
  - A recent photo is taken at the service centre
keywords: [pasport, id karta]
steps:
  - id: applicant
    title: About you
    fields:
      - name: full_name
        type: text
        label: Full name
        hint: As written in your birth certificate
        spoken: {hint: Say it as in your birth certificate}
        prefill: civil.full_name
        show_if: {field: has_children, equals: true}
        constraints: {max_length: 100}
        errors: {max_length: "Use at most %(max)d letters"}
      - name: reason
        type: single_choice
        label: Why do you apply?
        options:
          - {value: lost, label: Lost}
          - {value: expired, label: Expired}
"""

REFERENCE = """\
- id: migration-service
  name: Migration Service
  description: Passports and ID cards.
- id: justice
  name: Ministry of Justice
"""


def by_context(text: str, filename: str) -> dict[str, tuple[int, str, list[str]]]:
    return {
        context: (line, message, comments)
        for line, funcname, (context, message), comments in extract_strings(text, filename)
        if funcname == "pgettext"
    }


def test_contexts_are_file_id_and_key_path() -> None:
    found = by_context(SERVICE, "services/id-card.yaml")
    assert sorted(found) == [
        "id-card:legal_basis",
        "id-card:requirements.0",
        "id-card:result",
        "id-card:steps.applicant.fields.full_name.errors.max_length",
        "id-card:steps.applicant.fields.full_name.hint",
        "id-card:steps.applicant.fields.full_name.label",
        "id-card:steps.applicant.fields.full_name.spoken.hint",
        "id-card:steps.applicant.fields.reason.label",
        "id-card:steps.applicant.fields.reason.options.expired.label",
        "id-card:steps.applicant.fields.reason.options.lost.label",
        "id-card:steps.applicant.title",
        "id-card:summary",
        "id-card:title",
    ]
    assert found["id-card:steps.applicant.fields.full_name.label"][:2] == (21, "Full name")


def test_machine_values_are_never_extracted() -> None:
    messages = {message for _, message, _ in by_context(SERVICE, "id-card.yaml").values()}
    for machine in ("id-card", "migration-service", "text", "full_name", "lost", "pasport",
                    "civil.full_name", "has_children", "turning-16", "bhm"):
        assert machine not in messages


def test_translator_comments_say_where_how_long_and_placeholders() -> None:
    found = by_context(SERVICE, "id-card.yaml")
    _, _, label_comments = found["id-card:steps.applicant.fields.full_name.label"]
    assert label_comments[0].startswith("Where: the label of a form field")
    assert "Belongs to: applicant > full_name." in label_comments
    assert length_limit(label_comments) == 80
    _, _, spoken = found["id-card:steps.applicant.fields.full_name.spoken.hint"]
    assert "spoken by the speech output only" in spoken[0]
    _, _, error = found["id-card:steps.applicant.fields.full_name.errors.max_length"]
    assert any("keep %(max)d exactly" in comment for comment in error)
    assert "%(max)d is the largest value allowed." in error
    _, _, title = found["id-card:steps.applicant.title"]
    assert "step of the application form" in title[0] and length_limit(title) == 60


def test_reference_lists_use_the_file_name_as_id() -> None:
    found = by_context(REFERENCE, "server/catalogue/reference/agencies.yaml")
    assert sorted(found) == [
        "agencies:justice.name",
        "agencies:migration-service.description",
        "agencies:migration-service.name",
    ]


def test_registered_as_a_babel_extractor(tmp_path: Path) -> None:
    (registered,) = [e for e in entry_points(group="babel.extractors") if e.name == "xizmat_yaml"]
    assert registered.load() is extract_yaml
    service = tmp_path / "id-card.yaml"
    service.write_text(SERVICE, encoding="utf-8")
    extracted = list(extract_from_file("xizmat_yaml", str(service)))
    assert ("id-card:title" in {context for *_, context in extracted})


def test_templates_are_built_through_the_mapping_file(tmp_path: Path) -> None:
    services = tmp_path / "server" / "catalogue" / "services"
    services.mkdir(parents=True)
    (services / "id-card.yaml").write_text(SERVICE, encoding="utf-8")
    (tmp_path / "locales" / "mapping").mkdir(parents=True)
    (tmp_path / "locales" / "mapping" / "services.cfg").write_text(
        "[xizmat_yaml: server/catalogue/services/**.yaml]\n", encoding="utf-8"
    )
    template = build_template("services", Layout(tmp_path / "locales", tmp_path))
    message = template.get("Full name", "id-card:steps.applicant.fields.full_name.label")
    assert message is not None
    assert message.locations == [("server/catalogue/services/id-card.yaml", 21)]
    assert "Length: max 80 characters." in message.auto_comments
