"""Demo accounts: two citizens and one officer for each agency that runs a demo service.

Demo officers' one-time-code secrets are fixed (derived from the agency id), so the README
and these printed lines stay true across databases: add the secret to any authenticator app,
or compute the code with ``python -c "import pyotp; print(pyotp.TOTP('SECRET').now())"``.
Never use these accounts outside a demo.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import date

from sqlalchemy.orm import Session

from server.catalogue.service import current_catalogue
from server.demo import demo_seeder
from server.flows.identifiers import make_pinfl
from server.identity.accounts import new_user, taken

CITIZEN_PASSWORD = "demo-citizen-2026"
OFFICER_PASSWORD = "demo-officer-2026"
DEMO_CITIZENS = (
    # (PINFL, phone, name, locale)
    (make_pinfl(date(1991, 4, 12), "female", 265, 501), "+998901110001",
     "Dilnoza Rahimova", "uz_Latn"),
    (make_pinfl(date(1985, 9, 3), "male", 265, 502), "+998901110002",
     "Rustam Aliyev", "ru"),
)


def demo_totp_secret(agency: str) -> str:
    """A fixed base32 secret (160 bits) for the demo officer of ``agency``."""
    return base64.b32encode(hashlib.sha1(f"xizmat-demo:{agency}".encode()).digest()).decode()


@demo_seeder("accounts")
def seed_accounts(session: Session) -> list[str]:
    lines = [f"citizens (password {CITIZEN_PASSWORD}):"]
    for pinfl, phone, name, locale in DEMO_CITIZENS:
        if not taken(session, pinfl, phone):
            session.add(new_user(pinfl, phone, CITIZEN_PASSWORD, full_name=name, locale=locale))
        lines.append(f"  {name}: {phone} or PINFL {pinfl} ({locale})")
    agencies = sorted({definition.agency for definition in current_catalogue().definitions})
    lines.append(f"officers (password {OFFICER_PASSWORD}; one-time code from the secret):")
    for index, agency in enumerate(agencies, start=1):
        phone = f"+99890222{index:04d}"
        pinfl = make_pinfl(date(1980, 1 + index % 12, 1 + index % 28),
                           "female" if index % 2 == 0 else "male", 265, 600 + index)
        secret = demo_totp_secret(agency)
        if not taken(session, pinfl, phone):
            officer = new_user(pinfl, phone, OFFICER_PASSWORD, full_name=f"Officer {index}",
                               role="officer", agency=agency)
            officer.totp_secret, officer.totp_enabled = secret, True
            session.add(officer)
        lines.append(f"  {agency}: {phone}, TOTP secret {secret}")
    return lines
