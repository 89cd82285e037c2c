"""Scenarios that drive the real app in a process of their own (run by the Kivy tests).

``python -m tests.mobile.scenarios NAME JSON-ARGS`` prints ``SCENARIO {json}`` lines with
what it found and exits 0, or raises (exit 1) with the speech it heard so far.  Kivy's own
log mode would swallow stderr (tracebacks included), so logging is left to Python.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("KIVY_LOG_MODE", "PYTHON")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")

from tests.mobile.scenarios_announcements import screen_announcements, slow_offer
from tests.mobile.scenarios_journey import (
    deliver_after_restart,
    journey,
    offline_submit,
    restart_quietly,
)
from tests.mobile.scenarios_offer_answers import offer_declined, offer_refused
from tests.mobile.scenarios_offers import offer_journey, session_end
from tests.mobile.scenarios_retry import (
    load_retry,
    load_superseded,
    refused_at_once,
    session_ends_on_a_failed_screen,
)
from tests.mobile.scenarios_screens import (
    audit,
    form_rules,
    screenshots,
    settings_profile,
    widget_rules,
)
from tests.mobile.scenarios_wrapping import word_breaks, wrapping

SCENARIOS = {
    "journey": journey,
    "offline_submit": offline_submit,
    "deliver_after_restart": deliver_after_restart,
    "restart_quietly": restart_quietly,
    "audit": audit,
    "screenshots": screenshots,
    "widget_rules": widget_rules,
    "form_rules": form_rules,
    "settings_profile": settings_profile,
    "offer_journey": offer_journey,
    "offer_declined": offer_declined,
    "offer_refused": offer_refused,
    "session_end": session_end,
    "wrapping": wrapping,
    "word_breaks": word_breaks,
    "screen_announcements": screen_announcements,
    "slow_offer": slow_offer,
    "load_retry": load_retry,
    "load_superseded": load_superseded,
    "session_ends_on_a_failed_screen": session_ends_on_a_failed_screen,
    "refused_at_once": refused_at_once,
}


def main() -> None:
    name, raw = sys.argv[1], sys.argv[2]
    SCENARIOS[name](**json.loads(raw))


if __name__ == "__main__":
    main()
