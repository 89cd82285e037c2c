"""Notifications: rendered by the server in the reader's locale; opening marks them read."""

from __future__ import annotations

from typing import Any

from mobile.a11y.widgets import XListItem
from mobile.screens.base import XScreen
from mobile.screens.home import items_of


class NotificationsScreen(XScreen):
    def prepare(self, **context: Any) -> None:
        self.ids.entries.clear_widgets()
        self.load(self.app.api.notifications, self.show)

    def show(self, answer: Any) -> None:
        found = items_of(answer)
        tr = self.app.tr
        unread = sum(1 for entry in found if not entry.get("read"))
        for entry in found:
            item = XListItem(text=str(entry.get("message", "")), payload=entry,
                             a11y_id=f"notification_{entry.get('id')}")
            item.a11y_states = [] if entry.get("read") else ["selected"]
            item.a11y_hint = str(entry.get("created_at", ""))[:10]
            item.bind(on_release=self.open)
            self.ids.entries.add_widget(item)
        self.status_text = tr._n("%(count)d unread notification", "%(count)d unread notifications",
                                 unread)
        self.app.say_status(self.status_text)

    def open(self, item: XListItem) -> None:
        entry = item.payload
        self.app.background(lambda: self.app.api.mark_notification_read(entry.get("id")),
                            lambda _r: None, lambda _e: None)
        if entry.get("offer_id"):
            self.app.go("offer", offer_id=entry["offer_id"])
        elif entry.get("application_id"):
            self.app.go("application", application_id=entry["application_id"])
