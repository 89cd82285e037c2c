"""The outbox and the draft store keep their contents across restarts and deliver in order."""

from __future__ import annotations

from pathlib import Path

from mobile.api import Outbox, XizmatApi
from mobile.api.outbox import DELIVERED, PENDING, REJECTED
from mobile.api.transport import RetryPolicy
from mobile.store import DraftStore
from tests.mobile.scripted_http import Scripted, ScriptedServer

FAST = RetryPolicy(attempts=2, backoff_base=0.01, backoff_cap=0.02)
VALUES = {"applicant": {"full_name": "Oʻlmas Gʻofurov"}, "purpose": {"reason": "work"}}


def test_outbox_entry_survives_reopening(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    entry = outbox.enqueue("no-criminal-record-certificate", VALUES)
    outbox.close()
    reopened = Outbox(tmp_path / "outbox.sqlite3")
    [kept] = reopened.pending()
    assert kept.idempotency_key == entry.idempotency_key
    assert kept.values_by_step == VALUES


def test_offline_delivery_keeps_the_entry_and_its_draft_id(tmp_path: Path) -> None:
    server = ScriptedServer()
    api = XizmatApi(server.url, tmp_path, retry=FAST)
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    entry = outbox.enqueue("no-criminal-record-certificate", VALUES)
    server.add(Scripted(201, {"id": 41}), Scripted(200, {}), Scripted(200, {}),
               *(Scripted(drop=True) for _ in range(2)))
    assert outbox.deliver_pending(api) == []
    [kept] = outbox.pending()
    assert (kept.application_id, kept.attempts) == ("41", 1)
    server.add(Scripted(200, {}), Scripted(200, {}), Scripted(200, {"number": "XZ-1"}))
    [done] = outbox.deliver_pending(api)
    assert (done.state, done.result) == (DELIVERED, {"number": "XZ-1"})
    creates = [seen for seen in server.seen if seen.path == "/api/v1/applications"]
    assert len(creates) == 1  # the draft made before the cut is reused, not made again
    keys = {seen.headers["Idempotency-Key"] for seen in server.seen if seen.path.endswith("submit")}
    assert keys == {entry.idempotency_key}
    assert outbox.deliver_pending(api) == []
    server.close()


def test_a_refused_submission_is_kept_with_the_servers_reason(tmp_path: Path) -> None:
    server = ScriptedServer()
    api = XizmatApi(server.url, tmp_path, retry=FAST)
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    outbox.enqueue("no-criminal-record-certificate", VALUES, application_id="9")
    server.add(Scripted(422, {"detail": "Maʼlumot notoʻgʻri"}))
    [done] = outbox.deliver_pending(api)
    assert (done.state, done.error) == (REJECTED, "Maʼlumot notoʻgʻri")
    assert outbox.entries(PENDING) == []
    server.close()


def test_drafts_are_written_as_typed(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "store.sqlite3")
    store.set_value("passport", "applicant", "full_name", "Oʻlmas")
    draft = store.open("passport")
    draft.step_index = 1
    store.save(draft)
    store.close()
    reopened = DraftStore(tmp_path / "store.sqlite3")
    kept = reopened.open("passport")
    assert (kept.step_index, kept.value("applicant", "full_name")) == (1, "Oʻlmas")
    reopened.remove("passport")
    assert reopened.get("passport") is None and reopened.all() == []
