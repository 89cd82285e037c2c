"""One step of an application: the form the server describes, checked by the server."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kivy.properties import StringProperty

from mobile.api import OfflineError
from mobile.forms import StepForm
from mobile.screens.base import XScreen


class FlowStepScreen(XScreen):
    step_title = StringProperty("")
    step_summary = StringProperty("")
    error = StringProperty("")

    def prepare(self, **context: Any) -> None:
        app = self.app
        service: Mapping[str, Any] = app.context["service"]
        draft = app.context["draft"]
        steps = list(service.get("steps") or [])
        self.index = min(int(context.get("index", draft.step_index)), len(steps) - 1)
        step = steps[self.index]
        self.step_id = str(step.get("id"))
        self.step_title = app.tr._("Step %(number)d of %(count)d: %(title)s",
                                   number=self.index + 1, count=len(steps),
                                   title=str(step.get("title", "")))
        self.step_summary = str(step.get("summary") or "") or app.tr._(
            "Fill in the fields, then choose Continue.")
        self.error = ""
        earlier: dict[str, Any] = {}
        for done in steps[: self.index]:
            earlier.update(draft.values_by_step.get(str(done.get("id")), {}))
        self.form = StepForm(step, draft.values_by_step.get(self.step_id, {}), earlier, app.tr,
                             app.context.get("regions", []), app.context.get("prefill", {}),
                             self.remember)
        self.ids.form.clear_widgets()
        self.ids.form.add_widget(self.form.box)
        draft.step_index = self.index
        app.drafts.save(draft)

    def resume_context(self) -> dict[str, Any]:
        return {"index": self.index}

    def remember(self, name: str, value: Any) -> None:
        """Every change is written to the phone at once: a draft typed offline is never lost."""
        self.app.drafts.set_value(self.app.context["draft"].service_id, self.step_id, name, value)

    def next(self) -> None:
        app = self.app
        draft = app.context["draft"]
        values = self.form.values()
        draft.values_by_step[self.step_id] = values
        app.drafts.save(draft)
        if draft.application_id is None:
            self.advance()  # offline from the start: the server checks it on delivery
            return
        app.background(lambda: app.api.save_step(draft.application_id, self.step_id, values),
                       lambda _answer: self.advance(), self.refused)

    def refused(self, error: BaseException) -> None:
        app = self.app
        if isinstance(error, OfflineError):
            app.say_status(app.error_text(error))
            self.advance()
            return
        self.error = app.report_refusal(error, self.form)

    def advance(self) -> None:
        self.form.show_errors({})
        steps = self.app.context["service"].get("steps") or []
        if self.index + 1 < len(steps):
            self.app.go("flow_step", index=self.index + 1)
        else:
            self.app.go("review")

    def previous(self) -> None:
        if not self.back():
            self.app.go_back()

    def back(self) -> bool:
        if self.index > 0:
            self.app.go("flow_step", index=self.index - 1)
            return True
        return False
