"""A screen whose data cannot come: what a citizen sees, hears and can do about it, then the
same screen once the network is back (Kivy under Xvfb, keys and speech only).

The test owns the network in front of the real server (tests/mobile/slow_network.py): it
loses the requests for the notifications and for one application, and says on this
scenario's stdin when they go through again.  The scenario only presses keys and listens;
what the screen shows is read from its accessible tree, as it is laid out.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mobile.api.session import REFRESH_IDLE_SECONDS
from tests.mobile.harness import Driver
from tests.mobile.scenarios_announcements import LISTEN_AFTER_LOADED
from tests.mobile.scenarios_journey import report, words
from tests.mobile.screen_tour import submit_through

#: How late the forwarder answers in :func:`load_superseded` (tests/mobile/test_kivy_retry.py).
SLOW_ANSWER_SECONDS = 2.5


def shown_texts(driver: Driver) -> list[str]:
    """Every text the current screen shows (hidden widgets are not in the tree)."""
    # Imported here: it opens Kivy's window, which the Driver must configure first.
    from mobile.a11y.export import export_screen

    app = driver.app
    tree = export_screen(app.sm.current_screen, app.theme, app.locale, None)
    return [node.text or node.name for _path, node in tree.root.walk() if node.text or node.name]


def attempt(driver: Driver, press: Callable[[], None], screen: str) -> dict[str, Any]:
    """``press`` opens (or opens again) ``screen``: what was said from then until its data came
    or failed to, and a while longer; what it then shows and focuses."""
    app = driver.app
    mark = driver.mark()
    press()
    driver.until(lambda: app.sm.current == screen and not app.sm.current_screen.loading,
                 what=f"the {screen} screen, loaded or failed", timeout=30)
    driver.pump(LISTEN_AFTER_LOADED)
    driver.settle()
    said = driver.backend.utterances[mark:]
    focused = app.focus_manager.focused
    return {
        "screen": app.sm.current,
        "heard": [u.text for u in said],
        "priorities": [u.priority.value for u in said],
        "cut_off": [u.text for u in said if u.interrupted],
        "title": app.sm.current_screen.title,
        "summary": app.sm.current_screen.summary,
        "shown": shown_texts(driver),
        "focused": app.voice.describe(focused, app.locale) if focused is not None else "",
    }


def network_back() -> None:
    assert sys.stdin.readline().strip() == "network back"


def at_home(api_url: str, locale: str, login: str, password: str, submitted: str = ""
            ) -> tuple[Driver, str]:
    """The app signed in, speaking ``locale``, on its home screen; with ``submitted``, one
    application submitted first (its number is returned; "" without)."""
    driver = Driver(api_url, Path(tempfile.mkdtemp(prefix="xizmat-retry-")))
    app = driver.app
    app.apply_preferences({"locale": locale, "speech": True}, save=False)
    app.api.sign_in(login, password)
    number = str(submit_through(app.api, submitted)["number"]) if submitted else ""
    app.go("home", remember=False)
    driver.settle()
    return driver, number


def load_retry(api_url: str, locale: str, login: str, password: str) -> None:
    """Open the notifications, then the application they tell about, each while its data is
    lost; report each failure; when the test says the network is back, press Enter (on
    whatever has the focus) and report what came."""
    driver, number = at_home(api_url, locale, login, password, submitted="retry")
    driver.tab_until(lambda said: said.startswith(words(locale, "Notifications")))

    def enter() -> None:
        driver.key("enter")

    report(stage="notifications failed", number=number,
           **attempt(driver, enter, "notifications"))
    network_back()
    report(stage="notifications again", **attempt(driver, enter, "notifications"))

    # The notification about the application opens it.
    if number not in driver.heard()[-1]:
        driver.tab_until(lambda said: number in said)
    report(stage="application failed", **attempt(driver, enter, "application"))
    network_back()
    report(stage="application again", **attempt(driver, enter, "application"))
    driver.stop()


def load_superseded(api_url: str, locale: str, login: str, password: str) -> None:
    """Open the notifications, whose answer is late, go home and open them again before it
    comes (moves made at once, as a quick hand would); report what the screen lists once
    both answers are in."""
    # One application submitted: one notification.
    driver, _number = at_home(api_url, locale, login, password, submitted="superseded")
    app = driver.app
    app.go("notifications")
    driver.pump(0.2)
    app.go("home", remember=False)
    driver.pump(0.2)
    app.go("notifications")
    screen = app.sm.get_screen("notifications")
    # The app asks one thing at a time: the first answer, home's offers, then the second.
    driver.pump(2 * SLOW_ANSWER_SECONDS + 2.0)
    driver.settle()
    report(stage="loaded twice", listed=[item.text for item in screen.ids.entries.children],
           summary=screen.summary, loading=screen.loading)
    driver.stop()


def session_ends_on_a_failed_screen(api_url: str, locale: str, login: str, password: str,
                                    service_id: str) -> None:
    """A service that could not load (offline), then the sign-in runs out: where does the app
    offer to return after the new sign-in?"""
    driver, _number = at_home(api_url, locale, login, password)
    app = driver.app
    app.go("service", service_id=service_id)
    screen = app.sm.get_screen("service")
    driver.until(lambda: not screen.loading, what="the service, failed", timeout=30)
    failed_with = screen.status_text
    app.api.tokens.refreshed_at = time.time() - REFRESH_IDLE_SECONDS - 1  # the phone slept
    driver.until(lambda: app.sm.current == "sign_in", what="the sign-in screen", timeout=10)
    driver.settle()
    resume = app.session.resume
    report(stage="signed out", failed_with=failed_with,
           resume=list(resume) if resume is not None else None)
    driver.stop()


def refused_at_once(api_url: str, locale: str, login: str, password: str) -> None:
    """Open an application the server does not know: the refusal comes before the screen
    is announced.  Report what was said and shown."""
    driver, _number = at_home(api_url, locale, login, password)
    app = driver.app
    report(stage="refused", **attempt(
        driver, lambda: app.go("application", application_id="0" * 32), "application"))
    driver.stop()
