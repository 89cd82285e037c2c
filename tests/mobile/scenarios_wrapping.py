"""Where the rendered lines of the app's labels end: at a word boundary, never inside a word.

The check reads the lines Kivy's text layout produced for each label (its core label's
``_cached_lines``, what is drawn) and follows them through the label's text.  A line may end
where the text has a space or a line break, or just after a hyphen or a slash.  A line that
ends in a hyphen the text does not have is a word broken as a last resort: allowed only for a
word wider than the whole line.  Anything else is a word cut in two.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from tests.mobile.harness import Driver
from tests.mobile.scenarios_journey import report

#: Characters after which a line may end inside a run of non-spaces.
BREAK_AFTER = "-/\u2010\u2013\u2014"


def rendered_lines(label: Any) -> list[str]:
    return ["".join(word.text for word in line.words) for line in label._label._cached_lines]


def available_width(label: Any) -> float:
    padding = label._label.options["padding"]
    return float(label.text_size[0] - padding[0] - padding[2])


def word_at(text: str, position: int) -> str:
    """The word (no spaces, hyphens or slashes) that ``position`` falls in."""
    start, end = position, position
    while start > 0 and not (text[start - 1].isspace() or text[start - 1] in BREAK_AFTER):
        start -= 1
    while end < len(text) and not (text[end].isspace() or text[end] in BREAK_AFTER):
        end += 1
    return text[start:end]


def line_ends(label: Any) -> list[tuple[str, str]]:
    """How each of ``label``'s lines but the last ends, as (kind, "<line>|<text after>"):
    "word" between words, "hyphen" inside a word too wide for a line, "cut" inside a word."""
    text, lines = label.text, rendered_lines(label)
    ends: list[tuple[str, str]] = []
    position = 0
    for number, line in enumerate(lines[:-1]):
        shown = line.strip()
        while position < len(text) and text[position].isspace():
            position += 1  # what the layout dropped between lines
        if text.startswith(shown, position):
            position += len(shown)
            between = position >= len(text) or text[position].isspace() or (
                text[position - 1] in BREAK_AFTER)
            kind = "word" if between else "cut"
        elif shown.endswith("-") and text.startswith(shown[:-1], position):
            position += len(shown) - 1
            too_wide = label._label.get_extents(word_at(text, position))[0] > available_width(
                label)
            kind = "hyphen" if too_wide else "cut"
        else:
            raise AssertionError(f"line {number} {shown!r} is not in {text!r} at {position}")
        ends.append((kind, f"{shown}|{text[position:position + 12]}"))
    return ends


def broken_words(label: Any) -> list[str]:
    return [where for kind, where in line_ends(label) if kind == "cut"]


def wrapping_findings(root: Any) -> tuple[int, list[str], list[str]]:
    """How many shown, wrapping labels under ``root`` were read; the words they cut; the
    words too wide for a line that they hyphenated."""
    from kivy.uix.label import Label

    from mobile.a11y.focus import is_shown

    read, cut, hyphenated = 0, [], []
    for widget in root.walk():
        if not isinstance(widget, Label) or not widget.text or widget.text_size[0] is None:
            continue
        if not is_shown(widget):
            continue
        read += 1
        name = getattr(widget, "a11y_id", "") or type(widget).__name__
        for kind, where in line_ends(widget):
            if kind == "cut":
                cut.append(f"{name}: {where}")
            elif kind == "hyphen":
                hyphenated.append(f"{name}: {where}")
    return read, cut, hyphenated


def plain_kivy_label_findings(driver: Driver, text: str, width: float) -> list[str]:
    """The same check on a Kivy Label of the app's font and size but Kivy's own wrapping:
    it must find the word Kivy cuts (so that the check can fail at all)."""
    from kivy.uix.label import Label

    screen = driver.app.sm.current_screen
    plain = Label(text=text, font_size="16sp", size_hint=(None, None), width=width,
                  text_size=(width, None))
    screen.add_widget(plain)
    driver.pump(0.2)
    found = broken_words(plain)
    screen.remove_widget(plain)
    return found


def wrapping(api_url: str, login: str, password: str, locales: list[str], scale: float,
             long_word: str) -> None:
    """Every screen, in each locale at ``scale``: the labels read, the words cut, and the
    words hyphenated because they are wider than a line."""
    from tests.mobile.scenarios_screens import speak_on_server
    from tests.mobile.screen_tour import sign_in_and_apply, tour

    driver = Driver(api_url, Path(tempfile.mkdtemp(prefix="xizmat-wrapping-")))
    app = driver.app
    application = sign_in_and_apply(driver, login, password)
    read, findings, hyphenated = 0, [], []
    for locale in locales:
        app.apply_preferences({"locale": locale, "font_scale": scale}, save=False)
        speak_on_server(app, locale)
        for name in tour(driver, application):
            driver.pump(0.2)
            count, cut, hyphens = wrapping_findings(app.sm.current_screen)
            read += count
            findings += [f"{name} {locale}: {where}" for where in cut]
            hyphenated += [f"{name} {locale}: {where}" for where in hyphens]
    control = plain_kivy_label_findings(driver, f"Xizmat {long_word} {long_word}", 200)
    report(read=read, findings=findings, hyphenated=hyphenated, control=control)
    driver.stop()


def word_breaks(texts: list[str], widths: list[int], font_size: int) -> None:
    """How each text is broken at each line width, in the app's font: the lines, and how
    wide each is drawn."""
    from kivy.core.text import Label as CoreLabel

    from mobile.a11y.wrapping import break_long_words
    from mobile.fonts import register_fonts

    register_fonts()
    label = CoreLabel(font_size=font_size)
    label.resolve_font_name()
    measure = label.get_cached_extents()
    broken = []
    for text in texts:
        for width in widths:
            lines = break_long_words(text, width, measure).split("\n")
            broken.append({"text": text, "width": width, "lines": lines,
                           "drawn": [measure(line)[0] for line in lines],
                           "whole": measure(text)[0]})
    report(broken=broken)
