"""Visit every screen of the app with real data, for the audit and the screenshots.

Signs in through the app's own API client, makes one submitted application (so that the
applications, application and notifications screens have something to show) and then
yields each screen, filled as a citizen would see it.  The server runs with the registry
simulator, and the citizen has a pending offer (after a recorded birth), so the offers, the
offer and the data-access log show real content.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from mobile.api import XizmatApi
from tests.mobile.harness import Driver

SERVICE_ID = "no-criminal-record-certificate"
SCREEN_NAMES = ("language", "reading_mode", "sign_in", "register", "home", "service",
                "flow_step", "review", "submitted", "applications", "application",
                "notifications", "settings", "offers", "offer", "data_access", "session")
#: Seconds the session screen shows as left (the warning comes 180 s before the end).
SESSION_LEFT = 150


def sign_in_and_apply(driver: Driver, login: str, password: str) -> dict[str, Any]:
    api = driver.app.api
    api.sign_in(login, password)
    return submit_through(api, "tour")


def submit_through(api: XizmatApi, key_prefix: str) -> dict[str, Any]:
    """A submitted application of the signed-in citizen, made through the client's API (not
    the screens): the server's answer to the submission."""
    service = api.service(SERVICE_ID)
    made = api.create_application(SERVICE_ID)
    first, second = (step["id"] for step in service["steps"])
    api.save_step(made["id"], first, {"purpose": "travel", "phone": "+998901234567"})
    api.save_step(made["id"], second, {"consent": True})
    return dict(api.submit(made["id"], f"{key_prefix}-{made['id']}"))


def show(driver: Driver, name: str, application: dict[str, Any]) -> None:
    """Open ``name`` with its data and wait until it has arrived."""
    app = driver.app
    app.session.clock = time.time  # the session screen's pretend clock, put back
    loading = app.tr._("Loading…")
    if name == "flow_step":
        app.start_application(app.api.service(SERVICE_ID))
        driver.until(lambda: app.sm.current == "flow_step", what="the flow step")
    elif name == "review":
        app.go("review")
    elif name == "service":
        app.go("service", service_id=SERVICE_ID)
        driver.until(lambda: app.sm.current_screen.service_id == SERVICE_ID, what="service")
    elif name == "home":
        app.go("home")
        screen = app.sm.current_screen
        driver.until(lambda: screen.ids.categories.children, what="categories")
        screen.ids.query.text = "pasport"
        screen.search()
        driver.until(lambda: screen.ids.results.children, what="search results")
    elif name == "submitted":
        app.go("submitted", number=str(application.get("number")))
    elif name == "application":
        app.go("application", application_id=str(application["id"]))
        driver.until(lambda: app.sm.current_screen.timeline, what="the timeline")
    elif name in ("applications", "notifications", "offers", "data_access"):
        app.go(name)
        driver.until(lambda: app.sm.current_screen.status_text != loading, what=name)
    elif name == "offer":
        pending = [o for o in app.api.offers()["items"] if o["status"] == "pending"]
        app.go("offer", offer_id=pending[0]["id"])
        driver.until(lambda: not app.sm.current_screen.loading, what="the offer")
    elif name == "session":
        # As the citizen meets it: a few minutes before the end (the watch opens it).
        ends = app.api.tokens.session_ends_at()
        app.session.clock = lambda: ends - SESSION_LEFT
        driver.until(lambda: app.sm.current == "session", what="the session warning")
    else:
        app.go(name)
    driver.settle()


def tour(driver: Driver, application: dict[str, Any],
         names: tuple[str, ...] = SCREEN_NAMES) -> Iterator[str]:
    for name in names:
        show(driver, name, application)
        yield name
