"""The registry simulator: consistent fictional citizens, reproducible from a seed."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
import requests

from server.flows.identifiers import make_pinfl, pinfl_birth_date, pinfl_problem
from server.registries.simulator.events import RETIREMENT_AGE
from server.registries.simulator.population import REGIONS_FILE, generate, load_regions
from tests.registries.conftest import SIMULATED_DAY, Simulator

DAY = datetime.date.fromisoformat(SIMULATED_DAY)


@pytest.fixture(scope="module")
def population():  # type: ignore[no-untyped-def]
    return generate(2026, 120, DAY)


def test_a_few_hundred_citizens_with_pinfls_the_flow_engine_accepts(population) -> None:  # type: ignore[no-untyped-def]
    citizens = list(population.citizens.values())

    assert 250 <= len(citizens) <= 500
    assert all(pinfl_problem(c.pinfl, DAY) is None for c in citizens)
    assert all(pinfl_birth_date(c.pinfl) == c.birth_date for c in citizens)
    assert all(int(c.pinfl[0]) % 2 == (1 if c.sex == "male" else 0) for c in citizens)


def test_families_are_consistent(population) -> None:  # type: ignore[no-untyped-def]
    citizens = population.citizens
    families = [c for c in citizens.values() if c.children]
    assert len(families) > 50
    for parent in families:
        for child_pinfl in parent.children:
            child = citizens[child_pinfl]
            assert parent.pinfl in child.parents
            assert (child.region, child.district, child.street_address) == (
                parent.region, parent.district, parent.street_address)
            assert child.birth_date > parent.birth_date
            assert child.surname.removesuffix("a") == parent.surname.removesuffix("a") or \
                parent.sex == "female"
        if parent.spouse:
            assert citizens[parent.spouse].spouse == parent.pinfl
            assert citizens[parent.spouse].street_address == parent.street_address


def test_addresses_span_the_fourteen_regions_with_real_district_ids(population) -> None:  # type: ignore[no-untyped-def]
    regions = dict(load_regions(REGIONS_FILE))
    assert len(regions) == 14
    used = Counter(c.region for c in population.citizens.values())
    assert set(used) == set(regions)
    assert all(c.district in regions[c.region] for c in population.citizens.values())


def test_the_same_seed_gives_the_same_people(population) -> None:  # type: ignore[no-untyped-def]
    again = generate(2026, 120, DAY)
    other = generate(7, 120, DAY)
    assert list(again.citizens) == list(population.citizens)
    assert [c.full_name for c in again.citizens.values()] == [
        c.full_name for c in population.citizens.values()]
    assert list(other.citizens) != list(population.citizens)


@pytest.mark.parametrize(("born", "sex"), [
    (datetime.date(1899, 12, 31), "female"), (datetime.date(1975, 2, 28), "male"),
    (datetime.date(2024, 2, 29), "female")])
def test_pinfls_are_valid_and_a_wrong_check_digit_is_not(born: datetime.date, sex: str) -> None:
    pinfl = make_pinfl(born, sex, 265, 17)
    wrong = pinfl[:13] + str((int(pinfl[13]) + 1) % 10)
    assert pinfl_problem(pinfl) is None and pinfl_birth_date(pinfl) == born
    assert pinfl_problem(wrong) == "checksum"
    assert pinfl_problem("3" + "1" * 12 + "0") is not None or pinfl_birth_date("3" + "1" * 13)


def test_the_service_answers_per_registry_and_publishes_life_events(
        simulator: Simulator) -> None:
    person = simulator.citizens(adults=1, with_children=1, limit=1)[0]
    assert simulator.record("civil", person["pinfl"])["full_name"] == person["full_name"]
    assert simulator.record("address", person["pinfl"])["region"] == person["region"]
    backlog = simulator.events()
    kinds = Counter(e["type"] for e in backlog)
    assert {"retirement_age_reached", "document_expiring", "disability_status_granted"} <= set(
        kinds)
    retiring = next(e for e in backlog if e["type"] == "retirement_age_reached")
    retiree = simulator.record("civil", retiring["pinfl"])
    age = RETIREMENT_AGE[retiree["sex"]]
    assert retiring["data"]["retirement_date"][:4] == str(int(retiree["birth_date"][:4]) + age)

    child = simulator.record_birth(person["pinfl"], given_name="Yulduz", sex="female")

    assert child["full_name"].split()[1] == "Yulduz"
    children = simulator.record("civil", person["pinfl"])["children"]
    assert child["child_pinfl"] in [c["pinfl"] for c in children]
    newest = simulator.events(after=len(backlog))
    assert [e["type"] for e in newest] == ["birth_recorded"]
    assert newest[0]["data"]["child_pinfl"] == child["child_pinfl"]


def test_switches_make_a_registry_fail_or_vanish(simulator: Simulator) -> None:
    pinfl = simulator.citizens(limit=1)[0]["pinfl"]
    url = f"{simulator.url}/registries/tax/citizens/{pinfl}"

    simulator.switch("tax", "failing")
    assert requests.get(url, timeout=2).status_code == 503
    simulator.switch("tax", "down")
    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=2)
    simulator.switch("tax", "normal")
    assert requests.get(url, timeout=2).status_code == 200
    assert requests.get(f"{simulator.url}/registries/tax/citizens/00000000000000",
                        timeout=2).status_code == 404
    bad = requests.put(f"{simulator.url}/admin/registries/tax", json={"mode": "sleepy"},
                       timeout=2)
    assert bad.status_code == 400
