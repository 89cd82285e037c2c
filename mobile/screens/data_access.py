"""Who looked at my data: every registry lookup about me, newest first, as the server words it
in my language (registry, attributes, why, who, when, and how it went).

Each record is one row of a list: Up and Down read the log row by row, each row one sentence.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from kivy.properties import BooleanProperty

from locales.formatting import format_date
from mobile.a11y.widgets import XRow
from mobile.screens.base import XScreen
from mobile.screens.home import items_of


def when(moment: str, locale: str) -> str:
    """An ISO timestamp as the reader's date and local time ("27.11.2026 14:05")."""
    try:
        parsed = datetime.datetime.fromisoformat(moment)
    except ValueError:
        return moment
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    local = parsed.astimezone()
    return f"{format_date(local.date(), locale)} {local:%H:%M}"


def entry_text(entry: Mapping[str, Any], tr: Any) -> str:
    registry = (entry.get("registry") or {}).get("name", "")
    attributes = ", ".join(str(a.get("name", a.get("id", "")))
                           for a in entry.get("attributes") or [])
    return str(tr._("%(when)s. Who: %(who)s. Source: %(registry)s: %(attributes)s. "
                    "%(why)s. Result: %(outcome)s",
                    when=when(str(entry.get("at", "")), tr.locale),
                    who=(entry.get("actor") or {}).get("text", ""), registry=registry,
                    attributes=attributes, why=(entry.get("purpose") or {}).get("text", ""),
                    outcome=entry.get("outcome_text", "")))


class DataAccessScreen(XScreen):
    #: True while older records can be loaded (the server gave a ``next_before``).
    more = BooleanProperty(False)

    def prepare(self, **context: Any) -> None:
        self.ids.entries.clear_widgets()
        self.next_before: int | None = None
        self.more = False
        self.load(self.app.api.data_access, self.show)

    def show(self, answer: Any) -> None:
        tr = self.app.tr
        first_page = not self.ids.entries.children
        for entry in items_of(answer):
            self.ids.entries.add_widget(XRow(text=entry_text(entry, tr),
                                             a11y_id=f"access_{entry.get('id')}"))
        following = answer.get("next_before") if isinstance(answer, Mapping) else None
        self.next_before = int(following) if isinstance(following, int) else None
        self.more = self.next_before is not None
        shown = len(self.ids.entries.children)
        self.status_text = tr._n("%(count)d lookup of your data is recorded.",
                                 "%(count)d lookups of your data are recorded.", shown) \
            if shown else tr._("Nobody has looked up your data yet.")
        self.app.say_status(self.status_text)
        if first_page and self.ids.entries.children:
            # The newest record, so that Down reads on through the log.
            self.app.focus(self.ids.entries.children[-1])

    def load_older(self) -> None:
        before = self.next_before
        if before is not None:
            self.app.background(lambda: self.app.api.data_access(before), self.show)
