"""Babel extractor for Xizmat's YAML data files (service definitions, bundles, reference data).

Registered in setup.cfg as the ``xizmat_yaml`` extraction method.  It yields each string a
person reads as a ``pgettext`` entry whose context is ``"<file id>:<key path>"`` (for example
``id-card:steps.applicant.fields.full_name.label``), so two services may both say "Name" and
still be translated differently.  List items are named by their ``id``, ``name`` or ``value``
rather than their position, so reordering steps or options keeps the translations.

Each entry carries ``#.`` translator comments: where the text shows (or that it is only
spoken), its length limit ("max 60 characters", which ``translate check`` enforces) and the
placeholders it holds.  Machine values (ids, types, values, keywords, prefill sources,
conditions and constraints) are never extracted.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Final

import yaml

#: Translatable keys: what the text is, where it shows, and its length limit.
TRANSLATABLE_KEYS: Final[dict[str, tuple[str, int]]] = {
    "title": ("a heading", 80),
    "summary": ("the one-line summary under the service name in the catalogue list", 160),
    "description": ("a paragraph on the service page", 1200),
    "label": ("the label of a form field or choice, also read aloud on focus", 80),
    "hint": ("the help text under a form field", 240),
    "result": ("what the citizen receives at the end (service page and receipt)", 120),
    "legal_basis": ("the law or resolution the service rests on (service page)", 240),
    "name": ("a name shown in lists, filters and pickers", 120),
    "question": ("a question put to the citizen, answered yes or no", 200),
    "requirements": ("one item of the 'What you need' list on the service page", 240),
    "message": ("a message shown to the citizen", 300),
    "text": ("a text shown to the citizen", 300),
    "note": ("a note shown to the citizen", 300),
}

#: Keys whose every string leaf is translatable, whatever the leaf's own key is.
TRANSLATABLE_SECTIONS: Final[dict[str, tuple[str, int]]] = {
    "spoken": ("spoken by the speech output only, never shown on screen", 300),
    "errors": ("an error message shown and spoken under the field", 200),
}

#: Keys that hold machine values: never extracted, nor anything beneath them.
MACHINE_KEYS: Final[frozenset[str]] = frozenset({
    "id", "type", "value", "values", "keywords", "prefill", "version", "agency", "category",
    "life_events", "show_if", "constraints", "required", "kind", "multiple", "amount",
    "processing_days", "services", "region_field", "fee", "pattern", "icon", "code",
})

#: Item keys that name a list item in the key path (first one present wins).
_ITEM_NAME_KEYS: Final[tuple[str, ...]] = ("id", "name", "value")

#: Where a heading shows depends on its level.
_TITLE_WHERE: Final[dict[str, tuple[str, int]]] = {
    "": ("the service name: catalogue list, service page heading, receipts", 80),
    "steps": ("the heading of one step of the application form", 60),
}

_PLACEHOLDER: Final[re.Pattern[str]] = re.compile(r"%\(\w+\)[#0 +-]*\d*(?:\.\d+)?[sdifr]")
#: Path segments that only say how the file is organised, not which thing a text belongs to.
_STRUCTURAL: Final[frozenset[str]] = frozenset(
    {"steps", "fields", "options", "spoken", "errors", "requirements"}
)

#: What the app puts in the placeholders that definitions use, told to translators.
PLACEHOLDER_MEANINGS: Final[dict[str, str]] = {
    "min": "the smallest value allowed",
    "max": "the largest value allowed",
    "min_length": "the fewest characters allowed",
    "max_length": "the most characters allowed",
    "min_age": "the youngest age allowed, in years",
    "max_age": "the oldest age allowed, in years",
    "min_items": "the fewest choices allowed",
    "max_items": "the most choices allowed",
    "count": "a number",
    "num": "a number",
    "date": "a date (dd.mm.yyyy)",
    "amount": "an amount with its currency (150 000 soʻm)",
    "field": "the label of another field",
    "name": "a person's name",
}

Extracted = tuple[int, str, tuple[str, str], list[str]]


def _item_name(node: yaml.Node, index: int) -> str:
    """The path segment of a list item: its id/name/value if it is a mapping with one."""
    if isinstance(node, yaml.MappingNode):
        scalars = {
            key.value: value.value
            for key, value in node.value
            if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)
        }
        for key in _ITEM_NAME_KEYS:
            if scalars.get(key):
                return str(scalars[key])
    return str(index)


def _file_id(root: yaml.Node, filename: str) -> str:
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "id" and isinstance(value, yaml.ScalarNode) and value.value:
                return str(value.value)
    return Path(filename).stem if filename else "data"


def _describe(path: list[str], key: str, section: str | None) -> tuple[str, int]:
    if section is not None:
        what, limit = TRANSLATABLE_SECTIONS[section]
        if section == "errors":
            what = f"the error message for the rule '{key}', shown and spoken under the field"
        return what, limit
    if key == "title":
        return _TITLE_WHERE.get(path[0] if len(path) > 1 else "", TRANSLATABLE_KEYS["title"])
    if key == "label" and "options" in path:
        return "one choice of a question, shown as an option and read aloud", 80
    return TRANSLATABLE_KEYS[key]


def _comments(path: list[str], key: str, section: str | None, text: str) -> list[str]:
    what, limit = _describe(path, key, section)
    comments = [f"Where: {what}."]
    owners = [seg for seg in path[:-1] if seg not in _STRUCTURAL and not seg.isdigit()]
    if owners:
        comments.append("Belongs to: " + " > ".join(owners) + ".")
    comments.append(f"Length: max {limit} characters.")
    placeholders = sorted(set(_PLACEHOLDER.findall(text)))
    if placeholders:
        shown = ", ".join(placeholders)
        comments.append(f"Placeholders: keep {shown} exactly as written; the app fills them in.")
        for placeholder in placeholders:
            name = placeholder[2 : placeholder.index(")")]
            if name in PLACEHOLDER_MEANINGS:
                comments.append(f"{placeholder} is {PLACEHOLDER_MEANINGS[name]}.")
    return comments


def _is_field_identifier(path: list[str], key: str) -> bool:
    """A form field's ``name`` is its identifier (snake_case), not a text to translate."""
    return key == "name" and len(path) >= 2 and path[-2] == "fields"


def _walk(
    node: yaml.Node, path: list[str], section: str | None
) -> Iterator[tuple[int, list[str], str, str | None, str]]:
    """(line, key path, key, section, text) of every translatable string under ``node``."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            key = str(key_node.value)
            if section is None and (key in MACHINE_KEYS or _is_field_identifier(path, key)):
                continue
            child_section = section
            if section is None and key in TRANSLATABLE_SECTIONS:
                child_section = key
            yield from _walk_value(value, [*path, key], key, child_section)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk(item, [*path, _item_name(item, index)], section)


def _walk_value(
    value: yaml.Node, path: list[str], key: str, section: str | None
) -> Iterator[tuple[int, list[str], str, str | None, str]]:
    translatable = section is not None or key in TRANSLATABLE_KEYS
    if isinstance(value, yaml.ScalarNode):
        if translatable and value.tag == "tag:yaml.org,2002:str" and str(value.value).strip():
            yield value.start_mark.line + 1, path, key, section, str(value.value)
    elif isinstance(value, yaml.SequenceNode) and translatable:
        # A list of strings under a translatable key (requirements): one entry per item.
        for index, item in enumerate(value.value):
            if isinstance(item, yaml.ScalarNode) and str(item.value).strip():
                yield item.start_mark.line + 1, [*path, str(index)], key, section, item.value
            else:
                yield from _walk(item, [*path, _item_name(item, index)], section)
    else:
        yield from _walk(value, path, section)


def extract_strings(text: str, filename: str = "") -> Iterator[Extracted]:
    """The translatable strings of one YAML document, as Babel extractor tuples."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return
    file_id = _file_id(root, filename)
    for line, path, key, section, message in _walk(root, [], None):
        context = f"{file_id}:{'.'.join(path)}"
        yield line, "pgettext", (context, message), _comments(path, key, section, message)


def extract_yaml(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Babel's extractor entry point (``xizmat_yaml``); keywords and tags do not apply to YAML."""
    del keywords, comment_tags, options
    raw = fileobj.read()
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    yield from extract_strings(text, getattr(fileobj, "name", ""))
