"""The client side of the Xizmat HTTP API: no Kivy, testable on its own."""

from mobile.api.client import XizmatApi
from mobile.api.errors import ApiError, AuthenticationError, OfflineError, ProblemError
from mobile.api.outbox import Outbox, OutboxEntry

__all__ = [
    "ApiError",
    "AuthenticationError",
    "OfflineError",
    "Outbox",
    "OutboxEntry",
    "ProblemError",
    "XizmatApi",
]
