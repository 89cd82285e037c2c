"""marshmallow schemas of the catalogue API: query validation, and the documents' shape.

The response schemas document the OpenAPI contract; the responses themselves are prebuilt
bytes (see :mod:`server.catalogue.render`), never dumped per request.
"""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from server.catalogue.models import FIELD_TYPES


class CatalogueQuerySchema(Schema):
    class Meta:
        unknown = EXCLUDE  # ``lang`` and cache-busting parameters are not ours

    category = fields.String(validate=validate.Length(max=100),
                             metadata={"description": "A category id (see /categories)"})
    life_event = fields.String(validate=validate.Length(max=100),
                               metadata={"description": "A life event id (see /life-events)"})
    q = fields.String(validate=validate.Length(max=200), metadata={
        "description": "Search words in any locale or script; one typo per word is tolerated"})
    lang = fields.String(metadata={
        "description": "Locale (uz-Latn, uz-Cyrl, ru, en); wins over Accept-Language"})
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=10_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class NamedSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)


class FeeSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(["free", "fixed", "bhm"]))
    amount = fields.Integer(required=True, metadata={"description": "Whole soʻm"})
    currency = fields.String(required=True)
    text = fields.String(required=True, metadata={"description": "The fee as the locale writes it"})
    multiple = fields.String(metadata={"description": "Multiple of the base calculation amount"})
    basis = fields.String(allow_none=True, metadata={"description": "How the amount is worked out"})


class FeeSummarySchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(["free", "fixed", "bhm"]))
    amount = fields.Integer(required=True, metadata={"description": "Whole soʻm"})
    text = fields.String(required=True, metadata={"description": "The fee as the locale writes it"})


class ServiceSummarySchema(Schema):
    """One entry of the catalogue list (the service document has everything)."""

    id = fields.String(required=True)
    title = fields.String(required=True)
    summary = fields.String(required=True)
    category = fields.Nested(NamedSchema, required=True)
    fee = fields.Nested(FeeSummarySchema, required=True)
    processing_days = fields.Integer(required=True, metadata={"description": "Working days"})
    processing_time = fields.String(required=True)
    steps = fields.Integer(required=True, metadata={"description": "Number of steps (1 to 3)"})


class CataloguePageSchema(Schema):
    items = fields.List(fields.Nested(ServiceSummarySchema), required=True)
    total = fields.Integer(required=True)
    lang = fields.String(metadata={
        "description": "Locale (uz-Latn, uz-Cyrl, ru, en); wins over Accept-Language"})
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    pages = fields.Integer(required=True)


class OptionSchema(Schema):
    value = fields.String(required=True)
    label = fields.String(required=True)


class FieldSchema(Schema):
    name = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(FIELD_TYPES))
    required = fields.Boolean(required=True)
    label = fields.String(required=True)
    hint = fields.String(allow_none=True)
    spoken = fields.Dict(keys=fields.String(), values=fields.String(), metadata={
        "description": "How to say label/hint where the written form relies on sight"})
    prefill = fields.String(allow_none=True, metadata={"description": "registry.attribute"})
    show_if = fields.Dict(allow_none=True, metadata={
        "description": "Condition over earlier fields: {field, equals} | {field, one_of} | "
                       "{not} | {all} | {any}"})
    constraints = fields.Dict(metadata={"description": "Per type, see FORMAT.md"})
    options = fields.List(fields.Nested(OptionSchema))


class StepSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    # "fields" would shadow Schema.fields, so the attribute has another name
    step_fields = fields.List(fields.Nested(FieldSchema), required=True, data_key="fields")


class ServiceSchema(ServiceSummarySchema):
    agency = fields.Nested(NamedSchema, required=True)
    life_events = fields.List(fields.Nested(NamedSchema), required=True)
    fee = fields.Nested(FeeSchema, required=True)
    version = fields.Integer(required=True)
    description = fields.String(allow_none=True)
    legal_basis = fields.String(required=True)
    result = fields.String(required=True)
    requirements = fields.List(fields.String(), required=True)
    keywords = fields.List(fields.String())
    steps = fields.List(fields.Nested(StepSchema), required=True)  # type: ignore[assignment]


class ListedSchema(NamedSchema):
    description = fields.String(allow_none=True)
    services = fields.Integer(required=True, metadata={"description": "How many services"})


class ListingSchema(Schema):
    items = fields.List(fields.Nested(ListedSchema), required=True)


class RegionSchema(NamedSchema):
    districts = fields.List(fields.Nested(NamedSchema), required=True)


class RegionsSchema(Schema):
    items = fields.List(fields.Nested(RegionSchema), required=True)
