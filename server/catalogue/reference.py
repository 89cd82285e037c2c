"""Reference data: agencies, categories, life events, regions with their districts.

Each file in ``server/catalogue/reference/`` is a YAML list of items ``{id, name}`` (plus
``description`` where useful; regions also ``districts``).  Names are English source text,
translated in the ``reference`` domain with the context ``"<file stem>:<item id>.name"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from server.catalogue.models import ReferenceData, ReferenceItem, Region
from server.catalogue.problems import Problems
from server.catalogue.schema import KEBAB_CASE

REFERENCE_FILES = ("agencies", "categories", "life_events", "regions")
ITEM_KEYS = frozenset({"id", "name", "description"})


def read_yaml(path: Path, problems: Problems) -> Any:
    """The parsed document, or None after recording why it could not be read."""
    try:
        text = path.read_text(encoding="utf-8")
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError) as error:
        problems.add("", f"cannot read the file: {error}")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problems.add("", f"not valid YAML{where}: {getattr(error, 'problem', error)}")
    return None


def load_reference(reference_dir: Path) -> tuple[ReferenceData, list[Problems]]:
    """The reference data in ``reference_dir`` and the problems of each file."""
    all_problems: list[Problems] = []
    parsed: dict[str, dict[str, Any]] = {}
    for stem in REFERENCE_FILES:
        path = reference_dir / f"{stem}.yaml"
        problems = Problems(str(path))
        all_problems.append(problems)
        raw = read_yaml(path, problems) if path.exists() else None
        if not path.exists():
            problems.add("", "the reference file is missing")
        parsed[stem] = _items(raw, problems, with_districts=stem == "regions") if raw else {}
    regions = {
        item_id: Region(item.id, item.name, districts)
        for item_id, (item, districts) in parsed["regions"].items()
    }
    data = ReferenceData(
        agencies={key: item for key, (item, _) in parsed["agencies"].items()},
        categories={key: item for key, (item, _) in parsed["categories"].items()},
        life_events={key: item for key, (item, _) in parsed["life_events"].items()},
        regions=regions,
    )
    return data, all_problems


def _items(
    raw: Any, problems: Problems, with_districts: bool
) -> dict[str, tuple[ReferenceItem, tuple[ReferenceItem, ...]]]:
    if not isinstance(raw, list):
        problems.add("", "a reference file is a YAML list of {id, name} items")
        return {}
    items: dict[str, tuple[ReferenceItem, tuple[ReferenceItem, ...]]] = {}
    for index, entry in enumerate(raw):
        item = _item(entry, str(index), problems, extra={"districts"} if with_districts else set())
        if item is None:
            continue
        if item.id in items:
            problems.add(item.id, f"duplicate id {item.id!r}")
            continue
        districts: list[ReferenceItem] = []
        if with_districts:
            raw_districts = entry.get("districts")
            if not isinstance(raw_districts, list) or not raw_districts:
                problems.add([item.id, "districts"], "a region needs a list of districts")
            for number, raw_district in enumerate(raw_districts or []):
                district = _item(raw_district, f"{item.id}.districts.{number}", problems, set())
                if district is not None and any(d.id == district.id for d in districts):
                    problems.add([item.id, "districts", district.id], "duplicate district id")
                elif district is not None:
                    districts.append(district)
        items[item.id] = (item, tuple(districts))
    return items


def _item(
    entry: Any, path: str, problems: Problems, extra: set[str]
) -> ReferenceItem | None:
    if not isinstance(entry, Mapping):
        problems.add(path, "an item is a mapping {id, name}")
        return None
    unknown = set(map(str, entry)) - ITEM_KEYS - extra
    item_id, name, description = entry.get("id"), entry.get("name"), entry.get("description")
    if not isinstance(item_id, str) or not KEBAB_CASE.match(item_id):
        problems.add([path, "id"], "an id is required, in kebab-case")
        return None
    path = path.rsplit(".", 1)[0] + f".{item_id}" if "." in path else item_id
    for key in sorted(unknown):
        problems.add([path, key], f"unknown key; use {sorted(ITEM_KEYS | extra)}")
    if not isinstance(name, str) or not name.strip():
        problems.add([path, "name"], "a non-empty name is required")
        return None
    if description is not None and (not isinstance(description, str) or not description.strip()):
        problems.add([path, "description"], "must be a non-empty text")
        return None
    return ReferenceItem(item_id, name, description)


def reference_texts(data: ReferenceData) -> list[tuple[str, str, str, str]]:
    """Every (file stem, key path, context, English text) that the reference data shows."""
    entries: list[tuple[str, str, str]] = []
    for stem, items in (("agencies", data.agencies), ("categories", data.categories),
                        ("life_events", data.life_events)):
        for item in items.values():
            entries.append((stem, f"{item.id}.name", item.name))
            if item.description:
                entries.append((stem, f"{item.id}.description", item.description))
    for region in data.regions.values():
        entries.append(("regions", f"{region.id}.name", region.name))
        entries += [("regions", f"{region.id}.districts.{district.id}.name", district.name)
                    for district in region.districts]
    return [(stem, path, f"{stem}:{path}", text) for stem, path, text in entries]
