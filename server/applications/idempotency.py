"""Idempotency-Key handling: a retried request gets the first answer, never a second effect.

The answer is stored with the request's effect, in one transaction.  Two requests with the
same key at once cannot both take effect: the effect itself is a conditional update that
only one wins (the loser waits for the winner's commit, then finds the status changed), and
the unique (user, key) index refuses a second record; the loser then answers from the
winner's record.  Only successful answers are kept: a failed request leaves no record, so the
client can correct the request and send it again with the same key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import orjson
from flask import Request, Response, request
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.applications.models import IdempotencyRecord
from server.applications.statements import INSERT_IDEMPOTENCY
from server.errors import Problem
from server.i18n import N_
from server.identity.models import utc_now
from server.prepared import Database, write

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


def request_key() -> str:
    """The request's Idempotency-Key; 400 when it is missing or malformed."""
    key = request.headers.get(HEADER, "").strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
        raise Problem(400, detail=N_("Send an Idempotency-Key header (up to 255 characters) "
                                     "with this request."))
    return key


def request_fingerprint() -> str:
    """SHA-256 of the method, path and JSON body (key order and spacing do not matter)."""
    # Not through the proxy: an attribute read there fails a lookup first.
    current: Request = request._get_current_object()  # type: ignore[attr-defined]
    raw = current.get_data(cache=True)
    try:
        body = orjson.dumps(orjson.loads(raw), option=orjson.OPT_SORT_KEYS) if raw else b""
    except orjson.JSONDecodeError:
        body = raw
    return hashlib.sha256(b"%s %s\n%s" % (current.method.encode(), current.path.encode(),
                                           body)).hexdigest()


def replay(record: IdempotencyRecord, request_hash: str) -> Response:
    if record.request_hash != request_hash:
        raise Problem(409, detail=N_("This Idempotency-Key was already used with a different "
                                     "request. Use a new key for a new request."))
    return Response(record.response_body, status=record.status_code,
                    mimetype="application/json", headers={"Idempotent-Replayed": "true"})


def stored(session: Session, user_id: int, key: str) -> IdempotencyRecord | None:
    return session.scalars(select(IdempotencyRecord).where(
        IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key)).first()


def store(database: Database, user_id: int, key: str, request_hash: str, status: int,
          body: bytes) -> None:
    """Keep the answer under the key, in the transaction that made the effect.

    A concurrent request with the same key that got here first makes this insert fail on the
    unique index (IntegrityError): the caller rolls back and replays the stored answer.
    """
    write(database, INSERT_IDEMPOTENCY, {
        "user_id": user_id, "key": key, "request_hash": request_hash, "status_code": status,
        "response_body": body.decode("utf-8"), "created_at": utc_now()})


@dataclass(frozen=True, slots=True)
class Claim:
    record_id: int
    request_hash: str


def claim_or_replay(session: Session, user_id: int, key: str) -> Claim | Response:
    """Claim ``key`` with an insert first (for requests that make several effects), or the
    stored answer of the request that claimed it.  Complete the claim with :func:`complete`.

    The claim is the first write of the transaction: a concurrent request with the same key
    waits on the unique index until this one commits, then replays its answer.
    """
    request_hash = request_fingerprint()
    earlier = stored(session, user_id, key)
    if earlier is not None:
        return replay(earlier, request_hash)
    try:
        record_id = session.execute(
            insert(IdempotencyRecord).values(
                user_id=user_id, key=key, request_hash=request_hash, status_code=0,
                response_body="", created_at=utc_now())
            .returning(IdempotencyRecord.id)
        ).scalar_one()
    except IntegrityError:
        session.rollback()
        earlier = stored(session, user_id, key)
        if earlier is None:  # the other request failed and left no record
            raise Problem(409, detail=N_("Another request with this Idempotency-Key is in "
                                         "progress. Try again.")) from None
        return replay(earlier, request_hash)
    return Claim(record_id, request_hash)


def complete(session: Session, claim: Claim, status: int, body: bytes) -> None:
    """Keep the answer with the claim (in the same transaction as the request's effect)."""
    session.execute(
        update(IdempotencyRecord).where(IdempotencyRecord.id == claim.record_id)
        .values(status_code=status, response_body=body.decode("utf-8"))
        .execution_options(synchronize_session=False)
    )
