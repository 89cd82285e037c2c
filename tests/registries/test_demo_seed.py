"""The registry demo citizen waits for the registries: skipped while they are off, made after."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from sqlalchemy import select

from server.db import session_factory
from server.demo import DemoSeedRun, run_seeders
from server.identity.models import User
from server.registries.demo import DEMO_PHONE, seed_registry_citizen
from tests.registries.conftest import Simulator

SEEDERS = {"registries": seed_registry_citizen}


def test_the_registry_demo_citizen_is_made_once_the_registries_are_on(
        make_app: Callable[..., Flask], simulator: Simulator) -> None:
    off = make_app(REGISTRY_URL="")
    for _attempt in range(2):  # skipped every time, never recorded as done
        with off.app_context(), session_factory(off)() as session:
            [result] = run_seeders(session, SEEDERS)
            assert result.skipped and "registries are off" in result.lines[0]
            assert session.get(DemoSeedRun, "registries") is None

    on = make_app(off.config["DATABASE_URL"])  # the same database, the simulator's URL
    with on.app_context(), session_factory(on)() as session:
        [result] = run_seeders(session, SEEDERS)
        assert result.newly_seeded and DEMO_PHONE in result.lines[0]
        assert session.scalar(select(User.id).where(User.phone == DEMO_PHONE)) is not None
