"""Fixtures for the accessibility toolkit's tests: trees, fonts, a recording speech facade."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fontTools import subset
from fontTools.ttLib import TTFont

from accessibility.nodes import ScreenTree
from accessibility.speech import Speech, create_speech
from accessibility.speech.backends.recording import RecordingBackend
from tests.accessibility.a11y_trees import payment_screen

DEJAVU_SANS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.fixture(scope="session")
def dejavu_sans() -> Path:
    if not DEJAVU_SANS.exists():
        pytest.skip("fonts-dejavu-core is not installed (DejaVuSans.ttf)")
    return DEJAVU_SANS


@pytest.fixture(scope="session")
def font_without_tutuq(dejavu_sans: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """DejaVu Sans without U+02BC (ʼ): a font that would draw a box in maʼlumot."""
    font = TTFont(dejavu_sans)
    options = subset.Options()
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    # Only what the test screens show (subsetting the whole font takes seconds), minus ʼ.
    keep = {*range(0x20, 0x7F), 0x00A0, 0x02BB}
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    path = tmp_path_factory.mktemp("fonts") / "NoTutuq.ttf"
    font.save(path)
    return path


@pytest.fixture
def clean_tree(dejavu_sans: Path) -> ScreenTree:
    """A payment form screen that meets every check in the default theme."""
    return payment_screen(dejavu_sans)


@pytest.fixture
def recording() -> Iterator[tuple[Speech, RecordingBackend]]:
    """A speech facade on the recording backend (a real worker thread)."""
    speech = create_speech("recording")
    backend = speech.backend
    assert isinstance(backend, RecordingBackend)
    yield speech, backend
    speech.close()
