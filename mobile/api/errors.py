"""What can go wrong when the client talks to the server, as typed exceptions.

Every error carries a message the UI can show and speak: the server's own localized
``detail`` for problem+json answers, or a message id of the ``mobile`` domain (translated by
the UI) when the server could not be reached at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from locales.markers import N_


class ApiError(Exception):
    """Base of every client error."""

    #: A message id of the ``mobile`` domain used when the server gave no text of its own.
    message_id: str = N_("Something went wrong. Please try again.")


class OfflineError(ApiError):
    """The server could not be reached (no network, refused, timed out) after all retries."""

    message_id = N_("You are offline. Your work is kept on this phone.")


class ProblemError(ApiError):
    """The server answered with an error (RFC 9457 problem+json, or any 4xx/5xx)."""

    def __init__(self, status: int, body: Mapping[str, Any] | None = None) -> None:
        self.status = status
        self.body: dict[str, Any] = dict(body or {})
        super().__init__(f"{status}: {self.detail or self.title}")

    @property
    def title(self) -> str:
        return str(self.body.get("title") or "")

    @property
    def detail(self) -> str:
        return str(self.body.get("detail") or "")

    @property
    def field_errors(self) -> dict[str, list[str]]:
        """``{field: [localized message, ...]}`` from the problem's ``errors`` member.

        Nested maps (step id -> field -> messages, as whole-application validation gives)
        are flattened to their field names: a field name is unique in a service.
        """
        return _flatten_errors(self.body.get("errors"))

    @property
    def text(self) -> str:
        """The sentence to show and speak: the server's detail, else its title."""
        return self.detail or self.title


class AuthenticationError(ProblemError):
    """401 that a token refresh could not cure: the user must sign in again."""

    message_id = N_("Please sign in again.")


def _flatten_errors(errors: object) -> dict[str, list[str]]:
    flat: dict[str, list[str]] = {}
    if not isinstance(errors, Mapping):
        return flat
    for key, value in errors.items():
        if isinstance(value, Mapping):
            for inner_key, inner_messages in _flatten_errors(value).items():
                flat.setdefault(inner_key, []).extend(inner_messages)
        elif isinstance(value, list | tuple):
            flat.setdefault(str(key), []).extend(str(item) for item in value)
        elif value is not None:
            flat.setdefault(str(key), []).append(str(value))
    return flat
