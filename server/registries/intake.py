"""Receiving life events: the pull loop over the registries' event log, and the signed webhook.

Both hand each event to :func:`server.registries.offers.ingest`, which de-duplicates by id, so
running both, re-pulling, or a retried push never makes a second offer.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from server.registries.http import RegistryClient
from server.registries.hub import RegistryHub
from server.registries.models import LifeEventCursor
from server.registries.offers import InvalidEvent, ingest

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Registry-Signature"


def ingest_all(session: Session, events: Iterable[Mapping[str, Any]]) -> Counter[str]:
    """Ingest ``events`` in order; malformed ones are counted as "invalid" and skipped."""
    outcomes: Counter[str] = Counter()
    for event in events:
        try:
            outcomes[ingest(session, event)] += 1
        except InvalidEvent as error:
            log.warning("life event skipped: invalid %s", error)
            outcomes["invalid"] += 1
    return outcomes


def pull_once(session: Session, hub: RegistryHub, batch: int = 100) -> Counter[str]:
    """Read the events after the stored cursor, ingest them and move the cursor (commits per
    batch, so an interrupted pull resumes where it stopped).  RegistryUnavailableError when
    the event log does not answer."""
    url = hub.settings.events_url
    if not url:
        return Counter()
    client = RegistryClient("events", url, timeout=max(hub.settings.timeout, 5.0), retries=2)
    cursor = session.get(LifeEventCursor, url) or LifeEventCursor(source=url, last_seq=0)
    session.add(cursor)
    outcomes: Counter[str] = Counter()
    while True:
        payload = client.get_json(f"?after={cursor.last_seq}&limit={batch}")
        events = [e for e in payload.get("events") or () if isinstance(e, dict)]
        if not events:
            break
        outcomes += ingest_all(session, events)
        cursor.last_seq = max(int(e.get("seq") or 0) for e in events)
        session.commit()
    session.commit()
    return outcomes


def sign_body(secret: str, body: bytes) -> str:
    """The webhook's ``X-Registry-Signature``: ``sha256=<hex HMAC-SHA256 of the body>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signature_valid(secret: str, body: bytes, header: str | None) -> bool:
    if not secret or not header:
        return False
    return hmac.compare_digest(sign_body(secret, body), header.strip())
