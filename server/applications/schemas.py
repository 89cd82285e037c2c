"""Request and response schemas of the applications API (and its OpenAPI document)."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from server.applications.lifecycle import STATUSES
from server.identity.schemas import strict_boolean


class CreateApplicationSchema(Schema):
    service_id = fields.String(required=True, validate=validate.Length(min=1, max=64))


class StepValuesSchema(Schema):
    """The answers of one step, by field name (checked by the flow engine, not here)."""

    values = fields.Dict(keys=fields.String(), required=True)


class SubmitSchema(Schema):
    declaration = strict_boolean(required=True, metadata={
        "description": "The applicant confirms the answers are true (must be true)"})
    notify_by_sms = strict_boolean(load_default=True)


class AnswerSchema(Schema):
    answer = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class QuestionSchema(Schema):
    question = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class ReasonSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class QuerySchema(Schema):
    """Query strings: unknown parameters are refused; ``lang`` chooses the language."""

    class Meta:
        unknown = RAISE

    lang = fields.String(validate=validate.Length(max=35),
                         metadata={"description": "locale, e.g. uz-Latn, uz-Cyrl, ru, en"})


class ListQuerySchema(QuerySchema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class OfficerListQuerySchema(ListQuerySchema):
    overdue = fields.Boolean()


class TimelineEntrySchema(Schema):
    at = fields.String(required=True)
    action = fields.String(required=True)
    status = fields.String(required=True)
    status_name = fields.String(required=True)
    actor_role = fields.String(required=True)
    message = fields.String(required=True)
    note = fields.String(allow_none=True, required=True,
                         metadata={"description": "the officer's question or reason, or the "
                                                  "citizen's answer, as they wrote it"})


class NextSchema(Schema):
    message = fields.String(required=True)
    actions = fields.List(fields.String(), required=True)
    question = fields.String(allow_none=True, required=True)


class ApplicantSchema(Schema):
    id = fields.Integer(required=True)
    full_name = fields.String(required=True)
    pinfl = fields.String(required=True)
    phone = fields.String(required=True)


class ApplicationSummarySchema(Schema):
    id = fields.String(required=True)
    number = fields.String(allow_none=True, required=True)
    service_id = fields.String(required=True)
    service_title = fields.String(required=True)
    agency = fields.String(required=True)
    status = fields.String(required=True)
    status_name = fields.String(required=True)
    created_at = fields.String(required=True)
    submitted_at = fields.String(allow_none=True, required=True)
    due_date = fields.String(allow_none=True, required=True)
    overdue = fields.Boolean(required=True)
    group_id = fields.String(allow_none=True, metadata={
        "description": "in the list: the bundle submission that made it, if one did"})


class ApplicationSchema(ApplicationSummarySchema):
    values = fields.Dict(keys=fields.String(), values=fields.Dict(), required=True)
    prefill = fields.Dict(keys=fields.String(), values=fields.Dict(), required=True)
    steps = fields.List(fields.String(), required=True)
    timeline = fields.List(fields.Nested(TimelineEntrySchema), required=True)
    next = fields.Nested(NextSchema, required=True)
    applicant = fields.Nested(ApplicantSchema, allow_none=True,
                              metadata={"description": "officers only"})


class ApplicationPageSchema(Schema):
    items = fields.List(fields.Nested(ApplicationSummarySchema), required=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    total = fields.Integer(required=True)


class NotificationSchema(Schema):
    id = fields.Integer(required=True)
    application_id = fields.String(allow_none=True, required=True)
    offer_id = fields.String(allow_none=True, metadata={
        "description": "the offer this notification announced (proactive services)"})
    message = fields.String(required=True)
    created_at = fields.String(required=True)
    read = fields.Boolean(required=True)


class NotificationQuerySchema(QuerySchema):
    unread = fields.Boolean()
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class NotificationPageSchema(Schema):
    items = fields.List(fields.Nested(NotificationSchema), required=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    total = fields.Integer(required=True)
    unread = fields.Integer(required=True)
