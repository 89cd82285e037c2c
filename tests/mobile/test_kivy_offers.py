"""Proactive services, the data-access log and the session's end, with the registry
simulator and the API server running as processes (Kivy under Xvfb, keys and speech only)."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from locales.catalogs import translations
from mobile.api import ProblemError
from mobile.api.session import REFRESH_IDLE_SECONDS
from mobile.i18n import catalog
from tests.mobile.conftest import SERVICE_ID, run_scenario
from tests.mobile.registry_simulator import RegistryServer

pytestmark = [pytest.mark.kivy, pytest.mark.usefixtures("needs_display")]
OFFERED_SERVICE = "child-benefit"
#: What the citizen answers to the questions the registries could not (by field name).
TYPED = {"monthly_income": "1500000", "card_number": "8600123456789012",
         "phone": "+998901234567"}


def service_fields(server: RegistryServer, service_id: str, locale: str) -> dict[str, Any]:
    answer = requests.get(f"{server.url}/api/v1/services/{service_id}", timeout=30,
                          headers={"Accept-Language": locale.replace("_", "-")})
    answer.raise_for_status()
    body = answer.json()
    fields = {f["name"]: f for step in body["steps"] for f in step["fields"]}
    return {"title": body["title"], "fields": fields}


def signed_in(server: RegistryServer, login: str, password: str, locale: str) -> dict[str, str]:
    tokens = requests.post(f"{server.url}/api/v1/auth/login", timeout=30,
                           json={"login": login, "password": password}).json()
    return {"Authorization": f"Bearer {tokens['access_token']}",
            "Accept-Language": locale.replace("_", "-")}


def my_offers(server: RegistryServer, headers: dict[str, str]) -> list[dict[str, Any]]:
    answer = requests.get(f"{server.url}/api/v1/me/offers", timeout=30, headers=headers)
    answer.raise_for_status()
    return list(answer.json()["items"])


def refusal(server: RegistryServer, headers: dict[str, str], offer_id: str,
            values: dict[str, Any], locale: str) -> ProblemError:
    """What the server answers these values of the offer, in ``locale`` (a 422 changes
    nothing: the offer stays pending)."""
    answer = requests.post(f"{server.url}/api/v1/me/offers/{offer_id}/accept", timeout=30,
                           headers=headers, params={"lang": locale.replace("_", "-")},
                           json={"values": values, "notify_by_sms": True})
    assert answer.status_code == 422, answer.text
    return ProblemError(422, answer.json())


def test_citizen_accepts_an_offer_by_keys_and_reads_who_looked(
        registry_server: RegistryServer) -> None:
    locale = "uz_Latn"
    login, password = registry_server.register_parent()
    assert "offered: 1" in registry_server.offer_after_birth(login)
    service = service_fields(registry_server, OFFERED_SERVICE, locale)
    labels = {service["fields"][name]["label"]: text for name, text in TYPED.items()}
    headers = signed_in(registry_server, login, password, locale)
    [pending] = requests.get(f"{registry_server.url}/api/v1/me/offers", timeout=30,
                             headers=headers).json()["items"]
    [found] = run_scenario("offer_journey", api_url=registry_server.url, locale=locale,
                           login=login, password=password, service_title=service["title"],
                           answers=labels, consent=service["fields"]["consent"]["label"],
                           offer_message=pending["message"])
    # The offer was announced and explained: why it is offered, and what is left to answer.
    assert any("tugʻilgani" in said for said in found["offer_heard"]), found["offer_heard"]
    # The server holds the application the offer made, with the number the citizen heard.
    applications = requests.get(f"{registry_server.url}/api/v1/applications", timeout=30,
                                headers=headers).json()["items"]
    [made] = [a for a in applications if a["number"] == found["number"]]
    assert made["service_id"] == OFFERED_SERVICE and made["status"] == "submitted"
    [offer] = requests.get(f"{registry_server.url}/api/v1/me/offers", timeout=30,
                           headers=headers).json()["items"]
    assert offer["status"] == "accepted" and offer["application_id"] == made["id"]
    # The log was read row by row, newest first, as the server words it in Uzbek.
    log = requests.get(f"{registry_server.url}/api/v1/me/data-access", timeout=30,
                       headers=headers).json()["items"]
    rows = found["log_rows"]
    assert len(rows) == 3, rows
    for said, entry in zip(rows, log, strict=False):
        assert entry["registry"]["name"] in said and entry["purpose"]["text"] in said, said
    # The notification that announced the offer opens it (now accepted).
    assert any(said.startswith(service["title"]) for said in found["from_notification"])


def test_citizen_declines_an_offer_by_keys_and_hears_it(
        registry_server: RegistryServer) -> None:
    locale = "uz_Latn"
    login, password = registry_server.register_parent()
    registry_server.offer_after_birth(login)
    title = service_fields(registry_server, OFFERED_SERVICE, locale)["title"]
    [found] = run_scenario("offer_declined", api_url=registry_server.url, locale=locale,
                           login=login, password=password, service_title=title,
                           questions=len(TYPED) + 1)
    words = catalog(locale)
    # The decline is said as a confirmation, in full, before the list it returns to.
    spoken = [text for text, _priority, _cut in found["after_decline"]]
    declined = words.gettext("You declined this offer.")
    [(_text, priority, cut)] = [said for said in found["after_decline"] if said[0] == declined]
    assert priority == "polite" and cut is False
    list_title = words.gettext("Offers for you")
    assert spoken.index(declined) < next(i for i, text in enumerate(spoken)
                                         if text.startswith(list_title))
    # The list no longer has it waiting: none waits, and its entry, read again by keys,
    # says it was declined (the list keeps decided offers, with their state).
    assert found["screen"] == "offers"
    none_wait = words.ngettext("%(count)d offer waits for your answer",
                               "%(count)d offers wait for your answer", 0) % {"count": 0}
    assert none_wait in spoken
    entries = [text for text in spoken + found["items"] if text.startswith(title)]
    assert any(text.startswith(title) for text in found["items"]), found["items"]
    assert all(text.startswith(f"{title}: {words.gettext('declined')}")
               for text in entries), entries
    # The server holds the offer declined, and made no application of it.
    headers = signed_in(registry_server, login, password, locale)
    [offer] = my_offers(registry_server, headers)
    assert offer["status"] == "declined" and not offer["application_id"]
    applications = requests.get(f"{registry_server.url}/api/v1/applications", timeout=30,
                                headers=headers).json()["items"]
    assert not [a for a in applications if a["service_id"] == OFFERED_SERVICE]


def test_refused_answers_are_shown_and_said_in_russian_and_the_offer_stays(
        registry_server: RegistryServer) -> None:
    locale = "ru"
    login, password = registry_server.register_parent("ru")
    registry_server.offer_after_birth(login)
    service = service_fields(registry_server, OFFERED_SERVICE, locale)
    typed = {**TYPED, "card_number": "1234"}  # twelve digits short
    labels = {service["fields"][name]["label"]: text for name, text in typed.items()}
    [found] = run_scenario("offer_refused", api_url=registry_server.url, locale=locale,
                           login=login, password=password, service_title=service["title"],
                           answers=labels, consent=service["fields"]["consent"]["label"])
    # The offer stays: pending on the server, open on the phone with the answers typed,
    # and Accept reachable again.
    headers = signed_in(registry_server, login, password, locale)
    [offer] = my_offers(registry_server, headers)
    assert offer["status"] == "pending" and not offer["application_id"]
    assert found["screen"] == "offer"
    assert found["kept"]["card_number"] == "1234" and found["kept"]["phone"] == TYPED["phone"]
    assert found["accept_again"].startswith(catalog(locale).gettext("Accept and apply"))
    # The server's own words for the refused answer, in Russian (not its English ones) ...
    values = {"monthly_income": int(TYPED["monthly_income"]), "card_number": "1234",
              "phone": TYPED["phone"], "consent": True}
    russian = refusal(registry_server, headers, offer["id"], values, "ru")
    english = refusal(registry_server, headers, offer["id"], values, "en")
    [message] = russian.field_errors["card_number"]
    assert english.field_errors["card_number"] != [message]
    # ... are shown under the field, and the server's summary above the buttons ...
    assert found["field_errors"] == {name: message if name == "card_number" else ""
                                     for name in found["field_errors"]}
    assert found["screen_error"] == russian.text
    # ... and said: how many fields need attention (assertive), then the field, focused,
    # with its error; nothing cut off.
    attention = translations(locale, ("accessibility",)).ngettext(
        "%(count)d field needs attention", "%(count)d fields need attention", 1) % {"count": 1}
    spoken = found["refusal"]
    [count_at] = [i for i, (text, _p, _c) in enumerate(spoken) if text == attention]
    [field_at] = [i for i, (text, _p, _c) in enumerate(spoken) if message in text]
    assert spoken[count_at][1] == "assertive" and count_at < field_at
    assert spoken[field_at][0].startswith(service["fields"]["card_number"]["label"])
    assert not spoken[count_at][2] and not spoken[field_at][2]
    assert found["focused"] == "card_number"


def test_session_warns_in_time_extends_with_one_key_and_keeps_typed_text(
        registry_server: RegistryServer) -> None:
    locale = "ru"
    login, password = registry_server.register_parent("ru")
    phone_label = service_fields(registry_server, SERVICE_ID, locale)["fields"]["phone"]["label"]
    [found] = run_scenario("session_end", api_url=registry_server.url, locale=locale,
                           login=login, password=password, service_id=SERVICE_ID,
                           phone_label=phone_label)
    # Warned by speech, assertively, with "Stay signed in" focused: one Enter extends.
    assert [priority for _text, priority in found["warning"]] == ["assertive"]
    assert found["warning_screen"] == "session" and found["focused"] == "stay_signed_in"
    assert catalog(locale).gettext("You are still signed in.") in found["extended_heard"]
    assert found["seconds_left_after"] > REFRESH_IDLE_SECONDS - 60
    assert found["phone_after_extend"] == "+998901112233"
    # Then the end: said assertively, signed out, and nothing typed is lost.
    assert any(priority == "assertive" for _text, priority in found["ended_heard"])
    assert found["signed_in_after_end"] is False
    assert found["phone_after_sign_in"] == "+998901112233"
