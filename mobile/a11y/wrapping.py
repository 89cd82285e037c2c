"""Lines that break between words, at every type scale.

Kivy's text layout breaks a line only at a space, and a word wider than the whole line it cuts
wherever the line is full, with no mark: at 300 % a line holds about ten letters, so Uzbek and
Russian words ("maʼlumotnoma", "государственной") came out as fragments ("maʼlumotno" / "ma").

So before Kivy lays a label out, each word wider than the line is broken here with a newline,
where a reader expects it: after a hyphen or a slash (or at a no-break space) if that is
enough, else with a visible hyphen between two syllables.  Kivy then wraps everything else at
the spaces as before, and the label grows by the lines it needs.  Only what is drawn changes:
the widget's ``text`` (its accessible name, what is spoken) stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kivy.core.text import Label as CoreLabel
from kivy.uix.label import Label

#: Text -> (width, height) in pixels, in the label's font.
Measure = Callable[[str], tuple[int, int]]

#: A word may end a line after these (the mark stays on the first line).
SOFT_BREAKS = re.compile(r"(?<=[-/\u2010\u2013\u2014\u00a0\u202f])")
#: Marks that belong to the letter before them: the Uzbek ʻ of oʻ/gʻ, the tutuq belgisi ʼ
#: (and the apostrophes typed for both), Russian ь and ъ.  No hyphen comes before them.
MARKS = set("ʻʼ'’‘ьъЬЪ")
#: Two letters that are one sound in Uzbek (and English): never split.
DIGRAPHS = {"sh", "ch"}
VOWELS = set("aeiouаеёиоуыэюяўAEIOUАЕЁИОУЫЭЮЯЎ")
#: At least this many letters or digits stay on each side of a hyphen.
MINIMUM_PART = 2


def break_long_words(text: str, width: int, measure: Measure) -> str:
    """``text`` with a line break in each word wider than ``width``; the rest unchanged."""
    if width <= 0:  # not laid out yet: no line to fit
        return text
    return "\n".join(
        " ".join(word if measure(word)[0] <= width else _break_word(word, width, measure)
                 for word in paragraph.split(" "))
        for paragraph in text.split("\n")
    )


def _break_word(word: str, width: int, measure: Measure) -> str:
    """The parts of ``word`` between its hyphens and slashes, as many to a line as fit; a
    part wider than a line is hyphenated."""
    lines: list[str] = []
    line = ""
    for part in filter(None, SOFT_BREAKS.split(word)):
        if measure(line + part)[0] <= width:
            line += part
            continue
        if line:
            lines.append(line)
        while len(part) > 1 and measure(part)[0] > width:
            head, part = _hyphenate(part, width, measure)
            lines.append(head + "-")
        line = part
    return "\n".join([*lines, line])


def _hyphenate(part: str, width: int, measure: Measure) -> tuple[str, str]:
    """``part`` split in two, the first half (with its hyphen) as long as fits: between two
    syllables if one fits, else where a hyphen is allowed, else anywhere."""
    fitting = [i for i in range(1, len(part)) if measure(part[:i] + "-")[0] <= width]
    allowed = [i for i in fitting if _may_hyphenate(part, i)]
    syllables = _syllable_starts(part)
    at = max([i for i in allowed if i in syllables] or allowed or fitting or [1])
    return part[:at], part[at:]


def _may_hyphenate(part: str, at: int) -> bool:
    before, after = part[:at], part[at:]
    return (before[-1].isalnum() and after[0].isalnum() and after[0] not in MARKS
            and (before[-1] + after[0]).lower() not in DIGRAPHS
            and sum(c.isalnum() for c in before) >= MINIMUM_PART
            and sum(c.isalnum() for c in after) >= MINIMUM_PART)


def _sounds(part: str) -> list[tuple[int, str]]:
    """Each letter of ``part`` with the marks that follow it (sh and ch as one), and where
    it starts: "tugʻil" -> t, u, gʻ, i, l."""
    sounds = []
    start = 0
    while start < len(part):
        end = start + (2 if part[start:start + 2].lower() in DIGRAPHS else 1)
        while end < len(part) and part[end] in MARKS:
            end += 1
        sounds.append((start, part[start:end]))
        start = end
    return sounds


def _syllable_starts(part: str) -> set[int]:
    """Where a syllable starts, by the rule Uzbek and Russian school books teach: between two
    vowels, a single consonant goes to the next syllable and of several the first stays
    ("maʼ-lu-mot", "Пред-при", "го-су-дар-ствен"); a separating ь or ъ stays ("подъ-езд")."""
    starts: set[int] = set()
    after_vowel = False
    consonants: list[tuple[int, str]] = []
    for start, sound in _sounds(part):
        if sound[0] in VOWELS:
            if after_vowel and not consonants:
                starts.add(start)
            elif after_vowel and len(consonants) == 1:
                only_start, only = consonants[0]
                starts.add(start if only[-1] in "ьъЬЪ" else only_start)
            elif after_vowel:
                starts.add(consonants[1][0])
            after_vowel, consonants = True, []
        elif sound[0].isalpha():
            consonants.append((start, sound))
        else:  # a digit or a sign: the letters after it are a word of their own
            after_vowel, consonants = False, []
    return starts


class WordBreakingCoreLabel(CoreLabel):
    """Kivy's text renderer, laying out the text with its over-long words broken."""

    _text: str

    def render(self, real: bool = False) -> Any:
        width = self._text_size[0]
        if real or width is None:  # the second pass draws the lines the first one made
            return super().render(real)
        padding = self.options["padding"]
        written = self._text
        # LabelBase.render lays out self.text: it gets the broken text for this pass only,
        # so that the label's text stays as written for whoever reads it.
        self._text = break_long_words(written, int(width) - padding[0] - padding[2],
                                      self.get_cached_extents())
        try:
            return super().render(real)
        finally:
            self._text = written


class WrappingLabel(Label):
    """A Label whose lines end between words: over-long words are broken before layout."""

    _label: Any

    def _create_label(self) -> None:
        if self.markup:  # markup is laid out by Kivy's markup renderer, as Kivy breaks it
            super()._create_label()
            return
        if isinstance(self._label, WordBreakingCoreLabel):
            return
        # As Label._create_label builds its core label, with the renderer swapped.
        options = {name: getattr(self, name) for name in self._font_properties}
        options["usersize"] = self.text_size
        if self.disabled:
            options["color"] = self.disabled_color
            options["outline_color"] = self.disabled_outline_color
        self._label = WordBreakingCoreLabel(**options)
