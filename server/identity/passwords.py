"""Password policy and hashing (argon2id).

Policy (ASVS 6.2): at least 10 characters, at most 128, not in the list of common passwords,
and not the person's own PINFL or phone number.  No composition rules: length and the list
are what make a password hard to guess.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from server.i18n import N_

MIN_LENGTH = 10
MAX_LENGTH = 128
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")

#: RFC 9106's second recommended option (64 MiB, 3 passes); tests pass cheaper numbers.
DEFAULT_MEMORY_KIB = 65536
DEFAULT_TIME_COST = 3


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().casefold() for line in lines if line.strip() and not line.startswith("#")
    )


def _normalized(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def password_problems(password: str, *, pinfl: str = "", phone: str = "") -> list[str]:
    """Message ids of every rule ``password`` breaks (empty when it is acceptable)."""
    text = _normalized(password)
    problems: list[str] = []
    if len(text) < MIN_LENGTH:
        problems.append(N_("Use at least 10 characters."))
    elif len(text) > MAX_LENGTH:
        problems.append(N_("Use at most 128 characters."))
    folded = text.casefold()
    if folded in common_passwords() or len(set(folded)) <= 2:
        problems.append(N_("This password is too common. Choose one that is harder to guess."))
    digits = "".join(ch for ch in text if ch.isdigit())
    own_numbers = {value for value in (pinfl, phone.lstrip("+"), phone[-9:]) if value}
    if digits and any(number and number in digits and len(digits) - len(number) < 4
                      for number in own_numbers):
        problems.append(N_("Do not use your PINFL or phone number as a password."))
    return problems


class PasswordHashing:
    """argon2id hashing with parameters from configuration."""

    def __init__(self, memory_kib: int = DEFAULT_MEMORY_KIB,
                 time_cost: int = DEFAULT_TIME_COST) -> None:
        self._hasher = PasswordHasher(
            time_cost=time_cost, memory_cost=memory_kib, parallelism=1, type=Type.ID
        )
        # Verifying against this keeps sign-in for unknown accounts as slow as for known ones.
        self._decoy = self._hasher.hash("decoy password for unknown accounts")

    def hash(self, password: str) -> str:
        return self._hasher.hash(_normalized(password))

    def verify(self, stored_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash or self._decoy, _normalized(password)) and (
                stored_hash is not None
            )
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        return self._hasher.check_needs_rehash(stored_hash)
