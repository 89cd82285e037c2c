"""The Xizmat API as the phone sees it: one method per thing the app asks of the server.

No Kivy here: the client is plain Python on ``requests`` so that it is tested on its own and
could serve another front end.  Methods block; the UI calls them from a worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests

from locales import DEFAULT_LOCALE, to_bcp47
from mobile.api.cache import ETagCache
from mobile.api.errors import AuthenticationError, OfflineError, ProblemError
from mobile.api.session import TokenStore
from mobile.api.transport import RetryPolicy, Timeouts, Transport

API_PREFIX = "/api/v1"


def _decode(response: requests.Response) -> Any:
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return None


def _raise_for_problem(response: requests.Response) -> None:
    if response.status_code < 400:
        return
    body = _decode(response)
    problem = body if isinstance(body, dict) else {}
    if response.status_code == 401:
        raise AuthenticationError(401, problem)
    raise ProblemError(response.status_code, problem)


class XizmatApi:
    """A signed-in (or not yet) session with one Xizmat server, in one locale at a time."""

    def __init__(
        self,
        base_url: str,
        data_dir: Path,
        *,
        locale: str = DEFAULT_LOCALE,
        retry: RetryPolicy | None = None,
        timeouts: Timeouts | None = None,
    ) -> None:
        self.transport = Transport(base_url, retry=retry, timeouts=timeouts)
        self.tokens = TokenStore(data_dir / "session.json")
        self.cache = ETagCache(data_dir / "cache")
        self.locale = locale
        #: True when the last read had to be answered from the cache: the UI says so.
        self.offline = False
        self._refresh_lock = threading.Lock()

    # -- plumbing ----------------------------------------------------------------------------
    def _headers(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        headers = {"Accept-Language": to_bcp47(self.locale), "Accept": "application/json"}
        if self.tokens.access_token:
            headers["Authorization"] = f"Bearer {self.tokens.access_token}"
        headers.update(extra or {})
        return headers

    def call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """Send one request; refresh the access token once on 401; return the decoded body."""
        try:
            response = self.transport.send(
                method, API_PREFIX + path, headers=self._headers(headers), json=json, params=params
            )
        except OfflineError:
            self.offline = True
            raise
        self.offline = False
        if response.status_code == 401 and self.tokens.refresh_token and self._refresh():
            response = self.transport.send(
                method, API_PREFIX + path, headers=self._headers(headers), json=json, params=params
            )
        _raise_for_problem(response)
        return _decode(response)

    def _refresh(self) -> bool:
        """Trade the refresh token for a new pair; False (and signed out) when refused."""
        spent = self.tokens.refresh_token
        with self._refresh_lock:
            if self.tokens.refresh_token != spent:
                return True  # another thread refreshed while we waited
            response = self.transport.send(
                "POST",
                API_PREFIX + "/auth/refresh",
                headers={"Accept-Language": to_bcp47(self.locale)},
                json={"refresh_token": spent},
            )
            if response.status_code >= 400:
                self.tokens.clear()
                return False
            self.tokens.save(_decode(response) or {})
            return True

    def cached_get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        """GET a read-only resource through the ETag cache; the cached copy when offline."""
        query = {key: value for key, value in (params or {}).items() if value not in (None, "")}
        url = API_PREFIX + path + (f"?{urlencode(sorted(query.items()))}" if query else "")
        cached = self.cache.get(url, self.locale)
        extra = {"If-None-Match": cached.etag} if cached else {}
        try:
            response = self.transport.send("GET", url, headers=self._headers(extra))
        except OfflineError:
            self.offline = True
            if cached is None:
                raise
            return cached.body
        self.offline = False
        if response.status_code == 304 and cached is not None:
            return cached.body
        _raise_for_problem(response)
        body = _decode(response)
        etag = response.headers.get("ETag")
        if etag:
            self.cache.put(url, self.locale, etag, body)
        return body

    # -- identity ----------------------------------------------------------------------------
    @property
    def signed_in(self) -> bool:
        return self.tokens.signed_in

    def sign_in(self, login: str, password: str, otp: str | None = None) -> Any:
        body: dict[str, Any] = {"login": login, "password": password}
        if otp:
            body["otp"] = otp
        answer = self.call("POST", "/auth/login", json=body)
        self.tokens.save(answer or {}, new_session=True)
        return answer

    def register(self, pinfl: str, phone: str, password: str, full_name: str = "") -> Any:
        body = {"pinfl": pinfl, "phone": phone, "password": password}
        if full_name:
            body["full_name"] = full_name
        answer = self.call("POST", "/auth/register", json=body)
        if isinstance(answer, dict) and answer.get("access_token"):
            self.tokens.save(answer, new_session=True)
        return answer

    def sign_out(self) -> None:
        refresh = self.tokens.refresh_token
        try:
            if refresh:
                self.call("POST", "/auth/logout", json={"refresh_token": refresh})
        except (OfflineError, ProblemError):
            pass  # signing out on the phone must work offline; the token expires anyway
        finally:
            self.tokens.clear()

    def extend_session(self) -> bool:
        """Renew the tokens now (the citizen asked to stay signed in); False when the server
        refused (the sign-in has ended) - the tokens are then gone."""
        if self.tokens.refresh_token is None:
            return False
        return self._refresh()

    def me(self) -> Any:
        return self.call("GET", "/me")

    def update_me(self, changes: Mapping[str, Any]) -> Any:
        return self.call("PATCH", "/me", json=dict(changes))

    # -- catalogue ---------------------------------------------------------------------------
    def catalogue(
        self, query: str = "", category: str = "", life_event: str = "", page: int = 1
    ) -> Any:
        params = {"q": query, "category": category, "life_event": life_event}
        if page > 1:
            params["page"] = str(page)
        return self.cached_get("/catalogue", params)

    def categories(self) -> Any:
        return self.cached_get("/categories")

    def life_events(self) -> Any:
        return self.cached_get("/life-events")

    def service(self, service_id: str) -> Any:
        return self.cached_get(f"/services/{service_id}")

    def regions(self) -> Any:
        return self.cached_get("/regions")

    # -- applications ------------------------------------------------------------------------
    def create_application(self, service_id: str) -> Any:
        return self.call("POST", "/applications", json={"service_id": service_id})

    def save_step(self, application_id: Any, step_id: str, values: Mapping[str, Any]) -> Any:
        return self.call(
            "PUT", f"/applications/{application_id}/steps/{step_id}",
            json={"values": dict(values)},
        )

    def submit(self, application_id: Any, idempotency_key: str) -> Any:
        """Submit with the citizen's declaration that the answers are true (given on the
        review screen before the entry was made); the key makes a repeat harmless."""
        return self.call(
            "POST",
            f"/applications/{application_id}/submit",
            json={"declaration": True, "notify_by_sms": True},
            headers={"Idempotency-Key": idempotency_key},
        )

    def applications(self, status: str = "") -> Any:
        return self.call("GET", "/applications", params={"status": status} if status else None)

    def application(self, application_id: Any) -> Any:
        return self.call("GET", f"/applications/{application_id}")

    def answer_question(self, application_id: Any, answer: str) -> Any:
        return self.call("POST", f"/applications/{application_id}/answer", json={"answer": answer})

    def notifications(self) -> Any:
        return self.call("GET", "/me/notifications")

    def mark_notification_read(self, notification_id: Any) -> Any:
        return self.call("POST", f"/me/notifications/{notification_id}/read", json={})

    # -- proactive services and the data-access log -------------------------------------------
    def offers(self, status: str = "") -> Any:
        return self.call("GET", "/me/offers", params={"status": status} if status else None)

    def offer(self, offer_id: Any) -> Any:
        return self.call("GET", f"/me/offers/{offer_id}")

    def accept_offer(self, offer_id: Any, answers: Mapping[str, Any]) -> Any:
        """Accept in one step, with the answers the registries could not give (the server
        answers a repeat with the same application, so a retry is harmless)."""
        return self.call("POST", f"/me/offers/{offer_id}/accept",
                         json={"values": dict(answers), "notify_by_sms": True})

    def decline_offer(self, offer_id: Any) -> Any:
        return self.call("POST", f"/me/offers/{offer_id}/decline", json={})

    def data_access(self, before: int | None = None) -> Any:
        return self.call("GET", "/me/data-access",
                         params={"before": before} if before is not None else None)

    def close(self) -> None:
        self.transport.close()
