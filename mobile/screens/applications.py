"""My applications: status of each, the ones still waiting in the outbox first."""

from __future__ import annotations

from typing import Any

from mobile.a11y.widgets import XListItem
from mobile.api.client import API_PREFIX
from mobile.api.outbox import REJECTED
from mobile.screens.base import XScreen
from mobile.screens.home import items_of


class ApplicationsScreen(XScreen):
    def prepare(self, **context: Any) -> None:
        self.ids.entries.clear_widgets()
        for entry in self.app.outbox.pending():
            item = XListItem(text=self.app.tr._("%(service)s: waiting to be sent",
                                                service=self.service_title(entry.service_id)),
                             a11y_id=f"outbox_{entry.id}")
            self.ids.entries.add_widget(item)
        for entry in self.app.outbox.entries(REJECTED):
            # Refused on delivery (a value the server no longer accepts): say why, keep it.
            item = XListItem(text=self.app.tr._("%(service)s: not accepted: %(reason)s",
                                                service=self.service_title(entry.service_id),
                                                reason=entry.error or ""),
                             a11y_id=f"outbox_{entry.id}")
            self.ids.entries.add_widget(item)
        self.load(self.app.api.applications, self.show)

    def service_title(self, service_id: str) -> str:
        """The service's name from the cache (it was opened to apply), else its id."""
        cached = self.app.api.cache.get(f"{API_PREFIX}/services/{service_id}", self.app.locale)
        body = cached.body if cached else None
        return str(body.get("title")) if isinstance(body, dict) else service_id

    def show(self, answer: Any) -> None:
        found = items_of(answer)
        tr = self.app.tr
        for application in found:
            number = application.get("number") or tr._("draft")
            text = f"{application.get('service_title', '')}, {number}: " \
                   f"{application.get('status_name', application.get('status', ''))}"
            item = XListItem(text=text, payload=application,
                             a11y_id=f"application_{application.get('id')}")
            item.bind(on_release=lambda it: self.app.go("application",
                                                        application_id=it.payload.get("id")))
            self.ids.entries.add_widget(item)
        self.status_text = tr._n("%(count)d application", "%(count)d applications", len(found))
        self.app.say_status(self.status_text)
