"""The registries API: the citizen's data-access log, offers, bundles and the event webhook.

    GET  /api/v1/me/data-access                     who read my data, why, and how it went
    GET  /api/v1/me/offers                          services offered to me after life events
    POST /api/v1/me/offers/{id}/accept | /decline   one step either way
    GET  /api/v1/bundles, /api/v1/bundles/{id}      composite services, each question once
    POST /api/v1/bundles/{id}/applications          one submission, one application per service
    GET  /api/v1/me/application-groups              what each bundle submission made
    POST /api/v1/registry-events                    life events pushed by the registries (signed)
"""

from __future__ import annotations

from typing import Any

from flask import Response, request
from marshmallow import RAISE
from sqlalchemy import select, update

from server.applications.models import Application
from server.catalogue.service import current_catalogue
from server.db import get_session
from server.errors import Problem
from server.i18n import N_, current_locale
from server.identity.auth import current_user, require_user
from server.identity.models import utc_now
from server.registries import officer_routes, submission
from server.registries.access_log import entries_for, render_entry
from server.registries.blueprint import IDEMPOTENCY_PARAMETER, SECURITY, blp
from server.registries.bundles import current_bundles
from server.registries.intake import SIGNATURE_HEADER, ingest_all, signature_valid
from server.registries.models import ApplicationGroup, ApplicationGroupMember, Offer
from server.registries.schemas import (
    AnswersSchema,
    BundleListSchema,
    BundleSchema,
    DataAccessPageSchema,
    DataAccessQuerySchema,
    EventBatchSchema,
    GroupListSchema,
    GroupSchema,
    IntakeResultSchema,
    OfferListSchema,
    OfferQuerySchema,
    OfferSchema,
    PrefillSchema,
)
from server.registries.service import hub
from server.registries.views import bundle_json, group_json, offer_json

__all__ = ["blp", "officer_routes"]

OFFER_NOT_FOUND = N_("There is no such offer.")
BUNDLE_NOT_FOUND = N_("There is no such set of services.")


@blp.route("/me/data-access", methods=["GET"])
@blp.doc(security=SECURITY)
@require_user("citizen")
@blp.arguments(DataAccessQuerySchema, location="query", unknown=RAISE)
@blp.response(200, DataAccessPageSchema)
def data_access(query: dict[str, Any]) -> dict[str, Any]:
    """Every registry lookup about me: registry, attributes, purpose, who, and the outcome."""
    user = current_user()
    entries = entries_for(get_session(), user.pinfl, query["limit"] + 1, query["before"])
    page, more = entries[: query["limit"]], len(entries) > query["limit"]
    locale = current_locale()
    return {"items": [render_entry(e, hub().plugins, locale) for e in page],
            "next_before": page[-1].id if more and page else None}


def _my_offer(offer_id: str) -> Offer:
    offer = get_session().get(Offer, offer_id[:32])
    if offer is None or offer.user_id != current_user().id:
        raise Problem(404, detail=OFFER_NOT_FOUND)
    return offer


@blp.route("/me/offers", methods=["GET"])
@blp.doc(security=SECURITY)
@require_user("citizen")
@blp.arguments(OfferQuerySchema, location="query", unknown=RAISE)
@blp.response(200, OfferListSchema)
def offers(query: dict[str, Any]) -> dict[str, Any]:
    """Services offered to me after a life event, newest first."""
    statement = select(Offer).where(Offer.user_id == current_user().id)
    if "status" in query:
        statement = statement.where(Offer.status == query["status"])
    found = get_session().scalars(statement.order_by(Offer.created_at.desc(), Offer.id))
    catalogue, locale = current_catalogue(), current_locale()
    return {"items": [offer_json(o, catalogue, locale) for o in found]}


@blp.route("/me/offers/<offer_id>", methods=["GET"])
@blp.doc(security=SECURITY)
@require_user("citizen")
@blp.response(200, OfferSchema)
def offer_detail(offer_id: str) -> dict[str, Any]:
    return offer_json(_my_offer(offer_id), current_catalogue(), current_locale())


@blp.route("/me/offers/<offer_id>/accept", methods=["POST"])
@blp.doc(security=SECURITY)
@require_user("citizen")
@blp.arguments(AnswersSchema)
@blp.response(200, OfferSchema)
def accept_offer(answers: dict[str, Any], offer_id: str) -> dict[str, Any]:
    """Apply in one step: the prefilled answers (plus any the registries lacked) are submitted.

    Accepting an accepted offer again answers the same application; a declined one is 409.
    """
    offer = _my_offer(offer_id)
    if offer.status == "declined":
        raise Problem(409, detail=N_("This offer was declined."))
    if offer.status == "pending":
        submission.accept_offer(get_session(), current_user(), offer, answers["values"],
                                answers["notify_by_sms"], current_locale())
    return offer_json(offer, current_catalogue(), current_locale())


@blp.route("/me/offers/<offer_id>/decline", methods=["POST"])
@blp.doc(security=SECURITY)
@require_user("citizen")
@blp.response(200, OfferSchema)
def decline_offer(offer_id: str) -> dict[str, Any]:
    offer = _my_offer(offer_id)
    session = get_session()
    changed = session.execute(
        update(Offer).where(Offer.id == offer.id, Offer.status == "pending")
        .values(status="declined", decided_at=utc_now())).rowcount  # type: ignore[attr-defined]
    session.commit()
    session.refresh(offer)
    if not changed and offer.status != "declined":
        raise Problem(409, detail=N_("This offer was already accepted."))
    return offer_json(offer, current_catalogue(), current_locale())


@blp.route("/bundles", methods=["GET"])
@blp.response(200, BundleListSchema)
def bundles() -> dict[str, Any]:
    """Composite services: several services around one life event, applied for at once."""
    catalogue, locale = current_catalogue(), current_locale()
    return {"items": [bundle_json(b, catalogue, locale, detail=False)
                      for b in current_bundles().values()]}


@blp.route("/bundles/<bundle_id>", methods=["GET"])
@blp.response(200, BundleSchema)
def bundle_detail(bundle_id: str) -> dict[str, Any]:
    """The bundle's services and its questions, each asked once (shared ones marked)."""
    bundle = current_bundles().get(bundle_id)
    if bundle is None:
        raise Problem(404, detail=BUNDLE_NOT_FOUND)
    return bundle_json(bundle, current_catalogue(), current_locale(), detail=True)


@blp.route("/bundles/<bundle_id>/prefill", methods=["GET"])
@blp.doc(security=SECURITY)
@require_user("citizen")
@blp.response(200, PrefillSchema)
def bundle_prefill(bundle_id: str) -> dict[str, Any]:
    """What the registries already hold for the bundle's questions, each with its source and
    time: shown to confirm, not to retype (the lookup is in the data-access log)."""
    bundle = current_bundles().get(bundle_id)
    if bundle is None:
        raise Problem(404, detail=BUNDLE_NOT_FOUND)
    return {"values": submission.bundle_prefill(get_session(), current_user(), bundle)}


@blp.route("/bundles/<bundle_id>/applications", methods=["POST"])
@blp.doc(security=SECURITY, parameters=[IDEMPOTENCY_PARAMETER])
@require_user("citizen")
@blp.arguments(AnswersSchema)
@blp.response(201, GroupSchema)
def apply_for_bundle(answers: dict[str, Any], bundle_id: str) -> Response | dict[str, Any]:
    """One submission: one application per service of the bundle, grouped (needs an
    Idempotency-Key header; a retry with the same key answers the same group)."""
    bundle = current_bundles().get(bundle_id)
    if bundle is None:
        raise Problem(404, detail=BUNDLE_NOT_FOUND)
    locale = current_locale()
    return submission.submit_bundle(
        get_session(), current_user(), bundle, answers["values"], answers["notify_by_sms"],
        locale, render=lambda group, applications: group_json(group, applications, locale))


@blp.route("/me/application-groups", methods=["GET"])
@blp.doc(security=SECURITY)
@require_user("citizen")
@blp.response(200, GroupListSchema)
def application_groups() -> dict[str, Any]:
    """My bundle submissions, each with its applications (own agency, status and number)."""
    session, locale = get_session(), current_locale()
    groups = session.scalars(select(ApplicationGroup).where(
        ApplicationGroup.user_id == current_user().id)
        .order_by(ApplicationGroup.created_at.desc()))
    items = []
    for group in groups:
        members = session.scalars(
            select(Application).join(ApplicationGroupMember,
                                     ApplicationGroupMember.application_id == Application.id)
            .where(ApplicationGroupMember.group_id == group.id).order_by(Application.service_id))
        items.append(group_json(group, list(members), locale))
    return {"items": items}


@blp.route("/registry-events", methods=["POST"])
@blp.arguments(EventBatchSchema)
@blp.response(200, IntakeResultSchema)
def registry_events(batch: dict[str, Any]) -> dict[str, Any]:
    """Life events pushed by the registries, signed with the shared secret (HMAC-SHA256)."""
    secret = hub().settings.webhook_secret
    if not secret:  # the webhook is off: events are pulled instead
        raise Problem(404)
    if not signature_valid(secret, request.get_data(cache=True),
                           request.headers.get(SIGNATURE_HEADER)):
        raise Problem(403, detail=N_("The event signature is not valid."))
    session = get_session()
    outcomes = ingest_all(session, batch["events"])
    session.commit()
    return {"outcomes": dict(outcomes)}
