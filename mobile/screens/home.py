"""Home: search across the catalogue, browse by life event or category."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kivy.properties import StringProperty

from mobile.a11y.widgets import XList, XListItem
from mobile.screens.base import XScreen


def items_of(answer: Any) -> list[Mapping[str, Any]]:
    """The entries of a list answer (``{"items": [...]}`` or a bare list)."""
    if isinstance(answer, Mapping):
        answer = answer.get("items", [])
    return [item for item in answer or [] if isinstance(item, Mapping)]


def pending_count_text(tr: Any, count: int) -> str:
    return str(tr._n("%(count)d offer waits for your answer",
                     "%(count)d offers wait for your answer", count))


def regions_of(answer: Any) -> list[dict[str, Any]]:
    """The regions (with their districts) of a ``/regions`` answer."""
    items = answer.get("items", answer.get("regions", [])) if isinstance(answer, dict) else answer
    return [item for item in items or [] if isinstance(item, dict)]


class HomeScreen(XScreen):
    results_title = StringProperty("")
    #: "2 offers wait for your answer" (empty when there are none).
    offers_text = StringProperty("")
    #: The language the life events and categories were loaded in (reloaded on a change).
    loaded_locale = StringProperty("")

    def prepare(self, **context: Any) -> None:
        # Awaited like a screen's data: that an offer waits is said after the title, before
        # the focus; without it (offline) home shows all the same, quietly.
        self.load(lambda: self.app.api.offers("pending"), self.show_offers, lambda _error: None)
        if self.loaded_locale != self.app.locale:
            self.loaded_locale = self.app.locale
            self.ids.results.clear_widgets()
            self.results_title = ""
            self.app.background(self.app.api.life_events,
                                lambda answer: self.fill(self.ids.life_events, answer,
                                                         self.open_life_event))
            self.app.background(self.app.api.categories,
                                lambda answer: self.fill(self.ids.categories, answer,
                                                         self.open_category))

    def show_offers(self, answer: Any) -> None:
        """The state offers something: say so (politely, after the screen's title)."""
        count = len(items_of(answer))
        self.offers_text = pending_count_text(self.app.tr, count) if count else ""
        if count:
            self.app.say_status(self.offers_text)

    def fill(self, box: XList, answer: Any, action: Any, detail_key: str = "") -> None:
        box.clear_widgets()
        for entry in items_of(answer):
            text = str(entry.get("title") or entry.get("name") or entry.get("id"))
            item = XListItem(text=text, payload=entry, a11y_id=str(entry.get("id", "")))
            summary = entry.get(detail_key) if detail_key else None
            if summary:
                item.a11y_hint = str(summary)
            item.bind(on_release=action)
            box.add_widget(item)

    def search(self, **filters: str) -> None:
        query = self.ids.query.text.strip()
        if not query and not filters:
            return
        self.app.background(lambda: self.app.api.catalogue(query=query, **filters),
                            self.show_results)

    def show_results(self, answer: Any) -> None:
        found = items_of(answer)
        tr = self.app.tr
        self.results_title = tr._n("%(count)d service found", "%(count)d services found",
                                   len(found))
        self.fill(self.ids.results, found, self.open_service, "summary")
        self.app.say_status(self.results_title)
        if self.ids.results.children:
            # The first result, so that Down walks the list and Enter opens a service.
            self.app.focus(self.ids.results.children[-1])

    def open_service(self, item: XListItem) -> None:
        self.app.go("service", service_id=str(item.payload.get("id")))

    def open_life_event(self, item: XListItem) -> None:
        self.search(life_event=str(item.payload.get("id")))

    def open_category(self, item: XListItem) -> None:
        self.search(category=str(item.payload.get("id")))

    def sign_out(self) -> None:
        self.app.session.resume = None  # signing out on purpose: start afresh next time
        self.app.background(self.app.api.sign_out, lambda _r: self.app.go("sign_in"))
