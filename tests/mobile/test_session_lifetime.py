"""When a sign-in can no longer be renewed (the session warning's clock), how one key renews
it, and the calls of offers and the data-access log - Kivy-free, against a scripted server."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mobile.api import XizmatApi
from mobile.api.session import REFRESH_IDLE_SECONDS, SESSION_ABSOLUTE_SECONDS, TokenStore
from mobile.api.transport import RetryPolicy, Timeouts
from tests.mobile.scripted_http import Scripted, ScriptedServer

FAST = RetryPolicy(attempts=2, backoff_base=0.01, backoff_cap=0.02, retry_after_cap=0.05)
PAIR = {"access_token": "a1", "refresh_token": "r1", "expires_in": 900}


@pytest.fixture
def api(server: ScriptedServer, tmp_path: Path) -> Iterator[XizmatApi]:
    client = XizmatApi(server.url, tmp_path, locale="uz_Latn", retry=FAST,
                       timeouts=Timeouts(connect=1, read=1))
    yield client
    client.close()


def test_a_new_sign_in_ends_after_the_idle_lifetime_and_survives_a_restart(
        tmp_path: Path) -> None:
    store = TokenStore(tmp_path / "session.json")
    assert store.session_ends_at() is None  # signed out: nothing to warn about
    before = time.time()
    store.save(PAIR, new_session=True)
    ends = store.session_ends_at()
    assert ends is not None and before + REFRESH_IDLE_SECONDS <= ends <= time.time() + \
        REFRESH_IDLE_SECONDS
    assert store.can_extend()
    reopened = TokenStore(tmp_path / "session.json")
    assert reopened.session_ends_at() == ends
    reopened.clear()
    assert TokenStore(tmp_path / "session.json").session_ends_at() is None


def test_the_absolute_lifetime_caps_what_a_refresh_can_give(tmp_path: Path) -> None:
    store = TokenStore(tmp_path / "session.json")
    store.save(PAIR, new_session=True)
    assert store.signed_in_at is not None
    store.signed_in_at -= SESSION_ABSOLUTE_SECONDS - 3600  # signed in 29 days 23 hours ago
    store.save({"access_token": "a2", "refresh_token": "r2"})  # a refresh keeps the start
    assert store.session_ends_at() == pytest.approx(store.signed_in_at
                                                    + SESSION_ABSOLUTE_SECONDS)
    assert not store.can_extend()


def test_extending_renews_the_tokens_or_reports_the_end(server: ScriptedServer,
                                                        api: XizmatApi) -> None:
    assert api.extend_session() is False  # nothing to extend when signed out
    server.add(Scripted(200, PAIR), Scripted(200, {"access_token": "a2", "refresh_token": "r2"}))
    api.sign_in("12345678901234", "parol-2026")
    assert api.tokens.refreshed_at is not None
    api.tokens.refreshed_at -= REFRESH_IDLE_SECONDS - 100  # 100 s before the idle end
    assert api.extend_session() is True
    assert server.seen[1].body == {"refresh_token": "r1"}
    ends = api.tokens.session_ends_at()
    assert ends is not None and ends - time.time() > REFRESH_IDLE_SECONDS - 60
    server.add(Scripted(401, {"title": "ended"}))
    assert api.extend_session() is False
    assert not api.signed_in


def test_offer_and_log_calls(server: ScriptedServer, api: XizmatApi) -> None:
    server.add(Scripted(200, {"items": []}), Scripted(200, {"id": "o1", "status": "accepted"}),
               Scripted(200, {"id": "o2", "status": "declined"}),
               Scripted(200, {"items": [], "next_before": None}))
    api.offers("pending")
    api.accept_offer("o1", {"phone": "+998901234567"})
    api.decline_offer("o2")
    api.data_access(before=40)
    assert [(s.method, s.path) for s in server.seen] == [
        ("GET", "/api/v1/me/offers?status=pending"), ("POST", "/api/v1/me/offers/o1/accept"),
        ("POST", "/api/v1/me/offers/o2/decline"), ("GET", "/api/v1/me/data-access?before=40")]
    assert server.seen[1].body == {"values": {"phone": "+998901234567"}, "notify_by_sms": True}
