"""What the app says, and when: the bridge from screens and focus to the speech facade.

The sentences come from :mod:`accessibility.announcements` (one place for their wording and
urgency); this module decides when each is said:

- a new screen: its title, then its one-line summary (both polite and never replaced), then
  the statuses the screen gave while it opened (held until its title is said, so that a blind
  user hears where they are before what the screen loaded; each text once);
- focus: the focused widget as a screen reader says it (name, role, state or value, error,
  hint), replacing focus speech still queued so that fast Tabbing builds no backlog;
- errors: assertive (they interrupt); a field's error is folded into its focus announcement;
- status (saved, sent, offline) polite; confirmations polite and kept;
- the last announcement is kept so that a key can repeat it.
"""

from __future__ import annotations

import os
from typing import Any

from accessibility import announcements
from accessibility.announcements import Announcement
from accessibility.speech import Priority, Speech, create_speech
from accessibility.themes import get_theme
from mobile.a11y.export import node_of


class Voice:
    def __init__(self, speech: Speech, enabled: bool = True) -> None:
        self.speech = speech
        self.enabled = enabled
        self.last: Announcement | None = None
        #: Polite announcements kept until the coming screen's title is said (None: not holding).
        self._held: list[Announcement] | None = None

    @classmethod
    def for_environment(cls) -> Voice:
        """The backend named by ``XIZMAT_SPEECH_BACKEND`` (default pyttsx3 with espeak-ng)."""
        return cls(create_speech(os.environ.get("XIZMAT_SPEECH_BACKEND") or None))

    def configure(self, enabled: bool, rate: int) -> None:
        self.enabled = enabled
        self.speech.update_preferences({"speech_rate": rate})
        if not enabled:
            self.speech.interrupt()

    @property
    def holding(self) -> bool:
        """True from :meth:`hold` until the screen's title is said by :meth:`screen`."""
        return self._held is not None

    def hold(self) -> None:
        """A new screen is on its way: keep polite announcements until its title is said.

        Assertive ones (errors, the session's end) are not held: they must interrupt at once.
        """
        if self._held is None:
            self._held = []

    def announce(self, announcement: Announcement, *, remember: bool = True) -> None:
        if not announcement.text.strip():
            return
        if self._held is not None and announcement.priority is Priority.POLITE:
            # Held as the speech queue would hold it: a newer status replaces an older one.
            self._held = [held for held in self._held if held.kind not in announcement.replaces]
            self._held.append(announcement)
            return
        if remember:
            self.last = announcement
        if self.enabled:
            self.speech.say(announcement.text, announcement.locale, announcement.priority,
                            kind=announcement.kind, replaces=announcement.replaces)

    def screen(self, title: str, summary: str, locale: str) -> None:
        """The screen's title and summary, then what was held for it, and stop holding.

        A held status that says what the summary says (a list's count) is not said twice.
        """
        held, self._held = self._held or [], None
        said: set[str] = set()
        for announcement in (announcements.screen_shown(title, locale),
                             self._screen_text(summary, locale), *held):
            if announcement.text not in said:
                said.add(announcement.text)
                self.announce(announcement)

    def loaded(self, title: str, summary: str, locale: str) -> None:
        """A screen's real title and summary, come after a stand-in title was said (its data
        was slow): what it shows now, without announcing a new screen."""
        self.announce(self._screen_text(title, locale))
        self.announce(self._screen_text(summary, locale))

    @staticmethod
    def _screen_text(text: str, locale: str) -> Announcement:
        # Of kind "screen": neither focus nor status speech replaces it in the queue.
        return Announcement(text, locale, Priority.POLITE, announcements.SCREEN)

    @staticmethod
    def describe(widget: Any, locale: str) -> str:
        return announcements.describe(node_of(widget, get_theme("default"), None, ()), locale)

    def focus(self, widget: Any, locale: str) -> None:
        node = node_of(widget, get_theme("default"), None, ())
        self.announce(announcements.focus_moved(node, locale))

    def value(self, widget: Any, locale: str) -> None:
        node = node_of(widget, get_theme("default"), None, ())
        self.announce(announcements.value_changed(node, locale))

    def status(self, text: str, locale: str) -> None:
        self.announce(announcements.status_message(text, locale))

    def confirm(self, text: str, locale: str) -> None:
        self.announce(announcements.confirmation(text, locale))

    def error(self, text: str, locale: str) -> None:
        self.announce(announcements.error_message(text, locale))

    def alert(self, text: str, locale: str) -> None:
        """Something the person must know at once that is not their error (the session
        ended): assertive, without the "Error:" prefix."""
        self.announce(Announcement(text, locale, Priority.ASSERTIVE, announcements.ERROR))

    def field_errors(self, count: int, locale: str) -> None:
        self.announce(announcements.error_summary(count, locale))

    def repeat(self) -> None:
        """Say the last announcement again (interrupting whatever is being said)."""
        if self.last is not None and self.enabled:
            self.speech.say(self.last.text, self.last.locale, Priority.ASSERTIVE, kind="repeat")

    def close(self) -> None:
        self.speech.close()
