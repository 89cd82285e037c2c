"""One offer: which service, why it is offered, what the state filled in (and from where),
what is still missing; accept it in one step, or decline it.

The missing answers are asked with the same server-driven form as a flow step and kept on the
phone as they are typed (a draft under ``offer:<id>``), so an ended session loses nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from kivy.properties import BooleanProperty, StringProperty

from locales.formatting import format_date
from mobile.a11y.widgets import XRow
from mobile.api import ApiError
from mobile.forms import StepForm
from mobile.screens.base import XScreen
from mobile.screens.home import items_of, regions_of
from mobile.screens.offers import offer_title
from mobile.screens.review import display_value

OFFER_STEP = "offer"


def service_fields(service: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """Every field of a service definition by name (names are unique in a service)."""
    return {str(field.get("name")): field for step in service.get("steps") or []
            for field in step.get("fields") or [] if isinstance(field, Mapping)}


def source_names(log: Any) -> dict[str, str]:
    """"registry.attribute" and "registry" -> their names in the reader's language, as the
    data-access log gives them (the offer names its sources by id)."""
    names: dict[str, str] = {}
    for entry in items_of(log):
        registry = entry.get("registry") or {}
        registry_id, registry_name = str(registry.get("id", "")), str(registry.get("name", ""))
        names.setdefault(registry_id, registry_name)
        for attribute in entry.get("attributes") or []:
            names.setdefault(f"{registry_id}.{attribute.get('id')}",
                             f"{registry_name}, {attribute.get('name')}")
    return names


def shown_value(field: Mapping[str, Any], value: Any, tr: Any) -> str:
    if field.get("type") == "date" and isinstance(value, str):
        try:
            return format_date(datetime.date.fromisoformat(value[:10]), tr.locale)
        except ValueError:
            return value
    return display_value(field, value, tr)


class OfferScreen(XScreen):
    headline = StringProperty("")
    reason = StringProperty("")
    missing_title = StringProperty("")
    error = StringProperty("")
    offer_id = StringProperty("")
    pending = BooleanProperty(False)
    application_id = StringProperty("")

    def prepare(self, **context: Any) -> None:
        self.offer_id = str(context.get("offer_id", self.offer_id))
        tr = self.app.tr
        # Until the offer comes: a title that names the screen, never "Loading…".
        self.headline = tr._("Offer")
        self.reason = self.missing_title = self.error = self.application_id = ""
        self.pending = False
        self.form: StepForm | None = None
        self.ids.prefilled.clear_widgets()
        self.ids.form.clear_widgets()
        self.load(self.fetch, self.show)

    def fetch(self) -> tuple[Any, Any, Any]:
        """The offer, its service's definition (labels of the fields) and the log (names of
        the sources); the offer alone if the other two cannot be had."""
        api = self.app.api
        offer = api.offer(self.offer_id)
        service_id = str((offer.get("service") or {}).get("id", ""))
        try:
            service = api.service(service_id)
            log = api.data_access()
            if "regions" not in self.app.context:
                self.app.context["regions"] = regions_of(api.regions())
        except ApiError:
            service, log = {}, {}
        return offer, service, log

    def show(self, loaded: tuple[Any, Any, Any]) -> None:
        offer, service, log = loaded
        tr = self.app.tr
        fields = service_fields(service if isinstance(service, Mapping) else {})
        names = source_names(log)
        self.headline = offer_title(offer)
        self.reason = str(offer.get("message") or "")
        self.pending = offer.get("status") == "pending"
        self.application_id = str(offer.get("application_id") or "")
        rows = self.ids.prefilled
        rows.clear_widgets()
        prefilled = offer.get("prefill") or {}
        for name, item in prefilled.items():
            if item.get("status") != "registry" or item.get("value") is None:
                continue
            field = fields.get(name, {"name": name})
            source = str(item.get("source", ""))
            source = names.get(source) or names.get(source.partition(".")[0]) or source
            rows.add_widget(XRow(a11y_id=f"prefilled_{name}", text=tr._(
                "%(label)s: %(value)s. From: %(source)s", label=field.get("label", name),
                value=shown_value(field, item["value"], tr), source=source)))
        for name, value in (offer.get("facts") or {}).items():
            if name in prefilled:
                continue  # the registry's value is shown already, with its source
            field = fields.get(name, {"name": name})
            rows.add_widget(XRow(a11y_id=f"fact_{name}", text=tr._(
                "%(label)s: %(value)s. From: the record of the life event",
                label=field.get("label", name), value=shown_value(field, value, tr))))
        missing = [fields.get(name, {"name": name, "type": "text", "label": name})
                   for name in offer.get("missing") or []]
        self.ids.form.clear_widgets()
        if self.pending and missing:
            draft = self.app.drafts.open(self.draft_key)
            self.form = StepForm({"id": OFFER_STEP, "fields": missing},
                                 draft.values_by_step.get(OFFER_STEP, {}), {}, tr,
                                 self.app.context.get("regions", []), {}, self.remember)
            self.ids.form.add_widget(self.form.box)
            self.missing_title = tr._("Still needed from you")
        filled = len(rows.children)
        self.status_text = " ".join(part for part in (
            tr._n("%(count)d answer is already filled in.",
                  "%(count)d answers are already filled in.", filled),
            tr._n("%(count)d question is left for you.", "%(count)d questions are left for you.",
                  len(missing)) if self.pending and missing else "",
            self.status_sentence(offer)) if part)

    def status_sentence(self, offer: Mapping[str, Any]) -> str:
        tr = self.app.tr
        if offer.get("status") == "accepted":
            return str(tr._("You accepted this offer."))
        if offer.get("status") == "declined":
            return str(tr._("You declined this offer."))
        return ""

    def resume_context(self) -> dict[str, Any]:
        return {"offer_id": self.offer_id}

    @property
    def draft_key(self) -> str:
        return f"offer:{self.offer_id}"

    def remember(self, name: str, value: Any) -> None:
        self.app.drafts.set_value(self.draft_key, OFFER_STEP, name, value)

    def accept(self) -> None:
        app = self.app
        answers = self.form.values() if self.form is not None else {}
        app.say_status(app.tr._("Sending…"))

        def work() -> Any:
            offer = app.api.accept_offer(self.offer_id, answers)
            return app.api.application(offer.get("application_id"))

        app.background(work, self.accepted, self.refused)

    def accepted(self, application: Any) -> None:
        app = self.app
        app.drafts.remove(self.draft_key)
        app.history.clear()
        app.go("submitted", number=str((application or {}).get("number") or ""),
               remember=False)

    def refused(self, error: BaseException) -> None:
        self.error = self.app.report_refusal(error, self.form)

    def decline(self) -> None:
        app = self.app
        app.background(lambda: app.api.decline_offer(self.offer_id), self.declined,
                       self.refused)

    def declined(self, _offer: Any) -> None:
        app = self.app
        app.drafts.remove(self.draft_key)
        # A confirmation, not a status: the offers list's own status must not replace it.
        app.status = app.tr._("You declined this offer.")
        app.voice.confirm(app.status, app.locale)
        app.go("offers")
