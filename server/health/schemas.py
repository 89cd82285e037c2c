"""Response shapes of the operational endpoints (they document the OpenAPI spec)."""

from __future__ import annotations

import marshmallow as ma


class HealthSchema(ma.Schema):
    status = ma.fields.String(required=True, metadata={"description": "Always \"ok\""})


class ReadySchema(ma.Schema):
    status = ma.fields.String(required=True, metadata={"description": "\"ready\""})
    database = ma.fields.String(required=True, metadata={"description": "Backend name"})
    schema_revision = ma.fields.String(
        required=True, metadata={"description": "Alembic revision the database is at"}
    )


class LocaleSchema(ma.Schema):
    tag = ma.fields.String(required=True, metadata={"description": "BCP 47 tag (uz-Latn)"})
    code = ma.fields.String(required=True, metadata={"description": "Catalog folder (uz_Latn)"})
    name = ma.fields.String(required=True, metadata={"description": "Name in the reader's locale"})
    native_name = ma.fields.String(required=True, metadata={"description": "Name in itself"})
    script = ma.fields.String(required=True, metadata={"description": "ISO 15924 script"})
    completeness = ma.fields.Float(
        required=True, metadata={"description": "Translated share of all messages, percent"}
    )
    translated = ma.fields.Integer(required=True)
    total = ma.fields.Integer(required=True)


class LocalesSchema(ma.Schema):
    default = ma.fields.String(required=True, metadata={"description": "BCP 47 default tag"})
    current = ma.fields.String(
        required=True, metadata={"description": "BCP 47 tag this response is in"}
    )
    locales = ma.fields.List(ma.fields.Nested(LocaleSchema), required=True)
