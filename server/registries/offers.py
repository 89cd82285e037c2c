"""Proactive services: life events from the registries become offers the citizen accepts in
one step, or declines.

Events arrive at least once (pulled by ``flask registries pull`` or pushed to the webhook);
each is recorded under its id, which is unique, so a second delivery - even a concurrent one -
changes nothing.  An offer is made only to a citizen with an account: the state does not look
up people who never used Xizmat just to prepare an offer.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.applications.channels import Delivery, reader_locale
from server.applications.channels import registry as channels
from server.applications.models import Notification
from server.applications.notifications import render_message
from server.catalogue.service import current_catalogue
from server.flows.identifiers import pinfl_problem
from server.i18n import N_
from server.identity.models import User
from server.registries.models import LifeEventReceipt, Offer
from server.registries.service import SYSTEM, Purpose, as_json, prefill_values

#: Which service each life event offers.
OFFERED_SERVICES: Final[dict[str, str]] = {
    "birth_recorded": "child-benefit",
    "retirement_age_reached": "pension-assignment",
    "disability_status_granted": "low-income-family-support",
    "document_expiring": "id-card",
}
#: Answers an event implies beyond its data (whose keys already name the fields they fill).
IMPLIED_ANSWERS: Final[dict[str, dict[str, Any]]] = {
    "document_expiring": {"reason": "expiring"},
}
#: The notification of each offer (``%(service)s`` is the service's title in the reader's locale).
OFFER_MESSAGES: Final[dict[str, str]] = {
    "birth_recorded": N_("Congratulations on the birth of your child! You can apply for "
                         "%(service)s in one step: the form is already filled in."),
    "retirement_age_reached": N_("You have reached the retirement age. You can apply for "
                                 "%(service)s in one step: the form is already filled in."),
    "disability_status_granted": N_("A disability group has been granted to you. You can apply "
                                    "for %(service)s in one step: the form is already filled in."),
    "document_expiring": N_("Your ID card expires soon. You can apply for %(service)s in one "
                            "step: the form is already filled in."),
}


class InvalidEvent(ValueError):  # noqa: N818 - reads as the condition it reports
    """An event without a usable id, type or PINFL."""


def _checked(event: Mapping[str, Any]) -> tuple[str, str, str, dict[str, Any]]:
    event_id, kind, pinfl = event.get("id"), event.get("type"), event.get("pinfl")
    data = event.get("data") or {}
    if not isinstance(event_id, str) or not 8 <= len(event_id) <= 64:
        raise InvalidEvent("id")
    if not isinstance(kind, str) or not kind or len(kind) > 40:
        raise InvalidEvent("type")
    if not isinstance(pinfl, str) or pinfl_problem(pinfl) is not None:
        raise InvalidEvent("pinfl")
    if not isinstance(data, dict):
        raise InvalidEvent("data")
    return event_id, kind, pinfl, data


def ingest(session: Session, event: Mapping[str, Any]) -> str:
    """Record one life event and make its offer; the outcome is "duplicate", "offered",
    "no_account" or "no_service".  Raises InvalidEvent for a malformed event."""
    event_id, kind, pinfl, data = _checked(event)
    if session.scalar(select(LifeEventReceipt.id).where(LifeEventReceipt.event_id == event_id)):
        return "duplicate"
    receipt = LifeEventReceipt(event_id=event_id, kind=kind, subject_pinfl=pinfl, data=data,
                               outcome="no_service")
    try:
        with session.begin_nested():  # a concurrent delivery of the same event loses here
            session.add(receipt)
            session.flush()
    except IntegrityError:
        return "duplicate"
    user = session.scalars(select(User).where(User.pinfl == pinfl, User.role == "citizen")).first()
    definition = current_catalogue().get(OFFERED_SERVICES.get(kind, ""))
    if definition is None:
        return receipt.outcome
    if user is None:
        receipt.outcome = "no_account"
        return receipt.outcome
    offer = Offer(id=uuid.uuid4().hex, user_id=user.id, event_id=event_id, event_kind=kind,
                  service_id=definition.id, status="pending")
    offer.prefill = as_json(prefill_values(
        session, definition, pinfl, Purpose("offer", offer.id, definition.id), SYSTEM))
    field_names = {f.name for _, f in definition.fields()}
    facts = {**data, **IMPLIED_ANSWERS.get(kind, {})}
    offer.facts = {key: value for key, value in facts.items() if key in field_names}
    session.add(offer)
    receipt.outcome = "offered"
    _notify(session, user, offer)
    return receipt.outcome


def _notify(session: Session, user: User, offer: Offer) -> None:
    notification = Notification(user_id=user.id, application_id=None,
                                message_id=OFFER_MESSAGES[offer.event_kind],
                                params={"service": offer.service_id, "offer": offer.id})
    session.add(notification)
    session.flush()
    delivery = Delivery(notification, user, None)
    for channel in channels:
        if channel.wants(delivery):
            locale = reader_locale(user)
            channel.deliver(session, delivery,
                            render_message(notification.message_id, notification.params, locale),
                            locale)


def offer_answers(offer: Offer) -> dict[str, Any]:
    """The values an accepted offer submits: registry values, then the event's facts."""
    answers = {name: item["value"] for name, item in offer.prefill.items()
               if item.get("status") == "registry" and item.get("value") is not None}
    answers.update(offer.facts)
    return answers
