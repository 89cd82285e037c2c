"""A new screen is heard in a screen reader's order: its title first, then its status, then the
focused element, each once, however fast its data arrives (against a local server it comes
within tens of milliseconds, before the title would have been said) or however slowly.

Real screens against the real server with the registry simulator (offers after a birth),
driven by keys in a Kivy window under Xvfb; what was said comes from the recording backend.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from accessibility.announcements import error_message, screen_shown
from mobile.api import OfflineError
from mobile.i18n import catalog
from tests.mobile.conftest import run_scenario
from tests.mobile.registry_simulator import RegistryServer
from tests.mobile.screen_tour import SERVICE_ID  # the service the scenario applies to
from tests.mobile.slow_network import SlowNetwork

pytestmark = [pytest.mark.kivy, pytest.mark.slow, pytest.mark.usefixtures("needs_display")]
OFFERED_SERVICE = "child-benefit"
#: One offer (not the list of them, nor its answers): what the offer screen loads first.
ONE_OFFER = r"^/api/v1/me/offers/[^/?]+(\?.*)?$"
#: Well past the app's wait for a screen's data (mobile.app.DATA_WAIT, one second).
LATE = 2.5


def service_title(server: RegistryServer, service_id: str, locale: str) -> str:
    answer = requests.get(f"{server.url}/api/v1/services/{service_id}", timeout=30,
                          headers={"Accept-Language": locale.replace("_", "-")})
    answer.raise_for_status()
    return str(answer.json()["title"])


def assert_heard_in_order(arrived: dict[str, Any], locale: str, title: str,
                          *statuses: str) -> None:
    """Exactly: the screen's title, its summary, the statuses it gave, the focused element;
    politely, nothing cut off, nothing twice."""
    heard = arrived["heard"]
    assert arrived["changes"] == 1, arrived
    assert arrived["title"] == title, arrived
    summary = [arrived["summary"]] if arrived["summary"] else []
    later = [status for status in statuses if status not in summary]
    assert heard == [screen_shown(title, locale).text, *summary, *later, arrived["focused"]], \
        arrived
    assert len(set(heard)) == len(heard), heard
    assert set(arrived["priorities"]) == {"polite"} and arrived["cut_off"] == [], arrived


@pytest.mark.parametrize("locale", ["uz_Latn", "ru"])
def test_each_screen_says_its_title_then_status_then_focus_once(
        registry_server: RegistryServer, locale: str) -> None:
    login, password = registry_server.register_parent(locale.replace("_", "-"))
    assert "offered: 1" in registry_server.offer_after_birth(login)
    words = catalog(locale)
    offered = service_title(registry_server, OFFERED_SERVICE, locale)
    applied = service_title(registry_server, SERVICE_ID, locale)
    [found] = run_scenario("screen_announcements", api_url=registry_server.url, locale=locale,
                           login=login, password=password)
    waiting = words.ngettext("%(count)d offer waits for your answer",
                             "%(count)d offers wait for your answer", 1) % {"count": 1}

    # Home after sign-in: where I am, what it is for, that an offer waits, the search field.
    home = found["home"]
    assert_heard_in_order(home, locale, words.gettext("Public services"), waiting)
    assert home["focused"].startswith(words.gettext("Search services")), home
    # The offers list: its count (the summary), then the newest offer, focused.
    offers = found["offers"]
    assert_heard_in_order(offers, locale, words.gettext("Offers for you"), waiting)
    assert offers["summary"] == waiting and offers["focused"].startswith(offered), offers
    # One offer: named by its service (never "Loading…"), why and what is left, then focus.
    offer = found["offer"]
    assert_heard_in_order(offer, locale, offered)
    assert words.gettext("Loading…") not in offer["summary"], offer
    # Back to the list: the same order, nothing repeated.
    assert_heard_in_order(found["offers_again"], locale, words.gettext("Offers for you"))
    # My applications, then one application: its service and number, then its status.
    counted = words.ngettext("%(count)d application", "%(count)d applications", 1) % {"count": 1}
    assert_heard_in_order(found["applications"], locale, words.gettext("My applications"),
                          counted)
    application = found["application"]
    assert_heard_in_order(application, locale, f"{applied}, {found['number']}")
    status = words.gettext("Status: %(status)s").split("%")[0]
    assert application["summary"].startswith(status), application


@pytest.fixture
def slow_network(registry_server: RegistryServer) -> Iterator[SlowNetwork]:
    network = SlowNetwork(registry_server.url, ONE_OFFER, LATE)
    yield network
    network.close()


def test_an_offer_that_comes_late_is_announced_once_then_completed(
        registry_server: RegistryServer, slow_network: SlowNetwork) -> None:
    locale = "ru"
    login, password = registry_server.register_parent("ru")
    registry_server.offer_after_birth(login)
    words = catalog(locale)
    offered = service_title(registry_server, OFFERED_SERVICE, locale)
    [found] = run_scenario("slow_offer", api_url=slow_network.url, locale=locale, login=login,
                           password=password)
    assert len(slow_network.held) == 2, slow_network.held  # each opening waited for it
    # Where I am at once (a title that names the screen, never "Loading…"), that it loads, the
    # focus; then, as the offer comes, its own title and summary: no second screen, no repeat.
    slow = found["slow"]
    assert slow["title"] == offered, slow
    assert slow["focused"].startswith(words.gettext("Back")), slow
    assert slow["heard"] == [screen_shown(words.gettext("Offer"), locale).text,
                             words.gettext("Loading…"), slow["focused"], offered,
                             slow["summary"]], slow
    assert set(slow["priorities"]) == {"polite"} and slow["cut_off"] == [], slow
    # An error while the title waits is not held back: said at once, assertively, in full;
    # then the screen as before.
    failed = found["failed"]
    error = error_message(words.gettext(OfflineError.message_id), locale)
    assert failed["heard"] == [error.text, *slow["heard"]], failed
    assert failed["priorities"] == ["assertive", *slow["priorities"]], failed
    assert failed["cut_off"] == [], failed
