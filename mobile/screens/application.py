"""One application: status, timeline, what is expected next, and the officer's question."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kivy.properties import StringProperty

from mobile.screens.base import XScreen


class ApplicationScreen(XScreen):
    headline = StringProperty("")
    next_text = StringProperty("")
    timeline = StringProperty("")
    question = StringProperty("")
    application_id = StringProperty("")

    def prepare(self, **context: Any) -> None:
        self.application_id = str(context.get("application_id", self.application_id))
        # Until the application comes: a title that names the screen, never "Loading…".
        self.headline = self.app.tr._("Application")
        self.next_text = self.timeline = self.question = ""
        self.load(lambda: self.app.api.application(self.application_id), self.show)

    def resume_context(self) -> dict[str, Any]:
        return {"application_id": self.application_id}

    def show(self, application: Any) -> None:
        if not isinstance(application, Mapping):
            return
        tr = self.app.tr
        number = application.get("number") or tr._("draft")
        self.headline = f"{application.get('service_title', '')}, {number}"
        self.status_text = tr._("Status: %(status)s", status=application.get("status_name", ""))
        following = application.get("next") or {}
        self.next_text = str(following.get("message") or "")
        self.question = str(following.get("question") or "")
        lines = []
        for event in application.get("timeline") or []:
            note = f" ({event['note']})" if event.get("note") else ""
            lines.append(f"{str(event.get('at', ''))[:10]}: {event.get('message', '')}{note}")
        self.timeline = "\n".join(lines)

    def send_answer(self) -> None:
        text = self.ids.answer.text.strip()
        if not text:
            self.ids.answer.a11y_error = self.app.tr._("Write your answer first.")
            self.app.report_field_errors([self.ids.answer])
            return
        self.app.background(lambda: self.app.api.answer_question(self.application_id, text),
                            self.answered)

    def answered(self, _answer: Any) -> None:
        self.ids.answer.text = ""
        self.ids.answer.a11y_error = ""
        self.app.say_status(self.app.tr._("Your answer was sent."))
        self.prepare(application_id=self.application_id)
