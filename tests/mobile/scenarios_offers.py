"""Offers, the data-access log and the session's end, by ear and keys (registries running).

Every key is chosen from what the app said: the listener knows the language (the words come
from the catalogs the app speaks from) and the labels of the questions as the server names
them in that language.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from mobile.api.session import REFRESH_IDLE_SECONDS
from tests.mobile.harness import Driver
from tests.mobile.scenarios_journey import (
    NUMBER,
    choose_language,
    enter_credentials,
    report,
    sign_in,
    words,
    words_accessibility,
)


def plural(locale: str, singular: str, plural_text: str, count: int) -> str:
    from mobile.i18n import catalog

    return catalog(locale).ngettext(singular, plural_text, count) % {"count": count}


def accessibility_plural(locale: str, singular: str, plural_text: str, count: int) -> str:
    from locales.catalogs import translations

    text = translations(locale, ("accessibility",)).ngettext(singular, plural_text, count)
    return str(text % {"count": count})


def open_offer(driver: Driver, locale: str, login: str, password: str, service_title: str,
               questions: int) -> list[str]:
    """From the start: choose the language, sign in, hear that an offer waits, open the
    offers and then the offer (which leaves ``questions`` to answer); what it said."""
    choose_language(driver, locale)
    sign_in(driver, locale, login, password)
    waiting = plural(locale, "%(count)d offer waits for your answer",
                     "%(count)d offers wait for your answer", 1)
    driver.until(lambda: any(waiting in said for said in driver.heard()), what="the offer",
                 timeout=20)
    driver.tab_until(lambda said: said.startswith(words(locale, "Offers for you")),
                     shift=True)
    driver.key("enter")
    driver.until(lambda: driver.heard()[-1].startswith(service_title), what="the offer item",
                 timeout=20)
    mark = driver.mark()
    driver.key("enter")
    left = plural(locale, "%(count)d question is left for you.",
                  "%(count)d questions are left for you.", questions)
    driver.until(lambda: any(left in said for said in driver.heard()[mark:]),
                 what="the offer's summary", timeout=20)
    driver.settle()
    return driver.heard()[mark:]


def answer_offer(driver: Driver, answers: dict[str, str], consent: str) -> None:
    """Type each answer into the field its label names, and tick the consent."""
    for label, text in answers.items():
        driver.tab_until(lambda said, label=label: said.startswith(label))
        driver.type(text)
    driver.tab_until(lambda said: said.startswith(consent))
    driver.key("spacebar")


def offer_journey(api_url: str, locale: str, login: str, password: str, service_title: str,
                  answers: dict[str, str], consent: str, offer_message: str) -> None:
    """Sign in, hear the offer, open it, answer what is missing, accept, hear the number;
    then read the data-access log row by row with the arrow keys, and open the offer again
    from the notification that announced it."""
    driver = Driver(api_url, Path(tempfile.mkdtemp(prefix="xizmat-offer-")))
    found: dict[str, Any] = {"offer_heard": open_offer(driver, locale, login, password,
                                                       service_title, len(answers) + 1)}
    answer_offer(driver, answers, consent)
    driver.tab_until(lambda said: said.startswith(words(locale, "Accept and apply")))
    mark = driver.mark()
    driver.key("enter")
    found["number"] = driver.until(
        lambda: next((m.group(0) for said in driver.heard()[mark:]
                      if (m := NUMBER.search(said))), None),
        what="the confirmation with the application number", timeout=30)
    found["confirmation"] = driver.heard_since(mark)
    read_data_access_log(driver, locale, found)
    open_from_notification(driver, locale, offer_message, found)
    report(**found)
    driver.stop()


def go_home(driver: Driver, locale: str) -> None:
    """Back to the home screen by its button, found by ear (Shift+Tab)."""
    driver.tab_until(lambda said: said.startswith(words(locale, "Home")),
                     shift=True)
    driver.key("enter")
    driver.until(lambda: any(words(locale, "Public services") in said
                             for said in driver.heard()[-6:]), what="home", timeout=20)


def read_data_access_log(driver: Driver, locale: str, found: dict[str, Any]) -> None:
    go_home(driver, locale)
    driver.tab_until(lambda said: said.startswith(words(locale, "Who looked at my data")),
                     shift=True)
    mark = driver.mark()
    driver.key("enter")
    row = words_accessibility(locale, "list item")
    driver.until(lambda: any(row in said for said in driver.heard()[mark:]),
                 what="the first record", timeout=20)
    rows = [said for said in driver.heard_since(mark) if row in said][-1:]
    for _ in range(2):
        mark = driver.mark()
        driver.key("down")
        rows += [said for said in driver.heard_since(mark) if row in said]
    found["log_rows"] = rows


def open_from_notification(driver: Driver, locale: str, message: str,
                           found: dict[str, Any]) -> None:
    go_home(driver, locale)
    driver.tab_until(lambda said: said.startswith(words(locale, "Notifications")),
                     shift=True)
    driver.key("enter")
    driver.tab_until(lambda said: said.startswith(message))
    mark = driver.mark()
    driver.key("enter")
    accepted = words(locale, "You accepted this offer.")
    driver.until(lambda: any(accepted in said for said in driver.heard()[mark:]),
                 what="the offer, accepted", timeout=20)
    found["from_notification"] = driver.heard_since(mark)


def session_end(api_url: str, locale: str, login: str, password: str, service_id: str,
                phone_label: str) -> None:
    """Warned in time, extended with one key; then the end comes: the typed text survives
    it and the citizen returns to it after signing in again."""
    driver = Driver(api_url, Path(tempfile.mkdtemp(prefix="xizmat-session-")))
    app = driver.app
    app.apply_preferences({"locale": locale, "speech": True}, save=False)
    app.api.sign_in(login, password)
    app.start_application(app.api.service(service_id))
    driver.until(lambda: app.sm.current == "flow_step", what="the flow step", timeout=20)
    driver.settle()
    driver.tab_until(lambda said: said.startswith(phone_label))
    driver.type("+998901112233")
    tokens = app.api.tokens
    found: dict[str, Any] = {}
    mark = driver.mark()  # before the clock moves: the watch may speak at its next tick
    # Six days, twenty-three hours and 57.5 minutes without use: 150 s are left.
    tokens.refreshed_at = time.time() - REFRESH_IDLE_SECONDS + 150
    expiring = accessibility_plural(
        locale, "Your session ends in %(count)d minute. Press Enter to stay signed in.",
        "Your session ends in %(count)d minutes. Press Enter to stay signed in.", 3)
    driver.until(lambda: any(expiring in said for said in driver.heard()[mark:]),
                 what="the warning", timeout=10)
    driver.settle()
    warning = [u for u in driver.backend.utterances[mark:] if expiring in u.text]
    found["warning"] = [(u.text, u.priority.value) for u in warning]
    found["warning_screen"] = app.sm.current
    found["focused"] = app.focus_manager.focused.a11y_id
    mark = driver.mark()
    driver.key("enter")
    driver.until(lambda: app.sm.current == "flow_step", what="back to the step", timeout=15)
    found["extended_heard"] = driver.heard_since(mark)
    found["seconds_left_after"] = app.session.seconds_left()
    found["phone_after_extend"] = field_text(driver, "phone")
    # Now the time runs out (the phone slept through the warning).
    mark = driver.mark()
    tokens.refreshed_at = time.time() - REFRESH_IDLE_SECONDS - 1
    driver.until(lambda: app.sm.current == "sign_in", what="the sign-in screen", timeout=10)
    driver.settle()
    found["ended_heard"] = [(u.text, u.priority.value) for u in driver.backend.utterances[mark:]]
    found["signed_in_after_end"] = app.api.signed_in
    enter_credentials(driver, locale, login, password)
    driver.key("enter")
    driver.until(lambda: app.sm.current == "flow_step", what="back at the step", timeout=20)
    driver.settle()
    found["phone_after_sign_in"] = field_text(driver, "phone")
    report(**found)
    driver.stop()


def field_text(driver: Driver, a11y_id: str) -> str:
    screen = driver.app.sm.current_screen
    return str(next(w.text for w in screen.walk() if getattr(w, "a11y_id", "") == a11y_id))
