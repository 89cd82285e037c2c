"""A screen whose data cannot be loaded says why, in text and speech, and offers "Try again"
with the focus on it; once the network is back, Enter on it loads the screen, announced as
on arrival (title, status, focus) - never a "Loading…" that stays forever.

The real app in a Kivy window under Xvfb, driven by keys, against the real server behind a
forwarder that loses the requests for the notifications and for one application until the
test lets them through.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from accessibility.announcements import describe, error_message, screen_shown
from accessibility.nodes import AccessibleNode, Role
from mobile.i18n import catalog
from mobile.screens.base import NOT_LOADED_OFFLINE
from tests.mobile.conftest import SERVICE_ID, RunningScenario, run_scenario, service_title
from tests.mobile.live_server import LiveServer
from tests.mobile.scenarios_retry import SLOW_ANSWER_SECONDS
from tests.mobile.slow_network import SlowNetwork

pytestmark = [pytest.mark.kivy, pytest.mark.slow, pytest.mark.usefixtures("needs_display")]
NOTIFICATIONS = r"^/api/v1/me/notifications(\?.*)?$"
#: One application (not the list, nor its steps or submission): what its screen loads.
ONE_APPLICATION = r"^/api/v1/applications/[^/?]+(\?.*)?$"


@pytest.fixture
def network(live_server: LiveServer) -> Iterator[SlowNetwork]:
    network = SlowNetwork(live_server.url)
    yield network
    network.close()


@pytest.fixture
def scenarios() -> Iterator[list[RunningScenario]]:
    """Scenarios a test starts; any still running when the test ends (it failed) is ended."""
    started: list[RunningScenario] = []
    yield started
    for scenario in started:
        if scenario.process.poll() is None:
            scenario.process.kill()
        scenario.process.communicate()


def assert_failed_with_try_again(found: dict[str, Any], screen: str, locale: str,
                                 title: str) -> None:
    """The reason shows where "Loading…" was, was said (assertively, in full), and the focus
    then moved to "Try again", which is said with its name and role."""
    words = catalog(locale)
    reason = words.gettext(NOT_LOADED_OFFLINE)
    try_again = describe(AccessibleNode(Role.BUTTON, name=words.gettext("Try again")), locale)
    error = error_message(reason, locale).text
    assert found["screen"] == screen and found["title"] == title, found
    assert found["summary"] == reason, found
    assert reason in found["shown"] and words.gettext("Loading…") not in found["shown"], found
    assert words.gettext("Try again") in found["shown"], found
    assert error in found["heard"], found
    assert found["priorities"][found["heard"].index(error)] == "assertive", found
    assert error not in found["cut_off"], found
    assert found["focused"] == try_again, found
    assert found["heard"][-1] == try_again, found  # the last word: what Enter will do


def assert_loaded_again(found: dict[str, Any], screen: str, locale: str, title: str) -> None:
    """Announced as on arrival: the title, the status, the focus, each once, politely; the
    reason and "Try again" are gone."""
    words = catalog(locale)
    assert found["screen"] == screen and found["title"] == title, found
    assert found["heard"] == [screen_shown(title, locale).text, found["summary"],
                              found["focused"]], found
    assert set(found["priorities"]) == {"polite"} and found["cut_off"] == [], found
    gone = (words.gettext("Try again"), words.gettext(NOT_LOADED_OFFLINE),
            words.gettext("Loading…"))
    assert not set(gone) & set(found["shown"]), found


@pytest.mark.parametrize(("locale", "serial"), [("ru", 111), ("uz_Latn", 112)])
def test_a_screen_that_cannot_load_says_why_and_loads_again_on_enter(
        live_server: LiveServer, network: SlowNetwork, scenarios: list[RunningScenario],
        locale: str, serial: int) -> None:
    login, password = live_server.register_citizen(serial, locale.replace("_", "-"))
    words = catalog(locale)
    network.drop(f"{NOTIFICATIONS}|{ONE_APPLICATION}")
    scenario = RunningScenario("load_retry", api_url=network.url, locale=locale, login=login,
                               password=password)
    scenarios.append(scenario)

    # Notifications: the network loses them.
    failed = scenario.next_report()
    assert failed["stage"] == "notifications failed", failed
    assert "GET /api/v1/me/notifications" in network.dropped, network.dropped
    assert_failed_with_try_again(failed, "notifications", locale, words.gettext("Notifications"))
    # The network is back for them: Enter, and the notification about the application shows.
    network.drop(ONE_APPLICATION)
    scenario.say("network back")
    again = scenario.next_report()
    assert again["stage"] == "notifications again", again
    assert_loaded_again(again, "notifications", locale, words.gettext("Notifications"))
    unread = words.ngettext("%(count)d unread notification", "%(count)d unread notifications",
                            1) % {"count": 1}
    assert again["summary"] == unread, again
    assert any(failed["number"] in text for text in again["shown"]), again

    # The application it tells about: lost too, under a title that names the screen.
    opened = scenario.next_report()
    assert opened["stage"] == "application failed", opened
    assert any(lost.startswith("GET /api/v1/applications/") for lost in network.dropped), \
        network.dropped
    assert_failed_with_try_again(opened, "application", locale, words.gettext("Application"))
    network.drop()
    scenario.say("network back")
    shown = scenario.next_report()
    assert shown["stage"] == "application again", shown
    applied = f"{service_title(live_server, locale)}, {failed['number']}"
    assert_loaded_again(shown, "application", locale, applied)
    status = words.gettext("Status: %(status)s").split("%")[0]
    assert shown["summary"].startswith(status), shown
    scenario.finish()


def test_a_screen_opened_again_shows_only_its_latest_answer(
        live_server: LiveServer, scenarios: list[RunningScenario]) -> None:
    """Left and opened again while its first answer was late: when both answers are in, the
    notification is listed once (the first answer is not added to the second)."""
    login, password = live_server.register_citizen(113, "ru")
    slow = SlowNetwork(live_server.url, slow=NOTIFICATIONS, delay=SLOW_ANSWER_SECONDS)
    try:
        scenario = RunningScenario("load_superseded", api_url=slow.url, locale="ru",
                                   login=login, password=password)
        scenarios.append(scenario)
        found = scenario.next_report()
        scenario.finish()
    finally:
        slow.close()
    assert len([held for held in slow.held if "notifications" in held]) == 2, slow.held
    assert len(found["listed"]) == 1 and not found["loading"], found
    words = catalog("ru")
    assert found["summary"] == words.ngettext(
        "%(count)d unread notification", "%(count)d unread notifications", 1) % {"count": 1}


def test_a_service_that_did_not_load_is_where_the_app_returns_after_a_new_sign_in(
        live_server: LiveServer, network: SlowNetwork) -> None:
    """The sign-in runs out on a service page whose data never came: the place kept for the
    return is that service (not an empty id, which would open "no such service")."""
    login, password = live_server.register_citizen(114, "uz-Latn")
    network.drop(r"^/api/v1/services/")
    [found] = run_scenario("session_ends_on_a_failed_screen", api_url=network.url,
                           locale="uz_Latn", login=login, password=password,
                           service_id=SERVICE_ID)
    assert found["failed_with"] == catalog("uz_Latn").gettext(NOT_LOADED_OFFLINE), found
    assert found["resume"] == ["service", {"service_id": SERVICE_ID}], found


@pytest.mark.parametrize(("locale", "serial"), [("ru", 115), ("uz_Cyrl", 116)])
def test_a_refusal_that_comes_before_the_screen_is_said_is_heard_once(
        live_server: LiveServer, locale: str, serial: int) -> None:
    """The server refuses at once (no such application): title, why, then "Try again" with
    the focus, each said once (the reason is not said as an error and again as the summary)."""
    login, password = live_server.register_citizen(serial, locale.replace("_", "-"))
    [found] = run_scenario("refused_at_once", api_url=live_server.url, locale=locale,
                           login=login, password=password)
    words = catalog(locale)
    title = words.gettext("Application")
    reason = found["summary"]
    try_again = describe(AccessibleNode(Role.BUTTON, name=words.gettext("Try again")), locale)
    assert reason and reason != words.gettext("Loading…") and reason in found["shown"], found
    assert found["heard"] == [screen_shown(title, locale).text, reason, try_again], found
    assert found["focused"] == try_again, found
