"""Working days: Monday to Friday, less Uzbekistan's public holidays (``holidays.yaml``)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml

HOLIDAYS_FILE = Path(__file__).with_name("holidays.yaml")


@lru_cache(maxsize=1)
def _holidays() -> tuple[frozenset[tuple[int, int]], frozenset[date]]:
    data = yaml.safe_load(HOLIDAYS_FILE.read_text(encoding="utf-8")) or {}
    fixed = frozenset((int(item["month"]), int(item["day"])) for item in data.get("fixed", []))
    dated = frozenset(date.fromisoformat(str(item["date"])) for item in data.get("dated", []))
    return fixed, dated


def is_working_day(day: date) -> bool:
    fixed, dated = _holidays()
    return day.weekday() < 5 and (day.month, day.day) not in fixed and day not in dated


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count)."""
    current = start
    remaining = max(days, 0)
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current
