"""Notifications: made from lifecycle events, rendered in the reader's locale when read.

Parameters are kept raw (the application number, the service id, an ISO due date, the
officer's words); :func:`render_message` turns the service id into its localized title and
dates into the locale's form at the moment of reading, so a citizen who switches language
reads every past notification in the new one.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from locales.catalogs import translations
from server.applications.channels import ChannelRegistry, Delivery, reader_locale, registry
from server.applications.records import AnyApplication, AnyEvent, NotificationRecord
from server.applications.statements import INSERT_NOTIFICATION
from server.catalogue.models import text_context
from server.catalogue.service import current_catalogue
from server.identity.models import Person
from server.prepared import Database, write

#: Offers after life events (the registries part) are notified with its messages too.
MESSAGE_DOMAINS = ("accounts", "registries")


def service_title(service_id: str, locale: str) -> str:
    definition = current_catalogue().get(service_id)
    if definition is None:
        return service_id
    catalog = translations(locale, ("services",))
    return str(catalog.pgettext(text_context(service_id, "title"), definition.title))


def format_day(value: str, locale: str) -> str:
    """Dates as Uzbek official documents write them (dd.MM.yyyy), in every locale."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"  # strftime costs five times more


def render_message(message_id: str, params: Mapping[str, Any], locale: str) -> str:
    values = dict(params)
    if "service" in values:
        values["service"] = service_title(str(values["service"]), locale)
    if "due_date" in values:
        values["due_date"] = format_day(str(values["due_date"]), locale)
    template = translations(locale, MESSAGE_DOMAINS).gettext(message_id)
    try:
        return template % values
    except (KeyError, ValueError, TypeError):
        # A translation that lost a placeholder must not hide the message: use the source.
        return message_id % values


def notify(
    database: Database, event: AnyEvent, application: AnyApplication, recipient: Person,
    channels: ChannelRegistry = registry,
) -> NotificationRecord:
    """Keep a notification about ``event`` for ``recipient`` and hand it to every channel."""
    row: dict[str, Any] = {
        "user_id": recipient.id, "application_id": application.id, "event_id": event.id,
        "message_id": event.message_id, "params": dict(event.params), "created_at": event.at}
    notification_id = write(database, INSERT_NOTIFICATION, row).returned
    notification = NotificationRecord(id=notification_id, **row)
    delivery = Delivery(notification, recipient, application)
    for channel in channels:
        if channel.wants(delivery):
            locale = reader_locale(recipient)
            channel.deliver(database, delivery, render_message(
                notification.message_id, notification.params, locale), locale)
    return notification
