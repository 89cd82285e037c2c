"""Drafts, steps, submission with Idempotency-Key, the officers' decisions and access rules."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask
from sqlalchemy import func, select, update

from server.applications.models import Application, SmsOutboxMessage
from server.db import session_factory
from server.identity.models import SecurityEvent
from tests.accounts.conftest import (
    OTHER_SERVICE_ID,
    PASSWORD,
    Person,
    complete_draft,
    new_draft,
    submit,
)


def test_draft_resumes_on_another_device(app: Flask, citizen: Person) -> None:
    draft = new_draft(citizen)
    assert draft["status"] == "draft" and draft["steps"] == ["request", "confirm"]
    assert draft["next"]["actions"] == ["submit"]
    saved = citizen.put(f"/api/v1/applications/{draft['id']}/steps/request",
                        {"values": {"purpose": "travel", "phone": "90 123 45 67"}})
    assert saved.status_code == 200
    tablet = app.test_client()
    tokens = tablet.post("/api/v1/auth/login", json={"login": citizen.pinfl,
                                                     "password": PASSWORD}).get_json()
    resumed = tablet.get(f"/api/v1/applications/{draft['id']}",
                         headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert resumed.get_json()["values"] == {
        "request": {"purpose": "travel", "phone": "+998901234567"}}


def test_an_invalid_step_saves_nothing(citizen: Person) -> None:
    draft = new_draft(citizen)
    url = f"/api/v1/applications/{draft['id']}/steps/request"
    assert citizen.put(url, {"values": {"purpose": "employment"}}).status_code == 200
    failed = citizen.put(url + "?lang=ru", {"values": {"purpose": "holiday", "phone": "x"}})
    assert failed.status_code == 422
    errors = failed.get_json()["errors"]
    assert set(errors) == {"purpose", "phone"}
    current = citizen.get(f"/api/v1/applications/{draft['id']}").get_json()
    assert current["values"] == {"request": {"purpose": "employment"}}
    assert citizen.put(f"/api/v1/applications/{draft['id']}/steps/nope",
                       {"values": {}}).status_code == 404


def test_unknown_service_is_a_field_error(citizen: Person) -> None:
    response = citizen.post("/api/v1/applications", {"service_id": "no-such-service"})
    assert response.status_code == 422 and "service_id" in response.get_json()["errors"]


def test_submit_requires_an_idempotency_key(citizen: Person) -> None:
    application_id = complete_draft(citizen)
    response = citizen.post(f"/api/v1/applications/{application_id}/submit",
                            {"declaration": True})
    assert response.status_code == 400
    assert response.content_type == "application/problem+json"


def test_submit_checks_the_whole_application_again(citizen: Person) -> None:
    draft = new_draft(citizen)
    citizen.put(f"/api/v1/applications/{draft['id']}/steps/request",
                {"values": {"purpose": "travel"}})
    response = submit(citizen, draft["id"])
    assert response.status_code == 422
    assert "confirm.consent" in response.get_json()["errors"]
    assert citizen.get(f"/api/v1/applications/{draft['id']}").get_json()["status"] == "draft"
    # The failed attempt kept no answer under its key: the corrected retry goes through.
    citizen.put(f"/api/v1/applications/{draft['id']}/steps/confirm",
                {"values": {"consent": True}})
    assert submit(citizen, draft["id"]).status_code == 200


def test_same_key_same_body_gives_the_first_answer(app: Flask, citizen: Person) -> None:
    application_id = complete_draft(citizen)
    first = submit(citizen, application_id, key="k-1")
    assert first.status_code == 200
    body = first.get_json()
    assert body["status"] == "submitted"
    assert body["number"].startswith(f"XZ-{date.today().year}-")
    assert len(body["number"]) == len("XZ-2026-0000001")
    again = submit(citizen, application_id, key="k-1")
    assert again.status_code == 200 and again.get_json() == body
    assert again.headers["Idempotent-Replayed"] == "true"
    different = submit(citizen, application_id, key="k-1",
                       body={"declaration": True, "notify_by_sms": False})
    assert different.status_code == 409
    new_key = submit(citizen, application_id, key="k-2")
    assert new_key.status_code == 409  # already submitted: no second submission
    with app.app_context(), session_factory(app)() as session:
        assert session.scalar(select(func.count()).select_from(SmsOutboxMessage)) == 1


def test_another_citizen_gets_404_everywhere(citizen: Person, other_citizen: Person) -> None:
    application_id = complete_draft(citizen)
    base = f"/api/v1/applications/{application_id}"
    assert other_citizen.get(base).status_code == 404
    assert other_citizen.put(f"{base}/steps/request",
                             {"values": {"purpose": "travel"}}).status_code == 404
    assert submit(other_citizen, application_id).status_code == 404
    assert other_citizen.post(f"{base}/withdraw").status_code == 404
    assert other_citizen.post(f"{base}/answer", {"answer": "hi"}).status_code == 404
    assert other_citizen.get("/api/v1/applications").get_json()["total"] == 0


def test_officers_see_only_their_agency(citizen: Person, officer: Person,
                                        other_officer: Person, submitted: str) -> None:
    draft = complete_draft(citizen)  # drafts stay private even to the right agency
    mine = officer.get("/api/v1/officer/applications").get_json()
    assert [item["id"] for item in mine["items"]] == [submitted]
    assert officer.get(f"/api/v1/officer/applications/{draft}").status_code == 404
    assert other_officer.get("/api/v1/officer/applications").get_json()["total"] == 0
    for path in ("", "/take", "/approve", "/issue"):
        method = other_officer.get if path == "" else other_officer.post
        assert method(f"/api/v1/officer/applications/{submitted}{path}").status_code == 404
    assert citizen.get("/api/v1/officer/applications").status_code == 403
    assert officer.get(f"/api/v1/applications/{submitted}").status_code == 403


def test_transitions_follow_the_table(citizen: Person, officer: Person, submitted: str) -> None:
    base = f"/api/v1/officer/applications/{submitted}"
    assert officer.post(f"{base}/approve").status_code == 409  # not taken yet
    taken = officer.post(f"{base}/take").get_json()
    assert taken["status"] == "in_review"
    assert set(taken["next"]["actions"]) == {"request_info", "approve", "reject"}
    assert taken["applicant"]["pinfl"] == citizen.pinfl
    assert officer.post(f"{base}/reject", {"reason": " "}).status_code == 422
    assert officer.post(f"{base}/issue").status_code == 409
    asked = officer.post(f"{base}/request-info", {"question": "Which country?"})
    assert asked.get_json()["status"] == "needs_info"
    mine = citizen.get(f"/api/v1/applications/{submitted}").get_json()
    assert mine["next"]["question"] == "Which country?"
    assert mine["next"]["actions"] == ["answer", "withdraw"]
    answered = citizen.post(f"/api/v1/applications/{submitted}/answer", {"answer": "Turkey"})
    assert answered.get_json()["status"] == "submitted"
    assert [e["action"] for e in answered.get_json()["timeline"]] == [
        "submit", "take", "request_info", "answer"]
    assert answered.get_json()["timeline"][-1]["note"] == "Turkey"
    withdrawn = citizen.post(f"/api/v1/applications/{submitted}/withdraw")
    assert withdrawn.get_json()["status"] == "withdrawn"
    assert officer.post(f"{base}/take").status_code == 409


def test_decisions_are_audited(app: Flask, officer: Person, submitted: str) -> None:
    base = f"/api/v1/officer/applications/{submitted}"
    officer.post(f"{base}/take")
    officer.post(f"{base}/reject", {"reason": "Incomplete"})
    with app.app_context(), session_factory(app)() as session:
        rows = session.scalars(select(SecurityEvent).where(SecurityEvent.event == "decision"))
        decisions = [(row.actor_id, row.details) for row in rows]
    assert decisions == [(officer.user_id, {"action": "reject", "application": submitted})]


def test_due_date_in_working_days_and_overdue(app: Flask, officer: Person,
                                              submitted: str) -> None:
    detail = officer.get(f"/api/v1/officer/applications/{submitted}").get_json()
    due = date.fromisoformat(detail["due_date"])
    assert due.weekday() < 5 and due > date.today() - timedelta(days=1)
    assert detail["overdue"] is False
    with app.app_context(), session_factory(app)() as session:
        session.execute(update(Application).values(due_date=date.today() - timedelta(days=2)))
        session.commit()
    overdue = officer.get("/api/v1/officer/applications?overdue=true").get_json()
    assert [item["id"] for item in overdue["items"]] == [submitted]
    assert overdue["items"][0]["overdue"] is True
    assert officer.get("/api/v1/officer/applications?overdue=false").get_json()["total"] == 0
    assert officer.get("/api/v1/officer/applications?status=in_review").get_json()["total"] == 0


def test_list_is_paged_and_filtered(citizen: Person) -> None:
    for _ in range(3):
        new_draft(citizen)
    new_draft(citizen, OTHER_SERVICE_ID)
    page = citizen.get("/api/v1/applications?per_page=2&page=2").get_json()
    assert page["total"] == 4 and len(page["items"]) == 2
    assert citizen.get("/api/v1/applications?status=submitted").get_json()["total"] == 0
    assert citizen.get("/api/v1/applications?status=bogus").status_code == 422


def test_notifications_are_mine_and_can_be_marked_read(citizen: Person, other_citizen: Person,
                                                       submitted: str) -> None:
    listing = citizen.get("/api/v1/me/notifications").get_json()
    assert listing["total"] == 1 and listing["unread"] == 1
    notification_id = listing["items"][0]["id"]
    assert other_citizen.post(f"/api/v1/me/notifications/{notification_id}/read"
                              ).status_code == 404
    read = citizen.post(f"/api/v1/me/notifications/{notification_id}/read").get_json()
    assert read["read"] is True
    assert citizen.get("/api/v1/me/notifications?unread=true").get_json()["total"] == 0
    assert citizen.post("/api/v1/me/notifications/read").status_code == 204
