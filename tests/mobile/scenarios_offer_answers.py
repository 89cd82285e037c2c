"""An offer declined, and an offer whose answers the server refuses, by ear and keys.

As in :mod:`tests.mobile.scenarios_offers`, every key is chosen from what the app said.
What was said is reported with its priority and whether something cut it off.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from tests.mobile.harness import Driver
from tests.mobile.scenarios_journey import report, words
from tests.mobile.scenarios_offers import (
    accessibility_plural,
    answer_offer,
    open_offer,
    plural,
)


def spoken_since(driver: Driver, mark: int) -> list[tuple[str, str, bool]]:
    """(text, priority, cut off) of each utterance since ``mark``."""
    driver.settle()
    return [(u.text, u.priority.value, u.interrupted)
            for u in driver.backend.utterances[mark:]]


def offer_declined(api_url: str, locale: str, login: str, password: str, service_title: str,
                   questions: int) -> None:
    """Open the offer by ear, Tab to Decline, press Enter; then listen to the offers list as
    it comes back, and read its entry again (Tab away and back)."""
    driver = Driver(api_url, Path(tempfile.mkdtemp(prefix="xizmat-decline-")))
    open_offer(driver, locale, login, password, service_title, questions)
    driver.tab_until(lambda said: said.startswith(words(locale, "Decline")))
    mark = driver.mark()
    driver.key("enter")
    none_wait = plural(locale, "%(count)d offer waits for your answer",
                       "%(count)d offers wait for your answer", 0)
    driver.until(lambda: any(none_wait in said for said in driver.heard()[mark:]),
                 what="the offers list, with none waiting", timeout=20)
    heard = spoken_since(driver, mark)
    items = []
    for modifiers in ((), ("shift",)):
        step = driver.mark()
        driver.key("tab", modifiers)
        items += driver.heard_since(step)
    report(after_decline=heard, screen=driver.app.sm.current, items=items)
    driver.stop()


def offer_refused(api_url: str, locale: str, login: str, password: str, service_title: str,
                  answers: dict[str, str], consent: str) -> None:
    """Open the offer by ear, answer (the test gives an answer the server refuses), accept;
    report what was said and shown, and whether the offer and the answers are still there."""
    driver = Driver(api_url, Path(tempfile.mkdtemp(prefix="xizmat-refused-")))
    open_offer(driver, locale, login, password, service_title, len(answers) + 1)
    answer_offer(driver, answers, consent)
    accept = words(locale, "Accept and apply")
    driver.tab_until(lambda said: said.startswith(accept))
    mark = driver.mark()
    driver.key("enter")
    attention = accessibility_plural(locale, "%(count)d field needs attention",
                                     "%(count)d fields need attention", 1)
    driver.until(lambda: any(attention in said for said in driver.heard()[mark:]),
                 what="the refusal", timeout=20)
    found: dict[str, Any] = {"refusal": spoken_since(driver, mark)}
    app = driver.app
    screen = app.sm.current_screen
    found.update(
        screen=app.sm.current,
        focused=app.focus_manager.focused.a11y_id,
        field_errors={view.name: view.block.error for view in screen.form.fields},
        screen_error=screen.error,
        kept=screen.form.values(),
    )
    # The offer is still there to answer: Accept is reachable again by keys.
    found["accept_again"] = driver.tab_until(lambda said: said.startswith(accept))
    report(**found)
    driver.stop()
