"""What each simulated registry answers about a citizen: one projection per registry.

Attribute names and value shapes are the contract with Xizmat's registry plugins
(``server/registries/plugins/``): dates are ISO strings, regions and districts are the ids
of the catalogue's reference data, amounts are whole soʻm.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from server.registries.simulator.population import Citizen, Population


def civil(citizen: Citizen, population: Population) -> dict[str, Any]:
    children = [population.citizens[pinfl] for pinfl in citizen.children]
    return {
        "full_name": citizen.full_name,
        "surname": citizen.surname,
        "given_name": citizen.given_name,
        "patronymic": citizen.patronymic,
        "birth_date": citizen.birth_date.isoformat(),
        "sex": citizen.sex,
        "place_of_birth": citizen.place_of_birth,
        "marital_status": citizen.marital_status,
        "children": [
            {"pinfl": c.pinfl, "full_name": c.full_name, "birth_date": c.birth_date.isoformat(),
             "sex": c.sex}
            for c in children
        ],
    }


def address(citizen: Citizen, population: Population) -> dict[str, Any]:
    return {
        "permanent_address": citizen.street_address,
        "region": citizen.region,
        "district": citizen.district,
    }


def tax(citizen: Citizen, population: Population) -> dict[str, Any]:
    return {"taxpayer_status": citizen.taxpayer_status, "debt": citizen.debt}


def social(citizen: Citizen, population: Population) -> dict[str, Any]:
    return {
        "disability_group": citizen.disability_group,
        "low_income_status": citizen.low_income_status,
    }


def education(citizen: Citizen, population: Population) -> dict[str, Any]:
    return {
        "kindergarten_place": citizen.kindergarten_place,
        "school_place": citizen.school_place,
    }


def vehicles(citizen: Citizen, population: Population) -> dict[str, Any]:
    return {
        "registered_vehicles": list(citizen.vehicles),
        "driving_licence": citizen.driving_licence,
    }


PROJECTIONS: dict[str, Callable[[Citizen, Population], dict[str, Any]]] = {
    "civil": civil,
    "address": address,
    "tax": tax,
    "social": social,
    "education": education,
    "vehicles": vehicles,
}
