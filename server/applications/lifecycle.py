"""The application lifecycle: one table of transitions, and the one function that makes them.

Each transition names the statuses it leaves from, the status it leads to, who may make it
(the citizen who owns the application, or an officer of the service's agency), the parameters
it needs, and the message recorded on the timeline and sent to the citizen.  A transition is
an atomic conditional update (``WHERE status IN sources``), so two racing requests cannot both
make it, on SQLite or on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal

from sqlalchemy.orm.attributes import set_committed_value

from server.applications.models import Application
from server.applications.records import AnyApplication, EventRecord
from server.applications.statements import INSERT_EVENT, move_application
from server.errors import Problem
from server.i18n import N_
from server.prepared import Database, write

Actor = Literal["owner", "officer"]

#: Status -> its name as people read it.
STATUS_NAMES: Final[dict[str, str]] = {
    "draft": N_("Draft"),
    "submitted": N_("Submitted"),
    "in_review": N_("In review"),
    "needs_info": N_("Information requested"),
    "approved": N_("Approved"),
    "rejected": N_("Rejected"),
    "issued": N_("Issued"),
    "withdrawn": N_("Withdrawn"),
}
STATUSES: Final[tuple[str, ...]] = tuple(STATUS_NAMES)
#: Statuses in which the agency owes the citizen a decision (the due date runs).
OPEN_STATUSES: Final[frozenset[str]] = frozenset({"submitted", "in_review"})
#: Statuses in which the citizen may still change the answers.
EDITABLE_STATUSES: Final[frozenset[str]] = frozenset({"draft", "needs_info"})

#: Status -> what happens next, as the citizen reads it.
NEXT_STEPS: Final[dict[str, str]] = {
    "draft": N_("Complete the steps and submit the application."),
    "submitted": N_("The agency will take the application for review."),
    "in_review": N_("An officer is reviewing the application."),
    "needs_info": N_("Answer the officer's question to continue."),
    "approved": N_("The result is being prepared for issue."),
    "rejected": N_("The application was rejected. You may apply again."),
    "issued": N_("Nothing more to do: the result has been issued."),
    "withdrawn": N_("Nothing more to do: you withdrew the application."),
}


class TransitionConflictError(Problem):
    """The status does not allow the action (or another request changed it first): 409."""

    def __init__(self) -> None:
        super().__init__(409, detail=N_("This is not possible in the application's current "
                                        "state."))


@dataclass(frozen=True, slots=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    actor: Actor
    message: str
    required_params: tuple[str, ...] = ()


TRANSITIONS: Final[dict[str, Transition]] = {
    t.action: t
    for t in (
        Transition("submit", frozenset({"draft"}), "submitted", "owner", N_(
            "Application %(number)s for “%(service)s” has been received. "
            "A decision is due by %(due_date)s.")),
        Transition("take", frozenset({"submitted"}), "in_review", "officer", N_(
            "Application %(number)s for “%(service)s” is being reviewed by an officer.")),
        Transition("request_info", frozenset({"in_review"}), "needs_info", "officer", N_(
            "Application %(number)s: the officer asks for more information: %(question)s"),
            ("question",)),
        Transition("answer", frozenset({"needs_info"}), "submitted", "owner", N_(
            "Application %(number)s: your answer has been sent to the agency.")),
        Transition("approve", frozenset({"in_review"}), "approved", "officer", N_(
            "Application %(number)s for “%(service)s” has been approved.")),
        Transition("reject", frozenset({"in_review"}), "rejected", "officer", N_(
            "Application %(number)s for “%(service)s” has been rejected. Reason: %(reason)s"),
            ("reason",)),
        Transition("issue", frozenset({"approved"}), "issued", "officer", N_(
            "Application %(number)s is complete: the result of “%(service)s” has been issued.")),
        Transition("withdraw", frozenset({"submitted", "in_review", "needs_info"}), "withdrawn",
                   "owner", N_("Application %(number)s has been withdrawn at your request.")),
    )
}


def allowed_actions(status: str, actor: Actor) -> list[str]:
    return [t.action for t in TRANSITIONS.values() if status in t.sources and t.actor == actor]


def transition(
    database: Database, application: AnyApplication, action: str, *, actor_id: int,
    actor_role: str, now: datetime, params: Mapping[str, Any] | None = None,
    changes: Mapping[str, Any] | None = None,
) -> EventRecord:
    """Move ``application`` by ``action``; record and return the event (not yet notified).

    The caller has already checked that the actor may see the application (404 otherwise) and
    is of the kind the transition names.  ``changes`` are further columns set in the same
    update (the number and due date on submission).  Raises :class:`TransitionConflictError`
    (409) when the status does not allow the action, also when another request changed it
    first.  The event is written with a prebuilt insert and returned as a plain record.
    """
    rule = TRANSITIONS[action]
    event_params = dict(params or {})
    for name in rule.required_params:
        if not str(event_params.get(name) or "").strip():
            raise Problem(422, detail=N_("Some fields need your attention."),
                          errors={name: [N_("This field is required.")]})
    source = application.status
    values: dict[str, Any] = {"status": rule.target, "updated_at": now, **(changes or {})}
    result = write(database, move_application(rule.sources), {**values, "match_id": application.id})
    if result.rowcount != 1:
        raise TransitionConflictError()
    # Already written by the update above: mirror it (on an ORM object, without making it dirty).
    mirror = set_committed_value if isinstance(application, Application) else setattr
    for column, value in values.items():
        mirror(application, column, value)
    event_params.setdefault("number", application.number or "")
    event_params.setdefault("service", application.service_id)
    row: dict[str, Any] = {"application_id": application.id, "at": now, "actor_id": actor_id,
           "actor_role": actor_role, "action": action, "from_status": source,
           "to_status": rule.target, "message_id": rule.message, "params": event_params}
    # A prebuilt Core insert: the ORM's unit of work costs more than the statement itself.
    event_id = write(database, INSERT_EVENT, row).returned
    return EventRecord(id=event_id, **row)
