"""A few hundred fictional citizens generated deterministically from a seed.

Records are consistent across the registries: spouses share an address, children live with
their parents, every PINFL encodes the person's birth date and sex with a valid check digit,
children appear in their parents' civil records, and addresses use the district ids of the
catalogue's ``reference/regions.yaml`` so the values prefill region and district fields.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from server.flows.identifiers import make_pinfl
from server.registries.simulator import names

REGIONS_FILE = Path(__file__).resolve().parents[2] / "catalogue" / "reference" / "regions.yaml"
#: Used only when the catalogue's regions file is absent (a checkout without content).
_FALLBACK_REGIONS: tuple[tuple[str, tuple[str, ...]], ...] = (("tashkent-city", ("yunusobod",)),)


@dataclass
class Citizen:
    pinfl: str
    surname: str
    given_name: str
    patronymic: str
    sex: str
    birth_date: datetime.date
    place_of_birth: str
    region: str
    district: str
    street_address: str
    marital_status: str = "single"
    spouse: str | None = None
    children: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    taxpayer_status: str = "none"
    debt: int = 0
    disability_group: int | None = None
    low_income_status: bool = False
    kindergarten_place: str | None = None
    school_place: str | None = None
    vehicles: list[dict[str, Any]] = field(default_factory=list)
    driving_licence: dict[str, Any] | None = None
    id_card_expires: datetime.date | None = None

    @property
    def full_name(self) -> str:
        return f"{self.surname} {self.given_name} {self.patronymic}"


def load_regions(path: Path = REGIONS_FILE) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(region id, district ids) pairs from the catalogue's reference data."""
    if not path.exists():
        return _FALLBACK_REGIONS
    loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return tuple(
        (str(region["id"]), tuple(str(d["id"]) for d in region.get("districts") or ()))
        for region in loaded
        if region.get("districts")
    )


class Population:
    """The simulator's citizens by PINFL, built by :func:`generate` and grown by births."""

    def __init__(self, rng: random.Random, today: datetime.date) -> None:
        self.rng = rng
        self.today = today
        self.regions = load_regions()
        self.citizens: dict[str, Citizen] = {}
        self._serial = 0

    def _area_code(self, region: str) -> int:
        index = next((i for i, (rid, _) in enumerate(self.regions) if rid == region), 0)
        return 10 * (index + 1) + self.rng.randrange(10)

    def new_citizen(
        self, sex: str, birth_date: datetime.date, surname: str, given: str, father: str,
        region: str, district: str, street_address: str,
    ) -> Citizen:
        self._serial += 1
        pinfl = make_pinfl(birth_date, sex, self._area_code(region), self._serial)
        citizen = Citizen(
            pinfl=pinfl, surname=names.surname_for(surname, sex), given_name=given,
            patronymic=names.patronymic(father, sex), sex=sex, birth_date=birth_date,
            place_of_birth=district, region=region, district=district,
            street_address=street_address,
        )
        self.citizens[pinfl] = citizen
        return citizen

    def random_birth_date(self, earliest: int, latest: int) -> datetime.date:
        start = datetime.date(earliest, 1, 1).toordinal()
        end = datetime.date(latest, 12, 28).toordinal()
        return datetime.date.fromordinal(self.rng.randint(start, end))

    def add_child(self, mother: Citizen, father: Citizen | None, birth_date: datetime.date,
                  sex: str | None = None, given: str | None = None) -> Citizen:
        """A child registered at the mother's address, linked to both parents' records."""
        sex = sex or self.rng.choice(("male", "female"))
        given = given or self.rng.choice(
            names.MALE_GIVEN if sex == "male" else names.FEMALE_GIVEN)
        surname = father.surname if father else mother.surname.removesuffix("a")
        father_given = father.given_name if father else self.rng.choice(names.MALE_GIVEN)
        child = self.new_citizen(sex, birth_date, surname, given, father_given,
                                 mother.region, mother.district, mother.street_address)
        for parent in (mother, father):
            if parent is not None:
                parent.children.append(child.pinfl)
                child.parents.append(parent.pinfl)
        self._assign_education(child)
        return child

    def _assign_education(self, child: Citizen) -> None:
        age = age_on(child.birth_date, self.today)
        if 3 <= age < 7 and self.rng.random() < 0.7:
            child.kindergarten_place = self.rng.choice(names.KINDERGARTENS)
        elif 7 <= age < 18:
            child.school_place = self.rng.choice(names.SCHOOLS)

    def _assign_adult_records(self, person: Citizen) -> None:
        rng = self.rng
        person.taxpayer_status = rng.choice(
            ("individual", "individual", "self_employed", "individual_entrepreneur"))
        person.debt = rng.choice((0, 0, 0, 0, 85_000, 240_000, 1_120_000))
        person.disability_group = rng.choice((None,) * 14 + (1, 2, 3))
        person.low_income_status = rng.random() < 0.1
        person.id_card_expires = self.today + datetime.timedelta(days=rng.randint(-30, 3650))
        if rng.random() < 0.45:
            person.driving_licence = {
                "number": f"AF{rng.randint(1_000_000, 9_999_999)}",
                "categories": rng.choice((["B"], ["A", "B"], ["B", "C"])),
                "expires_on": (self.today + datetime.timedelta(
                    days=rng.randint(30, 3650))).isoformat(),
            }
            if rng.random() < 0.7:
                person.vehicles.append({
                    "plate": f"{rng.randint(1, 95):02d} {chr(65 + rng.randrange(26))}"
                             f" {rng.randint(100, 999)} {chr(65 + rng.randrange(26))}"
                             f"{chr(65 + rng.randrange(26))}",
                    "make": rng.choice(names.VEHICLE_MAKES),
                    "year": rng.randint(2005, self.today.year),
                })

    def add_household(self) -> None:
        """A married couple (sometimes a single adult) and their children at one address."""
        rng = self.rng
        region, districts = rng.choice(self.regions)
        district = rng.choice(districts)
        address = (f"{rng.choice(names.STREETS)}, {rng.randint(1, 120)}-uy"
                   + (f", {rng.randint(1, 80)}-xonadon" if rng.random() < 0.6 else ""))
        surname = rng.choice(names.SURNAMES)
        husband_born = self.random_birth_date(self.today.year - 75, self.today.year - 22)
        if rng.random() < 0.08:  # some reach the retirement age (60 for men) about now
            husband_born = _years_before(self.today, 60) + datetime.timedelta(
                days=rng.randint(-25, 25))
        husband = self.new_citizen("male", husband_born, surname, rng.choice(names.MALE_GIVEN),
                                   rng.choice(names.MALE_GIVEN), region, district, address)
        self._assign_adult_records(husband)
        if rng.random() < 0.15:
            return
        wife_born = husband_born + datetime.timedelta(days=rng.randint(-700, 2500))
        wife_born = min(wife_born, self.today - datetime.timedelta(days=20 * 366))
        wife = self.new_citizen("female", wife_born, rng.choice(names.SURNAMES),
                                rng.choice(names.FEMALE_GIVEN), rng.choice(names.MALE_GIVEN),
                                region, district, address)
        self._assign_adult_records(wife)
        husband.marital_status = wife.marital_status = "married"
        husband.spouse, wife.spouse = wife.pinfl, husband.pinfl
        first_child_year = wife_born.year + rng.randint(20, 28)
        for n in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
            year = first_child_year + 2 * n + rng.randint(0, 1)
            if year > self.today.year - 1:
                break
            self.add_child(wife, husband, self.random_birth_date(year, year))


def generate(seed: int, households: int, today: datetime.date) -> Population:
    """The same population for the same seed, households and day."""
    population = Population(random.Random(seed), today)
    for _ in range(households):
        population.add_household()
    return population


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
