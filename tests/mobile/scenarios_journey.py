"""Journeys by ear: a citizen who hears the app and answers with keys.

The journey decides every key from what it heard: it listens for words in the chosen
language, taken from the same catalogs the app speaks from (a listener knows the language),
and for the service's title as the server names it in that language.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from locales import NATIVE_NAMES
from mobile.i18n import catalog
from tests.mobile.harness import Driver

NUMBER = re.compile(r"XZ-\d{4}-\d+")


def report(**values: Any) -> None:
    print("SCENARIO " + json.dumps(values, ensure_ascii=False), flush=True)


def words(locale: str, message: str) -> str:
    return catalog(locale).gettext(message)


def choose_language(driver: Driver, locale: str) -> None:
    wanted = NATIVE_NAMES[locale]
    driver.settle()
    if not driver.heard() or not driver.heard()[-1].startswith(wanted):
        driver.tab_until(lambda said: said.startswith(wanted))
    driver.key("enter")
    driver.until(lambda: any(words(locale, "How do you want to read?") in said
                             for said in driver.heard()), what="reading mode screen")
    driver.tab_until(lambda said: said.startswith(words(locale, "Speech on")))
    driver.key("enter")


def sign_in(driver: Driver, locale: str, login: str, password: str) -> None:
    driver.until(lambda: any(said.startswith(words(locale, "Sign in")) for said in driver.heard()),
                 what="sign-in screen")
    driver.settle()
    enter_credentials(driver, locale, login, password)
    driver.key("enter")
    driver.until(lambda: any(words(locale, "Public services") in said
                             for said in driver.heard()), what="home screen", timeout=20)


def enter_credentials(driver: Driver, locale: str, login: str, password: str) -> None:
    """On the sign-in screen: type the login and the password, and stop on "Sign in"."""
    field = words(locale, "PINFL or phone number")
    if not driver.heard()[-1].startswith(field):
        driver.tab_until(lambda said: said.startswith(field))
    driver.type(login)
    driver.tab_until(lambda said: said.startswith(words(locale, "Password")))
    driver.type(password)
    driver.tab_until(lambda said: said.startswith(words(locale, "Sign in")))


def find_and_open(driver: Driver, locale: str, query: str, service_title: str) -> None:
    driver.settle()
    search = words(locale, "Search services")
    if not driver.heard()[-1].startswith(search):
        driver.tab_until(lambda said: said.startswith(search))
    driver.type(query)
    mark = driver.mark()
    driver.key("enter")
    driver.until(lambda: any(said.startswith(service_title) for said in driver.heard()[mark:]),
                 what=f"search result {service_title!r}", timeout=20)
    driver.key("enter")
    driver.until(lambda: sum(service_title in said for said in driver.heard()[mark:]) >= 2,
                 what="service page", timeout=20)
    driver.tab_until(lambda said: said.startswith(words(locale, "Apply")))
    driver.key("enter")


def fill_flow(driver: Driver, locale: str) -> None:
    """Each step: tick the first choice of every unanswered group, then Continue."""
    step = words(locale, "Step %(number)d of %(count)d: %(title)s").split("%")[0]
    review = words(locale, "Check your answers")
    for _ in range(3):
        driver.until(lambda: any(step in said or review in said for said in driver.heard()[-4:]),
                     what="a flow step", timeout=20)
        driver.settle()
        if any(review in said for said in driver.heard()[-4:]):
            return
        tick_first_choices(driver, locale)
        driver.tab_until(lambda said: said.startswith(words(locale, "Continue")))
        before = driver.mark()
        driver.key("enter")
        driver.until(lambda before=before: len(driver.heard()) > before, what="the next screen",
                     timeout=20)
    raise AssertionError("more than three steps")


def tick_first_choices(driver: Driver, locale: str) -> None:
    """From the current focus, tick each control that says "not checked" and is the first
    of its group (the group's name follows the comma); stop at the Continue button."""
    not_checked = words_accessibility(locale, "not checked")
    seen_groups: set[str] = set()
    said = driver.heard()[-1]
    for _ in range(40):
        if said.startswith(words(locale, "Continue")):
            driver.key("tab", ("shift",))
            return
        if not_checked in said:
            group = said.split(",")[1].strip() if said.count(",") >= 2 else said
            if group not in seen_groups:
                seen_groups.add(group)
                mark = driver.mark()
                driver.key("spacebar")
                assert driver.heard_since(mark), "a ticked box said nothing"
        mark = driver.mark()
        driver.key("tab")
        said = driver.heard_since(mark)[-1]


def words_accessibility(locale: str, message: str) -> str:
    from locales.catalogs import translations

    return translations(locale, ("accessibility",)).gettext(message)


def review_and_submit(driver: Driver, locale: str) -> str:
    driver.settle()
    declaration = words(locale, "I confirm that my answers are true.")
    driver.tab_until(lambda said: said.startswith(declaration))
    driver.key("spacebar")
    driver.tab_until(lambda said: said.startswith(words(locale, "Submit application")))
    mark = driver.mark()
    driver.key("enter")
    found = driver.until(
        lambda: next((m.group(0) for said in driver.heard()[mark:]
                      if (m := NUMBER.search(said))), None),
        what="the confirmation with the application number", timeout=30)
    return str(found)


def journey(api_url: str, locale: str, login: str, password: str, query: str,
            service_title: str) -> None:
    driver = Driver(api_url, Path(tempfile.mkdtemp(prefix="xizmat-journey-")))
    choose_language(driver, locale)
    sign_in(driver, locale, login, password)
    find_and_open(driver, locale, query, service_title)
    fill_flow(driver, locale)
    number = review_and_submit(driver, locale)
    report(number=number, heard=driver.heard())
    driver.stop()


def offline_submit(api_url: str, data_dir: str, locale: str, login: str, password: str,
                   query: str, service_title: str) -> None:
    """Fill the flow online, then (the test stops the server) submit: it must wait."""
    driver = Driver(api_url, Path(data_dir))
    choose_language(driver, locale)
    sign_in(driver, locale, login, password)
    find_and_open(driver, locale, query, service_title)
    fill_flow(driver, locale)
    report(stage="at_review")
    assert sys.stdin.readline().strip() == "server stopped"
    driver.settle()
    declaration = words(locale, "I confirm that my answers are true.")
    driver.tab_until(lambda said: said.startswith(declaration))
    driver.key("spacebar")
    driver.tab_until(lambda said: said.startswith(words(locale, "Submit application")))
    mark = driver.mark()
    driver.key("enter")
    waiting = words(locale, "Waiting to be sent")
    driver.until(lambda: any(waiting in said for said in driver.heard()[mark:]),
                 what="the promise to send it later", timeout=30)
    pending = driver.app.outbox.pending()
    report(stage="queued", pending=len(pending), heard=driver.heard()[mark:])
    driver.stop()


def deliver_after_restart(api_url: str, data_dir: str, locale: str) -> None:
    """A restarted app sends what waits in its outbox, and says so with the number."""
    driver = Driver(api_url, Path(data_dir))
    sent = words(locale, "Your application was sent. Number: %(number)s").split("%")[0]
    found = driver.until(
        lambda: next((m.group(0) for said in driver.heard() if sent in said
                      and (m := NUMBER.search(said))), None),
        what="the outbox delivery", timeout=40)
    report(number=found, pending=len(driver.app.outbox.pending()), heard=driver.heard())
    driver.stop()


def restart_quietly(api_url: str, data_dir: str, locale: str) -> None:
    """One more restart: nothing is left to send, and nothing is sent."""
    driver = Driver(api_url, Path(data_dir))
    driver.pump(3.0)
    driver.settle()
    sent = words(locale, "Your application was sent. Number: %(number)s").split("%")[0]
    report(pending=len(driver.app.outbox.pending()),
           resent=[said for said in driver.heard() if sent in said])
    driver.stop()
