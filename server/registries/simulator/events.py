"""Life events the registries publish: a log Xizmat pulls from, and an optional webhook push.

Each event's id is derived from what happened (its type and the facts that identify it), not
from its position in the log, so the same life event keeps its id across a simulator restart
and a receiver can de-duplicate by id alone.  Delivery is at least once: the webhook pusher
re-sends on failure, and a pull may overlap an earlier one.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import logging
import threading
import urllib.request
import uuid
from typing import Any

from server.registries.simulator.population import Citizen, Population, age_on

log = logging.getLogger(__name__)
_NAMESPACE = uuid.UUID("5b0b3c2e-8f5e-4c52-9d7a-1f3c0d0e7a11")
#: Retirement age by sex (Uzbekistan: 60 for men, 55 for women).
RETIREMENT_AGE = {"male": 60, "female": 55}
SIGNATURE_HEADER = "X-Registry-Signature"


def sign(secret: str, body: bytes) -> str:
    """The webhook signature header value: ``sha256=<hex HMAC of the body>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class EventLog:
    """An append-only, thread-safe list of events with a position (``seq``) for pulling."""

    def __init__(self) -> None:
        self._events: list[dict[str, Any]] = []
        self._changed = threading.Condition()

    def publish(self, kind: str, pinfl: str, occurred_on: datetime.date, key: str,
                data: dict[str, Any]) -> dict[str, Any]:
        with self._changed:
            event = {
                "id": str(uuid.uuid5(_NAMESPACE, f"{kind}:{pinfl}:{key}")),
                "seq": len(self._events) + 1,
                "type": kind,
                "pinfl": pinfl,
                "occurred_on": occurred_on.isoformat(),
                "data": data,
            }
            self._events.append(event)
            self._changed.notify_all()
            return event

    def after(self, seq: int, limit: int = 100) -> list[dict[str, Any]]:
        with self._changed:
            return [dict(e) for e in self._events[max(seq, 0): max(seq, 0) + limit]]

    def wait_after(self, seq: int, timeout: float) -> list[dict[str, Any]]:
        with self._changed:
            self._changed.wait_for(lambda: len(self._events) > seq, timeout=timeout)
        return self.after(seq)


def publish_backlog(population: Population, events: EventLog) -> None:
    """Events due around the simulator's day: retirements, expiring ID cards, disabilities."""
    today = population.today
    for citizen in sorted(population.citizens.values(), key=lambda c: c.pinfl):
        retirement = _retirement_day(citizen)
        if retirement and abs((retirement - today).days) <= 31:
            events.publish("retirement_age_reached", citizen.pinfl, retirement,
                           retirement.isoformat(), {"retirement_date": retirement.isoformat()})
        expires = citizen.id_card_expires
        if expires and 0 <= (expires - today).days <= 60:
            events.publish("document_expiring", citizen.pinfl, today, expires.isoformat(),
                           {"document": "id_card", "expires_on": expires.isoformat()})
        if citizen.disability_group and citizen.pinfl.endswith(("1", "7")):
            events.publish("disability_status_granted", citizen.pinfl, today,
                           str(citizen.disability_group),
                           {"disability_group": citizen.disability_group})


def _retirement_day(citizen: Citizen) -> datetime.date | None:
    years = RETIREMENT_AGE[citizen.sex]
    born = citizen.birth_date
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # born on 29 February
        return datetime.date(born.year + years, 3, 1)


def record_birth(population: Population, events: EventLog, parent: Citizen,
                 birth_date: datetime.date, sex: str | None, given: str | None) -> Citizen:
    """Register a newborn in the civil registry and publish ``birth_recorded`` for the parent."""
    if parent.sex == "female":
        mother, father = parent, population.citizens.get(parent.spouse or "")
    else:
        father, mother = parent, population.citizens.get(parent.spouse or "") or parent
    child = population.add_child(mother, father, birth_date, sex, given)
    events.publish("birth_recorded", parent.pinfl, birth_date, child.pinfl, {
        "child_pinfl": child.pinfl,
        "child_full_name": child.full_name,
        "child_birth_date": child.birth_date.isoformat(),
        "child_sex": child.sex,
        "mother_pinfl": mother.pinfl,
        "father_pinfl": father.pinfl if father else None,
    })
    return child


def is_adult(citizen: Citizen, today: datetime.date) -> bool:
    return age_on(citizen.birth_date, today) >= 18


class WebhookPusher(threading.Thread):
    """Posts every new event to ``url`` (signed), retrying until it is accepted."""

    def __init__(self, events: EventLog, url: str, secret: str) -> None:
        super().__init__(name="webhook-pusher", daemon=True)
        self.events, self.url, self.secret = events, url, secret
        self.delivered = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            batch = self.events.wait_after(self.delivered, timeout=1.0)
            if not batch:
                continue
            body = json.dumps({"events": batch}).encode()
            request = urllib.request.Request(self.url, data=body, method="POST", headers={
                "Content-Type": "application/json", SIGNATURE_HEADER: sign(self.secret, body)})
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    if response.status < 300:
                        self.delivered = batch[-1]["seq"]
                        continue
            except OSError as error:  # the receiver is down or busy: keep the events
                log.warning("webhook delivery to %s failed: %s", self.url, error)
            self.stopping.wait(2.0)
