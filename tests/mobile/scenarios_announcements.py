"""What a blind citizen hears as each screen opens: where they are, then its status, then the
focused element, once (registries running, Kivy under Xvfb, keys and speech only).

Each arrival is listened to from the moment the screen changed (``ScreenManager.current``) until
the screen has loaded and a while longer, so that a late repeat would be heard too.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mobile.api import OfflineError, XizmatApi
from tests.mobile.harness import Driver
from tests.mobile.scenarios_journey import choose_language, enter_credentials, report, words
from tests.mobile.screen_tour import submit_through

#: Listened on after a screen has loaded: longer than the app's wait for a screen's data, so
#: that a second announcement of the screen, if any, falls inside.
LISTEN_AFTER_LOADED = 1.5


def submit_application(api_url: str, login: str, password: str) -> str:
    """A submitted application of the citizen (through the client's API, not the screens):
    its number, as the applications list names it."""
    api = XizmatApi(api_url, Path(tempfile.mkdtemp(prefix="xizmat-setup-")))
    try:
        api.sign_in(login, password)
        return str(submit_through(api, "announcements")["number"])
    finally:
        api.close()


def arrival(driver: Driver, press: Callable[[], None], screen: str,
            loaded: Callable[[Any], Any]) -> dict[str, Any]:
    """``press`` opens ``screen``: what was said from the screen change on, and what the screen
    shows and focuses once it has loaded."""
    app = driver.app
    driver.settle()
    changed: list[float] = []

    def note(_manager: Any, _name: str) -> None:
        changed.append(time.monotonic())

    app.sm.bind(current=note)
    press()
    driver.until(lambda: app.sm.current == screen and loaded(app.sm.current_screen),
                 what=f"the {screen} screen, loaded", timeout=20)
    driver.pump(LISTEN_AFTER_LOADED)
    driver.settle()
    app.sm.unbind(current=note)
    shown = app.sm.current_screen
    focused = app.focus_manager.focused
    said = [u for u in driver.backend.utterances if changed and u.requested_at >= changed[0]]
    return {
        "screen": app.sm.current,
        "changes": len(changed),
        "heard": [u.text for u in said],
        "priorities": [u.priority.value for u in said],
        "cut_off": [u.text for u in said if u.interrupted],
        # Seconds from the screen change to the first word (for a failure's message).
        "first_after": said[0].requested_at - changed[0] if said else None,
        "title": shown.title,
        "summary": shown.summary,
        "focused": app.voice.describe(focused, app.locale) if focused is not None else "",
    }


def key(driver: Driver, name: str) -> Callable[[], None]:
    return lambda: driver.key(name)


def screen_announcements(api_url: str, locale: str, login: str, password: str) -> None:
    """Sign in, open the offers, one offer, back home, my applications and one application,
    each by keys chosen from what was said; report what each arrival said."""
    number = submit_application(api_url, login, password)
    driver = Driver(api_url, Path(tempfile.mkdtemp(prefix="xizmat-announce-")))
    loading = words(locale, "Loading…")
    found: dict[str, Any] = {"number": number}
    choose_language(driver, locale)
    driver.until(lambda: driver.app.sm.current == "sign_in", what="the sign-in screen")
    driver.settle()
    enter_credentials(driver, locale, login, password)
    found["home"] = arrival(driver, key(driver, "enter"), "home",
                            lambda screen: screen.offers_text)
    driver.tab_until(lambda said: said.startswith(words(locale, "Offers for you")), shift=True)
    found["offers"] = arrival(driver, key(driver, "enter"), "offers",
                              lambda screen: screen.status_text != loading)
    # The list focused its newest offer: Enter opens it.
    found["offer"] = arrival(driver, key(driver, "enter"), "offer",
                             lambda screen: screen.reason)
    found["offers_again"] = arrival(driver, key(driver, "escape"), "offers",
                                    lambda screen: True)
    driver.key("escape")
    driver.until(lambda: driver.app.sm.current == "home", what="home again")
    driver.tab_until(lambda said: said.startswith(words(locale, "My applications")))
    found["applications"] = arrival(driver, key(driver, "enter"), "applications",
                                    lambda screen: screen.status_text != loading)
    driver.tab_until(lambda said: number in said)
    found["application"] = arrival(driver, key(driver, "enter"), "application",
                                   lambda screen: screen.timeline)
    report(**found)
    driver.stop()


def slow_offer(api_url: str, locale: str, login: str, password: str) -> None:
    """Open an offer whose data comes late (the test's network holds it back), twice: once as
    is, once with a failure reported while the title waits for the data."""
    driver = Driver(api_url, Path(tempfile.mkdtemp(prefix="xizmat-slow-")))
    app = driver.app
    app.apply_preferences({"locale": locale, "speech": True}, save=False)
    app.api.sign_in(login, password)
    loading = words(locale, "Loading…")
    app.go("offers")
    driver.until(lambda: app.sm.current == "offers"
                 and app.sm.current_screen.status_text != loading, what="the offers list",
                 timeout=20)
    found: dict[str, Any] = {"slow": arrival(driver, key(driver, "enter"), "offer",
                                             lambda screen: screen.reason)}
    driver.key("escape")
    driver.until(lambda: app.sm.current == "offers", what="the offers list again")
    driver.settle()
    driver.tab_until(lambda said: said.startswith(found["slow"]["title"]))

    def fail_while_waiting() -> None:
        driver.key("enter")
        # What any failed call of a screen ends in (the connection dropped, say).
        app.report_failure(OfflineError())

    found["failed"] = arrival(driver, fail_while_waiting, "offer",
                              lambda screen: screen.reason)
    report(**found)
    driver.stop()
