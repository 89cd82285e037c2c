"""Review and submit: every answer in one place, then the submission goes to the outbox.

The outbox holds the submission (with its Idempotency-Key) before the first attempt, so a
submit made offline, or cut off half way, is delivered later exactly once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kivy.properties import StringProperty

from mobile.api import OfflineError
from mobile.api.outbox import DELIVERED, OutboxEntry
from mobile.screens.base import XScreen


def display_value(field: Mapping[str, Any], value: Any, tr: Any) -> str:
    options = {option.get("value"): option.get("label") for option in field.get("options") or []
               if isinstance(option, Mapping)}
    if isinstance(value, bool):
        return tr._("Yes") if value else tr._("No")
    if isinstance(value, list):
        return ", ".join(str(options.get(item, item)) for item in value)
    return str(options.get(value, value))


class ReviewScreen(XScreen):
    answers = StringProperty("")
    review_summary = StringProperty("")
    error = StringProperty("")

    def prepare(self, **context: Any) -> None:
        app = self.app
        service = app.context["service"]
        draft = app.context["draft"]
        lines = []
        for step in service.get("steps") or []:
            values = draft.values_by_step.get(str(step.get("id")), {})
            for field in step.get("fields") or []:
                name = str(field.get("name"))
                if name in values and values[name] not in (None, "", []):
                    label = field.get("label", name)
                    lines.append(f"{label}: {display_value(field, values[name], app.tr)}")
        self.answers = "\n".join(lines)
        self.review_summary = app.tr._("%(service)s. Check the answers, confirm and submit.",
                                       service=str(service.get("title", "")))
        self.error = ""
        self.ids.declaration.checked = False

    def submit(self) -> None:
        app = self.app
        if not self.ids.declaration.checked:
            self.error = app.tr._("Confirm that your answers are true.")
            app.report_field_errors([self.ids.declaration])
            return
        self.error = ""
        draft = app.context["draft"]
        entry = app.outbox.enqueue(draft.service_id, draft.values_by_step, draft.application_id)
        app.drafts.remove(draft.service_id)
        app.say_status(app.tr._("Sending…"))
        app.background(lambda: app.outbox.deliver(entry, app.api), self.delivered,
                       self.not_delivered)

    def delivered(self, entry: OutboxEntry) -> None:
        app = self.app
        if entry.state == DELIVERED:
            number = str((entry.result or {}).get("number") or "")
            app.history.clear()
            app.go("submitted", number=number, remember=False)
            return
        self.error = entry.error or app.tr._("The application was not accepted.")
        app.say_error(self.error)

    def not_delivered(self, error: BaseException) -> None:
        app = self.app
        if isinstance(error, OfflineError):
            app.history.clear()
            app.go("submitted", number="", remember=False)
            return
        self.error = app.error_text(error)
        app.say_error(self.error)
