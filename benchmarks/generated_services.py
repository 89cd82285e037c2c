"""Generated service definitions for the catalogue benchmark (and nothing else).

``write_services(folder, count)`` copies the bundled services and adds generated ones up to
``count``: valid definitions with made-up words, so the search index grows in services and
in vocabulary as a real catalogue would.  They have no translations: the benchmark starts the
app with ``CATALOGUE_REQUIRE_TRANSLATIONS`` off, and the bundled services stay translated.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "server" / "catalogue" / "services"
REFERENCE = ROOT / "server" / "catalogue" / "reference"
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SYLLABLES = ("ka", "lo", "mi", "ro", "sha", "tu", "ne", "bo", "zi", "qa", "ya", "gu", "de",
             "chi", "fa", "xo", "pe", "vi", "ul", "om")


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _reference_ids(stem: str) -> list[str]:
    items = yaml.safe_load((REFERENCE / f"{stem}.yaml").read_text("utf-8"))
    return [item["id"] for item in items]


def generated_definition(number: int, words: list[str], rng: random.Random) -> dict[str, object]:
    def phrase(length: int) -> str:
        return " ".join(rng.choice(words) for _ in range(length)).capitalize()

    return {
        "id": f"generated-{number:05d}",
        "version": 1,
        "agency": rng.choice(_AGENCIES),
        "category": rng.choice(_CATEGORIES),
        "life_events": [rng.choice(_EVENTS)],
        "title": phrase(3),
        "summary": phrase(9) + ".",
        "description": phrase(25) + ".",
        "fee": rng.choice([{"kind": "free"}, {"kind": "fixed", "amount": 50_000},
                           {"kind": "bhm", "multiple": 0.5}]),
        "processing_days": rng.randint(0, 30),
        "legal_basis": phrase(4),
        "result": phrase(2),
        "requirements": [phrase(5)],
        "keywords": [rng.choice(words), rng.choice(words)],
        "steps": [{"id": "applicant", "title": phrase(2), "fields": [
            {"name": "full_name", "type": "text", "label": phrase(2)},
            {"name": "phone", "type": "phone", "label": phrase(1)},
            {"name": "region", "type": "region", "label": phrase(1)},
        ]}],
    }


_AGENCIES = _reference_ids("agencies")
_CATEGORIES = _reference_ids("categories")
_EVENTS = _reference_ids("life_events")


def write_services(folder: Path, count: int, seed: int = 4) -> list[str]:
    """Fill ``folder`` with the bundled services plus generated ones, ``count`` in all.

    Returns the generated vocabulary (for search queries).
    """
    rng = random.Random(seed)
    words = vocabulary(4_000, rng)
    folder.mkdir(parents=True, exist_ok=True)
    bundled = sorted(BUNDLED.glob("*.yaml"))
    for path in bundled:
        shutil.copy(path, folder / path.name)
    for number in range(count - len(bundled)):
        definition = generated_definition(number, words, rng)
        text = yaml.dump(definition, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
        (folder / f"{definition['id']}.yaml").write_text(text, "utf-8")
    return words
