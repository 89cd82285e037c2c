"""From accessible nodes and events to the sentences the app speaks (pure functions).

The order is the one screen readers use: name, role, state or value, then hint
("Submit application, button, press Enter to activate").  A field's error is part of its
spoken state, so that the focus announcement that follows a failed submit carries the error
instead of cutting it off.  A screen title is polite and of kind ``screen``, which no later
focus announcement replaces: it is queued and never lost.

Sentences are localized through the ``accessibility`` gettext domain; names, values, hints
and errors arrive already in the screen's locale.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from typing import Final

from accessibility.nodes import AccessibleNode, Role, State
from accessibility.speech.backends.base import Priority
from locales.catalogs import translations
from locales.markers import N_

#: How each role is spoken (TEXT and GROUP say nothing: their content speaks for them).
ROLE_NAMES: Final[dict[Role, str]] = {
    Role.BUTTON: N_("button"),
    Role.LINK: N_("link"),
    Role.TEXT_FIELD: N_("text field"),
    Role.CHECKBOX: N_("checkbox"),
    Role.RADIO: N_("radio button"),
    Role.SWITCH: N_("switch"),
    Role.COMBO_BOX: N_("drop-down list"),
    Role.SLIDER: N_("slider"),
    Role.TAB: N_("tab"),
    Role.HEADING: N_("heading"),
    Role.IMAGE: N_("image"),
    Role.LIST: N_("list"),
    Role.LIST_ITEM: N_("list item"),
    Role.DIALOG: N_("dialog"),
    Role.ALERT: N_("alert"),
    Role.PROGRESS: N_("progress bar"),
    Role.SCREEN: N_("screen"),
}

#: How each state is spoken; a switch says on/off rather than checked/not checked.
STATE_NAMES: Final[dict[State, str]] = {
    State.CHECKED: N_("checked"),
    State.UNCHECKED: N_("not checked"),
    State.SELECTED: N_("selected"),
    State.EXPANDED: N_("expanded"),
    State.COLLAPSED: N_("collapsed"),
    State.DISABLED: N_("unavailable"),
    State.REQUIRED: N_("required"),
    State.BUSY: N_("busy"),
    State.READ_ONLY: N_("read only"),
}
_SWITCH_STATES: Final[dict[State, str]] = {State.CHECKED: N_("on"), State.UNCHECKED: N_("off")}
#: The order states are spoken in, most important first.
_STATE_ORDER: Final[tuple[State, ...]] = tuple(STATE_NAMES)

#: Kinds of announcement a newer one of the same kind replaces in the queue.
FOCUS: Final[str] = "focus"
VALUE: Final[str] = "value"
SCREEN: Final[str] = "screen"
ERROR: Final[str] = "error"
STATUS: Final[str] = "status"
CONFIRMATION: Final[str] = "confirmation"


@dataclass(frozen=True, slots=True)
class Announcement:
    """A sentence to speak, its locale, how urgently, and what queued speech it replaces."""

    text: str
    locale: str
    priority: Priority
    kind: str
    replaces: frozenset[str] = frozenset()


def _catalog(locale: str) -> gettext.NullTranslations:
    return translations(locale, ("accessibility",))


def _join(parts: list[str], locale: str) -> str:
    # translators: put between the parts of a spoken description (name, role, state, hint).
    separator = str(_catalog(locale).pgettext("list separator", ", "))
    return separator.join(part for part in (p.strip() for p in parts) if part)


def spoken_states(node: AccessibleNode, locale: str) -> list[str]:
    """The node's states as spoken words, its error (if any) first of all."""
    catalog = _catalog(locale)
    parts: list[str] = []
    if node.error:
        # translators: spoken for a form field that failed validation; error is the reason.
        parts.append(catalog.gettext("invalid entry: %(error)s") % {"error": node.error})
    names = _SWITCH_STATES if node.role is Role.SWITCH else {}
    for state in _STATE_ORDER:
        if state in node.states:
            parts.append(catalog.gettext(names.get(state, STATE_NAMES[state])))
    if node.role is Role.LIST:
        count = len(node.children)
        items = catalog.ngettext("%(count)d item", "%(count)d items", count)
        parts.append(items % {"count": count})
    return parts


def describe(node: AccessibleNode, locale: str) -> str:
    """What a screen reader says when ``node`` gets focus: name, role, state or value, hint."""
    catalog = _catalog(locale)
    parts = [node.name or node.text or ""]
    if node.role in ROLE_NAMES:
        parts.append(catalog.gettext(ROLE_NAMES[node.role]))
    parts.extend(spoken_states(node, locale))
    if node.value:
        parts.append(node.value)
    elif node.role is Role.TEXT_FIELD and node.placeholder:
        parts.append(node.placeholder)
    if node.hint:
        parts.append(node.hint)
    return _join(parts, locale)


def screen_shown(title: str, locale: str) -> Announcement:
    """A new screen: its title, queued politely and never replaced by focus speech."""
    # translators: spoken when a new screen opens; title is the screen's title.
    text = _catalog(locale).gettext("%(title)s, screen") % {"title": title}
    return Announcement(text, locale, Priority.POLITE, SCREEN)


def focus_moved(node: AccessibleNode, locale: str) -> Announcement:
    """Focus on ``node``: replaces focus speech still queued, after what is being said."""
    return Announcement(describe(node, locale), locale, Priority.POLITE, FOCUS,
                        frozenset({FOCUS, VALUE}))


def value_changed(node: AccessibleNode, locale: str) -> Announcement:
    """A focused control's new value or state (checked, a chosen option, ...)."""
    parts = spoken_states(node, locale)
    if node.value:
        parts.append(node.value)
    return Announcement(_join(parts, locale), locale, Priority.POLITE, VALUE, frozenset({VALUE}))


def error_summary(error_count: int, locale: str) -> Announcement:
    """After a refused submit: how many fields need attention (assertive, it interrupts)."""
    text = _catalog(locale).ngettext(
        "%(count)d field needs attention", "%(count)d fields need attention", error_count
    ) % {"count": error_count}
    return Announcement(text, locale, Priority.ASSERTIVE, ERROR)


def error_message(message: str, locale: str) -> Announcement:
    """An error that belongs to no field (the connection failed, ...): assertive."""
    text = _catalog(locale).gettext("Error: %(message)s") % {"message": message}
    return Announcement(text, locale, Priority.ASSERTIVE, ERROR)


def status_message(message: str, locale: str) -> Announcement:
    """A status that needs no action (saved, loading finished): polite; a newer status
    replaces one still waiting, as it is out of date."""
    return Announcement(message, locale, Priority.POLITE, STATUS, frozenset({STATUS}))


def confirmation(message: str, locale: str) -> Announcement:
    """The outcome of an action the person took (application submitted): polite, kept.

    Of its own kind, so that neither focus nor status speech replaces it in the queue.
    """
    return Announcement(message, locale, Priority.POLITE, CONFIRMATION)


def session_expiring(minutes: int, locale: str) -> Announcement:
    """WCAG 2.2.1: warn before the session ends, and say how to extend it (assertive)."""
    text = _catalog(locale).ngettext(
        "Your session ends in %(count)d minute. Press Enter to stay signed in.",
        "Your session ends in %(count)d minutes. Press Enter to stay signed in.",
        minutes,
    ) % {"count": minutes}
    return Announcement(text, locale, Priority.ASSERTIVE, ERROR)
