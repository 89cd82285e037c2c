"""Visit every screen of the app with real data, for the audit and the screenshots.

Signs in through the app's own API client, makes one submitted application (so that the
applications, application and notifications screens have something to show) and then
yields each screen, filled as a citizen would see it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tests.mobile.harness import Driver

SERVICE_ID = "no-criminal-record-certificate"
SCREEN_NAMES = ("language", "reading_mode", "sign_in", "register", "home", "service",
                "flow_step", "review", "submitted", "applications", "application",
                "notifications", "settings")


def sign_in_and_apply(driver: Driver, login: str, password: str) -> dict[str, Any]:
    api = driver.app.api
    api.sign_in(login, password)
    service = api.service(SERVICE_ID)
    made = api.create_application(SERVICE_ID)
    first, second = (step["id"] for step in service["steps"])
    api.save_step(made["id"], first, {"purpose": "travel", "phone": "+998901234567"})
    api.save_step(made["id"], second, {"consent": True})
    return dict(api.submit(made["id"], f"tour-{made['id']}"))


def show(driver: Driver, name: str, application: dict[str, Any]) -> None:
    """Open ``name`` with its data and wait until it has arrived."""
    app = driver.app
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
    elif name in ("applications", "notifications"):
        app.go(name)
        loading = app.tr._("Loading…")
        driver.until(lambda: app.sm.current_screen.count_text != loading, what=name)
    else:
        app.go(name)
    driver.settle()


def tour(driver: Driver, application: dict[str, Any],
         names: tuple[str, ...] = SCREEN_NAMES) -> Iterator[str]:
    for name in names:
        show(driver, name, application)
        yield name
