"""A service page: what it is, fee, processing time, what is issued, what is needed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kivy.properties import StringProperty

from mobile.screens.base import XScreen


def text_of(value: Any, *keys: str) -> str:
    """A display text from a string, or from the first present key of a mapping."""
    if isinstance(value, Mapping):
        for key in keys:
            if value.get(key):
                return str(value[key])
        return ""
    return "" if value is None else str(value)


class ServiceScreen(XScreen):
    service_id = StringProperty("")
    service_title = StringProperty("")
    description = StringProperty("")
    facts = StringProperty("")
    requirements = StringProperty("")

    def prepare(self, **context: Any) -> None:
        service_id = str(context.get("service_id", self.service_id))
        if service_id != self.service_id:
            # Until the service comes: a title that names the screen, never "Loading…".
            self.service_id = ""
            self.service_title = self.app.tr._("Service")
            self.description = self.facts = self.requirements = ""
        self.load(lambda: self.app.api.service(service_id), self.show)

    def resume_context(self) -> dict[str, Any]:
        # The service asked for, not the one shown: that is empty until the service comes.
        return {"service_id": str(self.opened_with.get("service_id", self.service_id))}

    def show(self, service: Any) -> None:
        if not isinstance(service, Mapping):
            return
        tr = self.app.tr
        self.app.context["service"] = service
        self.service_title = text_of(service.get("title"))
        self.status_text = text_of(service.get("summary"))
        self.description = text_of(service.get("description"))
        lines = [
            tr._("Fee: %(fee)s", fee=text_of(service.get("fee"), "text", "formatted", "label")),
            tr._("Time: %(time)s", time=text_of(service.get("processing"), "text")
                 or text_of(service.get("processing_time"), "text")),
            tr._("You will get: %(result)s", result=text_of(service.get("result"))),
            tr._("Agency: %(agency)s", agency=text_of(service.get("agency"), "name", "title")),
        ]
        self.facts = "\n".join(lines)
        requirements = service.get("requirements") or []
        self.requirements = "\n".join(f"• {text_of(item, 'text')}" for item in requirements)
        self.service_id = str(service.get("id", ""))

    def apply(self) -> None:
        self.app.start_application(self.app.context["service"])
