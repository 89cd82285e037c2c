"""Fictional names, streets and makes the simulator draws its citizens from.

Names are written as the civil registry writes them in Latin script: surname, given name,
patronymic in the Uzbek form ("Rustam oʻgʻli" / "Rustam qizi").  None is a real person.
"""

from typing import Final

MALE_GIVEN: Final[tuple[str, ...]] = (
    "Aziz", "Bekzod", "Dilshod", "Eldor", "Farrux", "Gʻulom", "Husan", "Ilhom", "Jasur",
    "Kamol", "Laziz", "Mansur", "Nodir", "Oybek", "Oʻtkir", "Rustam", "Sardor", "Temur",
    "Ulugʻbek", "Xurshid", "Yusuf", "Zafar", "Shoxrux", "Sherzod", "Anvar", "Botir",
)
FEMALE_GIVEN: Final[tuple[str, ...]] = (
    "Aziza", "Barno", "Dilnoza", "Feruza", "Gulnora", "Hilola", "Iroda", "Kamola", "Lola",
    "Madina", "Nigora", "Oydin", "Rayhona", "Sevara", "Shahlo", "Tamara", "Umida", "Xurshida",
    "Yulduz", "Zarina", "Nilufar", "Malika", "Gulbahor", "Moxira", "Nodira", "Dildora",
)
#: Surnames in their male form; the female form adds "a" (Karimov -> Karimova).
SURNAMES: Final[tuple[str, ...]] = (
    "Karimov", "Rahimov", "Usmonov", "Yusupov", "Toshmatov", "Aliyev", "Saidov", "Qodirov",
    "Ergashev", "Nazarov", "Xolmatov", "Mirzayev", "Abdullayev", "Sobirov", "Gʻofurov",
    "Ismoilov", "Joʻrayev", "Tursunov", "Hasanov", "Raximov", "Sultonov", "Oripov",
)
STREETS: Final[tuple[str, ...]] = (
    "Amir Temur koʻchasi", "Navoiy koʻchasi", "Mustaqillik koʻchasi", "Bogʻishamol koʻchasi",
    "Istiqlol koʻchasi", "Bunyodkor shoh koʻchasi", "Oʻzbekiston ovozi koʻchasi",
    "Choʻpon ota koʻchasi", "Yangi hayot koʻchasi", "Bobur koʻchasi", "Ulugʻbek koʻchasi",
    "Paxtakor koʻchasi", "Gulzor koʻchasi", "Zarafshon koʻchasi",
)
VEHICLE_MAKES: Final[tuple[str, ...]] = (
    "Chevrolet Cobalt", "Chevrolet Nexia", "Chevrolet Spark", "Chevrolet Damas",
    "Chevrolet Malibu", "Chevrolet Tracker", "BYD Chazor", "Kia K5",
)
KINDERGARTENS: Final[tuple[str, ...]] = tuple(f"DMTT No. {n}" for n in range(1, 60, 3))
SCHOOLS: Final[tuple[str, ...]] = tuple(f"School No. {n}" for n in range(1, 120, 7))


def patronymic(father_given: str, sex: str) -> str:
    """The Uzbek patronymic: "<father> oʻgʻli" for a son, "<father> qizi" for a daughter."""
    return f"{father_given} {'oʻgʻli' if sex == 'male' else 'qizi'}"


def surname_for(male_surname: str, sex: str) -> str:
    return male_surname if sex == "male" else male_surname + "a"
