"""Offers for you: services the state offers after a life event, newest first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from locales.markers import N_
from mobile.a11y.widgets import XListItem
from mobile.screens.base import XScreen
from mobile.screens.home import items_of, pending_count_text

#: How each state of an offer is said in the list.
OFFER_STATES = {
    "pending": N_("waiting for your answer"),
    "accepted": N_("accepted"),
    "declined": N_("declined"),
}


def offer_title(offer: Mapping[str, Any]) -> str:
    service = offer.get("service") or {}
    return str(service.get("title") or service.get("id") or "")


class OffersScreen(XScreen):
    def prepare(self, **context: Any) -> None:
        self.ids.entries.clear_widgets()
        self.load(self.app.api.offers, self.show)

    def show(self, answer: Any) -> None:
        found = items_of(answer)
        tr = self.app.tr
        self.ids.entries.clear_widgets()
        for offer in found:
            state = tr._(OFFER_STATES.get(str(offer.get("status")), str(offer.get("status"))))
            item = XListItem(text=f"{offer_title(offer)}: {state}", payload=offer,
                             a11y_id=f"offer_{offer.get('id')}")
            item.a11y_hint = str(offer.get("message") or "")
            item.bind(on_release=lambda it: self.app.go("offer", offer_id=it.payload.get("id")))
            self.ids.entries.add_widget(item)
        pending = sum(1 for offer in found if offer.get("status") == "pending")
        self.status_text = pending_count_text(tr, pending) if found else tr._(
            "There are no offers for you now.")
        self.app.say_status(self.status_text)
        if self.ids.entries.children:
            # The newest offer, so that Enter opens it and Down walks the list.
            self.app.focus(self.ids.entries.children[-1])
