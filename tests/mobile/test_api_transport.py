"""The client's network rules: timeouts, retries where safe, token refresh, ETag cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mobile.api import AuthenticationError, OfflineError, ProblemError, XizmatApi
from mobile.api.transport import RetryPolicy, Timeouts
from tests.mobile.scripted_http import Scripted, ScriptedServer

FAST = RetryPolicy(attempts=3, backoff_base=0.01, backoff_cap=0.02, retry_after_cap=0.05)


@pytest.fixture
def api(server: ScriptedServer, tmp_path: Path) -> Iterator[XizmatApi]:
    client = XizmatApi(server.url, tmp_path, locale="ru", retry=FAST,
                       timeouts=Timeouts(connect=1, read=0.5))
    yield client
    client.close()


def test_get_is_retried_after_503_and_429(server: ScriptedServer, api: XizmatApi) -> None:
    server.add(Scripted(503), Scripted(429, headers={"Retry-After": "0"}), Scripted(200, {"a": 1}))
    assert api.call("GET", "/me") == {"a": 1}
    assert len(server.seen) == 3
    assert server.seen[0].headers["Accept-Language"] == "ru"


def test_plain_post_is_never_repeated(server: ScriptedServer, api: XizmatApi) -> None:
    server.add(Scripted(503, {"title": "busy"}), Scripted(201, {"id": 1}))
    with pytest.raises(ProblemError) as caught:
        api.create_application("passport")
    assert caught.value.status == 503
    assert len(server.seen) == 1


def test_post_with_idempotency_key_is_repeated_with_the_same_key(
    server: ScriptedServer, api: XizmatApi
) -> None:
    server.add(Scripted(drop=True), Scripted(200, {"number": "XZ-2026-0000001"}))
    assert api.submit(7, "key-1") == {"number": "XZ-2026-0000001"}
    assert [seen.headers["Idempotency-Key"] for seen in server.seen] == ["key-1", "key-1"]


def test_a_slow_server_times_out_into_offline(server: ScriptedServer, api: XizmatApi) -> None:
    server.add(*(Scripted(200, {}, delay=1.0) for _ in range(3)))
    with pytest.raises(OfflineError):
        api.call("GET", "/me")
    assert api.offline is True


def test_no_server_at_all_is_offline(tmp_path: Path) -> None:
    client = XizmatApi("http://127.0.0.1:9", tmp_path, retry=FAST)
    with pytest.raises(OfflineError) as caught:
        client.catalogue("pasport")
    assert caught.value.message_id.startswith("You are offline")


def test_401_refreshes_once_and_keeps_the_rotated_pair(
    server: ScriptedServer, api: XizmatApi, tmp_path: Path
) -> None:
    server.add(Scripted(200, {"access_token": "a1", "refresh_token": "r1"}))
    api.sign_in("12345678901234", "secret-password")
    server.add(
        Scripted(401, {"title": "expired"}),
        Scripted(200, {"access_token": "a2", "refresh_token": "r2"}),
        Scripted(200, {"full_name": "Aziza"}),
    )
    assert api.me() == {"full_name": "Aziza"}
    assert server.seen[2].body == {"refresh_token": "r1"}
    assert server.seen[3].headers["Authorization"] == "Bearer a2"
    reopened = XizmatApi(server.url, tmp_path)
    assert (reopened.tokens.access_token, reopened.tokens.refresh_token) == ("a2", "r2")
    assert (tmp_path / "session.json").stat().st_mode & 0o077 == 0


def test_refused_refresh_signs_out(server: ScriptedServer, api: XizmatApi) -> None:
    api.tokens.save({"access_token": "a1", "refresh_token": "r1"})
    server.add(Scripted(401), Scripted(401, {"title": "reused"}))
    with pytest.raises(AuthenticationError):
        api.me()
    assert not api.signed_in


def test_problem_field_errors_are_flattened(server: ScriptedServer, api: XizmatApi) -> None:
    body = {"title": "Xato", "detail": "Tekshiring", "errors": {"step": {"pinfl": ["Notoʻgʻri"]},
                                                                "phone": ["Kerak"]}}
    server.add(Scripted(422, body, headers={"Content-Type": "application/problem+json"}))
    with pytest.raises(ProblemError) as caught:
        api.save_step(1, "step", {"pinfl": "1"})
    assert caught.value.field_errors == {"pinfl": ["Notoʻgʻri"], "phone": ["Kerak"]}
    assert caught.value.text == "Tekshiring"


def test_etag_cache_revalidates_and_serves_offline(
    server: ScriptedServer, api: XizmatApi
) -> None:
    server.add(Scripted(200, {"items": [1]}, headers={"ETag": '"v1"'}), Scripted(304))
    assert api.catalogue("pasport") == {"items": [1]}
    assert api.catalogue("pasport") == {"items": [1]}
    assert server.seen[1].headers["If-None-Match"] == '"v1"'
    assert server.seen[1].path == "/api/v1/catalogue?q=pasport"
    server.close()
    assert api.catalogue("pasport") == {"items": [1]}
    assert api.offline is True
    with pytest.raises(OfflineError):
        api.catalogue("other words")


def test_cache_is_per_locale(server: ScriptedServer, api: XizmatApi) -> None:
    server.add(Scripted(200, {"t": "ru"}, headers={"ETag": '"ru"'}),
               Scripted(200, {"t": "en"}, headers={"ETag": '"en"'}))
    assert api.service("passport") == {"t": "ru"}
    api.locale = "en"
    assert api.service("passport") == {"t": "en"}
    assert "If-None-Match" not in server.seen[1].headers
