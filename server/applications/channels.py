"""Delivery channels for notifications: a registry of plugins.

Every notification is kept for the app (``GET /api/v1/me/notifications``); channels deliver a
copy elsewhere.  A channel is a subclass of :class:`Channel` registered under a unique id with
``@register_channel("id")``; registering an id twice fails at import, loudly.  Tests build a
:class:`ChannelRegistry` of their own.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from locales import DEFAULT_LOCALE, SUPPORTED_LOCALES
from server.applications.records import AnyApplication, AnyNotification
from server.applications.statements import INSERT_SMS
from server.identity.models import Person, utc_now
from server.prepared import Database, write


@dataclass(frozen=True, slots=True)
class Delivery:
    """What a channel gets: the notification, its reader and the application it is about."""

    notification: AnyNotification
    recipient: Person
    application: AnyApplication | None


class Channel(ABC):
    """A way to reach a person outside the app.

    Contract: ``wants`` decides from the delivery alone (no I/O) whether this channel sends it;
    ``deliver`` gets the text rendered in the recipient's saved locale (the default locale when
    they have none) and hands it over inside the caller's transaction, on ``database`` (a
    Session, or a connection without one: run statements with :mod:`server.prepared`), so a
    rolled-back request sends nothing.  ``deliver`` must not raise for a recipient it cannot
    reach: it skips them.
    """

    id: ClassVar[str]

    @abstractmethod
    def wants(self, delivery: Delivery) -> bool: ...

    @abstractmethod
    def deliver(self, database: Database, delivery: Delivery, text: str, locale: str
                ) -> None: ...


ChannelType = TypeVar("ChannelType", bound=type[Channel])


class ChannelRegistry:
    def __init__(self) -> None:
        self._channels: dict[str, Channel] = {}

    def register(self, channel_id: str) -> Callable[[ChannelType], ChannelType]:
        def decorator(cls: ChannelType) -> ChannelType:
            if channel_id in self._channels:
                raise ValueError(f"notification channel {channel_id!r} is registered twice")
            cls.id = channel_id
            self._channels[channel_id] = cls()
            return cls

        return decorator

    def __iter__(self) -> Iterator[Channel]:
        return iter(self._channels.values())

    def __contains__(self, channel_id: object) -> bool:
        return channel_id in self._channels

    def get(self, channel_id: str) -> Channel | None:
        return self._channels.get(channel_id)


registry = ChannelRegistry()
register_channel = registry.register


def reader_locale(user: Person) -> str:
    return user.locale if user.locale in SUPPORTED_LOCALES else DEFAULT_LOCALE


@register_channel("sms_outbox")
class SmsOutboxChannel(Channel):
    """Records each SMS that would be sent (no gateway is connected) in ``sms_outbox``.

    Citizens get SMS about their applications unless they turned it off on submission;
    officers and administrators get none.
    """

    def wants(self, delivery: Delivery) -> bool:
        return (
            delivery.recipient.role == "citizen"
            and bool(delivery.recipient.phone)
            and (delivery.application is None or delivery.application.notify_by_sms)
        )

    def deliver(self, database: Database, delivery: Delivery, text: str, locale: str) -> None:
        write(database, INSERT_SMS, {
            "user_id": delivery.recipient.id, "phone": delivery.recipient.phone,
            "locale": locale, "text": text, "notification_id": delivery.notification.id,
            "created_at": delivery.notification.created_at or utc_now()})
