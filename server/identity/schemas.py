"""Request and response schemas of the accounts API (they also write its OpenAPI document)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from locales import BCP47_TAGS

THEMES = ("default", "high_contrast_dark", "high_contrast_light")
LOCALE_TAGS = tuple(BCP47_TAGS.values())


class StrictBoolean(fields.Boolean):
    """A JSON ``true``/``false`` only (marshmallow's Boolean also takes 1, "yes", "on"...)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


def strict_boolean(**kwargs: Any) -> StrictBoolean:
    return StrictBoolean(**kwargs)


class RegisterSchema(Schema):
    pinfl = fields.String(required=True, validate=validate.Length(max=32),
                          metadata={"description": "JShShIR / ПИНФЛ: 14 digits"})
    phone = fields.String(required=True, validate=validate.Length(max=32),
                          metadata={"example": "+998901234567"})
    password = fields.String(required=True, load_only=True, validate=validate.Length(max=256))
    full_name = fields.String(load_default="", validate=validate.Length(max=200))
    locale = fields.String(load_default=None, allow_none=True,
                           validate=validate.OneOf(LOCALE_TAGS))


class LoginSchema(Schema):
    login = fields.String(required=True, validate=validate.Length(max=32),
                          metadata={"description": "PINFL or phone number"})
    password = fields.String(required=True, load_only=True, validate=validate.Length(max=256))
    otp = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=16),
                        metadata={"description": "one-time code, when the account uses one"})


class RefreshTokenSchema(Schema):
    refresh_token = fields.String(required=True, validate=validate.Length(max=256))


class PreferencesSchema(Schema):
    font_scale = fields.Float(validate=validate.Range(1.0, 3.0))
    theme = fields.String(validate=validate.OneOf(THEMES))
    speech = strict_boolean()
    speech_rate = fields.Float(validate=validate.Range(0.5, 2.0))


class UserSchema(Schema):
    id = fields.Integer(required=True)
    pinfl = fields.String(required=True)
    phone = fields.String(required=True)
    full_name = fields.String(required=True)
    role = fields.String(required=True)
    agency = fields.String(allow_none=True, required=True)
    locale = fields.String(allow_none=True, required=True)
    preferences = fields.Nested(PreferencesSchema, required=True)
    totp_enabled = fields.Boolean(required=True)


class ProfilePatchSchema(Schema):
    full_name = fields.String(validate=validate.Length(max=200))
    locale = fields.String(allow_none=True, validate=validate.OneOf(LOCALE_TAGS))
    preferences = fields.Nested(PreferencesSchema)


class TokenPairSchema(Schema):
    access_token = fields.String(required=True)
    token_type = fields.String(required=True, metadata={"example": "Bearer"})
    expires_in = fields.Integer(required=True, metadata={"description": "seconds"})
    refresh_token = fields.String(required=True)
    user = fields.Nested(UserSchema, required=True)


class TotpEnrolmentSchema(Schema):
    secret = fields.String(required=True)
    otpauth_uri = fields.String(required=True)


class TotpCodeSchema(Schema):
    code = fields.String(required=True, validate=validate.Length(max=16))
