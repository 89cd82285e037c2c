"""Done when: a citizen goes from registration to an issued application, with an officer's
decision, in Russian and in Uzbek Cyrillic, and reads every notification in their language."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from sqlalchemy import select

from server.applications.models import SmsOutboxMessage
from server.applications.notifications import service_title
from server.db import session_factory
from tests.accounts.conftest import SERVICE_ID, make_staff, register

EXPECTED = {
    "ru": {
        "status": "Выдано",
        "texts": [
            "Заявление {n} на услугу «{s}» принято. Решение будет принято до {d}.",
            "Заявление {n} на услугу «{s}» рассматривает сотрудник.",
            "Заявление {n}: сотрудник просит дополнительные сведения: {q}",
            "Заявление {n}: ваш ответ отправлен в ведомство.",
            "Заявление {n} на услугу «{s}» рассматривает сотрудник.",
            "Заявление {n} на услугу «{s}» одобрено.",
            "Заявление {n} исполнено: результат услуги «{s}» выдан.",
        ],
    },
    "uz_Cyrl": {
        "status": "Берилган",
        "texts": [
            "«{s}» хизмати бўйича {n}-сон ариза қабул қилинди. Қарор {d} гача чиқарилади.",
            "«{s}» хизмати бўйича {n}-сон аризани ходим кўриб чиқмоқда.",
            "{n}-сон ариза: ходим қўшимча маълумот сўрамоқда: {q}",
            "{n}-сон ариза: жавобингиз идорага юборилди.",
            "«{s}» хизмати бўйича {n}-сон аризани ходим кўриб чиқмоқда.",
            "«{s}» хизмати бўйича {n}-сон ариза маъқулланди.",
            "{n}-сон ариза бажарилди: «{s}» хизмати натижаси берилди.",
        ],
    },
}
QUESTION = "Для какой страны нужна справка? / Маълумотнома қайси давлат учун керак?"


@pytest.mark.parametrize("locale", ["ru", "uz_Cyrl"])
def test_from_registration_to_an_issued_application(app: Flask, locale: str) -> None:
    citizen = register(app.test_client(), locale=locale.replace("_", "-"))
    officer = make_staff(app)

    draft = citizen.post("/api/v1/applications", {"service_id": SERVICE_ID}).get_json()
    steps = f"/api/v1/applications/{draft['id']}/steps"
    assert citizen.put(f"{steps}/request", {"values": {"purpose": "travel"}}).status_code == 200
    assert citizen.put(f"{steps}/confirm", {"values": {"consent": True}}).status_code == 200
    submitted = citizen.post(f"/api/v1/applications/{draft['id']}/submit",
                             {"declaration": True}, headers={"Idempotency-Key": "first-try"})
    assert submitted.status_code == 200, submitted.get_json()
    number = submitted.get_json()["number"]
    due = date.fromisoformat(submitted.get_json()["due_date"])

    desk = f"/api/v1/officer/applications/{draft['id']}"
    assert officer.post(f"{desk}/take").status_code == 200
    assert officer.post(f"{desk}/request-info", {"question": QUESTION}).status_code == 200
    answer = citizen.post(f"/api/v1/applications/{draft['id']}/answer", {"answer": "Turkiya"})
    assert answer.status_code == 200
    assert officer.post(f"{desk}/take").status_code == 200
    assert officer.post(f"{desk}/approve").status_code == 200
    issued = officer.post(f"{desk}/issue")
    assert issued.get_json()["status"] == "issued"

    # No ?lang= and an English browser: the saved locale decides.
    english = {"Accept-Language": "en-US,en;q=0.9"}
    mine = citizen.get(f"/api/v1/applications/{draft['id']}", headers=english).get_json()
    assert mine["status_name"] == EXPECTED[locale]["status"]
    with app.test_request_context():
        title = service_title(SERVICE_ID, locale)
    expected = [text.format(n=number, s=title, d=due.strftime("%d.%m.%Y"), q=QUESTION)
                for text in EXPECTED[locale]["texts"]]
    notifications = citizen.get("/api/v1/me/notifications", headers=english).get_json()
    assert [item["message"] for item in reversed(notifications["items"])] == expected
    assert notifications["unread"] == len(expected)
    assert [entry["message"] for entry in mine["timeline"]] == expected

    # The SMS outbox holds the same texts, rendered in the citizen's saved locale.
    with app.app_context(), session_factory(app)() as session:
        sms = session.scalars(select(SmsOutboxMessage).order_by(SmsOutboxMessage.id)).all()
    assert [(m.phone, m.locale, m.text) for m in sms] == [
        (citizen.phone, locale, text) for text in expected]

    # Read in another language, the same notifications follow the reader.
    english_list = citizen.get("/api/v1/me/notifications?lang=en").get_json()["items"]
    assert english_list[0]["message"].startswith(f"Application {number} is complete")


def test_a_rejection_reason_reaches_the_citizen(app: Flask) -> None:
    citizen = register(app.test_client(), locale="uz-Latn")
    officer = make_staff(app)
    draft = citizen.post("/api/v1/applications", {"service_id": SERVICE_ID}).get_json()
    steps = f"/api/v1/applications/{draft['id']}/steps"
    citizen.put(f"{steps}/request", {"values": {"purpose": "employment"}})
    citizen.put(f"{steps}/confirm", {"values": {"consent": True}})
    number = citizen.post(f"/api/v1/applications/{draft['id']}/submit", {"declaration": True},
                          headers={"Idempotency-Key": "x"}).get_json()["number"]
    desk = f"/api/v1/officer/applications/{draft['id']}"
    officer.post(f"{desk}/take")
    rejected = officer.post(f"{desk}/reject", {"reason": "Pasport muddati oʻtgan"})
    assert rejected.get_json()["status"] == "rejected"
    latest = citizen.get("/api/v1/me/notifications").get_json()["items"][0]["message"]
    with app.test_request_context():
        title = service_title(SERVICE_ID, "uz_Latn")
    assert latest == (f"“{title}” xizmati boʻyicha {number}-son ariza rad etildi. "
                      "Sababi: Pasport muddati oʻtgan")
    assert citizen.post(f"/api/v1/applications/{draft['id']}/withdraw").status_code == 409
