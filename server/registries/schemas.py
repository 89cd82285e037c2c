"""Request and response schemas of the registries API (they also write its OpenAPI part)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from server.applications.schemas import QuerySchema

OFFER_STATUSES = ("pending", "accepted", "declined")


class DataAccessQuerySchema(QuerySchema):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=100))
    before = fields.Integer(load_default=None, allow_none=True,
                            validate=validate.Range(min=1, max=2**62),
                            metadata={"description": "entries older than this id (paging)"})


class DataAccessEntrySchema(Schema):
    id = fields.Integer(required=True)
    at = fields.String(required=True)
    registry = fields.Dict(required=True, metadata={"description": "{id, name}"})
    attributes = fields.List(fields.Dict(), required=True, metadata={
        "description": "[{id, name}] the attributes read"})
    outcome = fields.String(required=True, metadata={"description": "ok, not_found, unavailable"})
    outcome_text = fields.String(required=True)
    purpose = fields.Dict(required=True, metadata={
        "description": "{kind, reference, service_id, text}"})
    actor = fields.Dict(required=True, metadata={"description": "{role, agency, text}"})


class DataAccessPageSchema(Schema):
    items = fields.List(fields.Nested(DataAccessEntrySchema), required=True)
    next_before = fields.Integer(allow_none=True, required=True)


class OfferQuerySchema(QuerySchema):
    status = fields.String(validate=validate.OneOf(OFFER_STATUSES))


class AnswersSchema(Schema):
    """Answers by field name for what the registries could not fill (checked by the flow
    engine, not here)."""

    values = fields.Dict(keys=fields.String(validate=validate.Length(max=64)),
                         load_default=dict)
    notify_by_sms = fields.Boolean(load_default=True)


class OfferSchema(Schema):
    id = fields.String(required=True)
    status = fields.String(required=True)
    event = fields.String(required=True)
    message = fields.String(required=True)
    service = fields.Dict(required=True, metadata={"description": "{id, title, agency}"})
    prefill = fields.Dict(required=True, metadata={
        "description": "field -> {value, source, fetched_at, status}"})
    facts = fields.Dict(required=True)
    missing = fields.List(fields.String(), required=True, metadata={
        "description": "required fields the citizen still has to answer on accepting"})
    application_id = fields.String(allow_none=True, required=True)
    created_at = fields.String(required=True)


class OfferListSchema(Schema):
    items = fields.List(fields.Nested(OfferSchema), required=True)


class BundleSummarySchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    summary = fields.String(required=True)
    life_event = fields.Dict(required=True)
    services = fields.List(fields.Dict(), required=True)


class BundleListSchema(Schema):
    items = fields.List(fields.Nested(BundleSummarySchema), required=True)


class BundleSchema(BundleSummarySchema):
    fields_ = fields.List(fields.Dict(), required=True, data_key="fields", attribute="fields",
                          metadata={"description": "each question once, shared ones marked"})
    prefilled_fields = fields.Integer(required=True, metadata={
        "description": "how many of the questions the registries answer"})


class PrefillSchema(Schema):
    values = fields.Dict(keys=fields.String(), values=fields.Dict(), required=True, metadata={
        "description": "field -> {value, source, fetched_at, status}"})


class GroupSchema(Schema):
    id = fields.String(required=True)
    bundle = fields.Dict(required=True, metadata={"description": "{id, title}"})
    created_at = fields.String(required=True)
    applications = fields.List(fields.Dict(), required=True, metadata={
        "description": "[{id, service_id, title, agency, status, number}]"})


class GroupListSchema(Schema):
    items = fields.List(fields.Nested(GroupSchema), required=True)


class EventBatchSchema(Schema):
    events = fields.List(fields.Dict(), required=True, validate=validate.Length(max=500))


class IntakeResultSchema(Schema):
    outcomes = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)


class RegistryCheckFieldSchema(Schema):
    name = fields.String(required=True)
    source = fields.String(required=True)
    sent = fields.Raw(allow_none=True, required=True, metadata={
        "description": "what the application holds"})
    registry = fields.Raw(allow_none=True, required=True, metadata={
        "description": "what the registry holds now"})
    status = fields.String(required=True, metadata={
        "description": "registry, verify_by_officer (no answer) or not_held"})
    matches = fields.Boolean(required=True)


class RegistryCheckSchema(Schema):
    fields_ = fields.List(fields.Nested(RegistryCheckFieldSchema), required=True,
                          data_key="fields", attribute="fields")
