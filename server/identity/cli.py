"""``flask users ...``: staff accounts are made here, never through the API.

Officers and administrators always use a one-time code: the command prints the secret (and
its otpauth URI) once, to be added to the person's authenticator app.
"""

from __future__ import annotations

import secrets

import click

from server.db import session_factory
from server.identity import accounts, audit, totp
from server.identity.blueprint import blp
from server.identity.models import ROLES
from server.identity.passwords import password_problems


def _staff(role: str, pinfl: str, phone: str, name: str, agency: str | None,
           password: str | None) -> None:
    clean_pinfl = accounts.valid_pinfl(pinfl)
    clean_phone = accounts.normalize_phone(phone)
    if clean_pinfl is None or clean_phone is None:
        raise click.UsageError("PINFL must be 14 valid digits and phone +998 and 9 digits")
    chosen = password or secrets.token_urlsafe(12)
    problems = password_problems(chosen, pinfl=clean_pinfl, phone=clean_phone)
    if problems:
        raise click.UsageError(" ".join(problems))
    with session_factory()() as session:
        if accounts.taken(session, clean_pinfl, clean_phone):
            raise click.UsageError("an account with this PINFL or phone number exists")
        user = accounts.new_user(clean_pinfl, clean_phone, chosen, full_name=name, role=role,
                                 agency=agency)
        user.totp_secret = totp.new_secret()
        user.totp_enabled = True
        session.add(user)
        session.flush()
        audit.record(session, "account_created", user_id=user.id, role=role)
        session.commit()
        click.echo(f"{role} #{user.id} {clean_phone}" + (f" ({agency})" if agency else ""))
        if password is None:
            click.echo(f"  password:    {chosen}")
        click.echo(f"  TOTP secret: {user.totp_secret}")
        click.echo(f"  TOTP URI:    {totp.provisioning_uri(user.totp_secret, clean_phone)}")


@blp.cli.command("create-officer")
@click.option("--pinfl", required=True)
@click.option("--phone", required=True)
@click.option("--name", default="")
@click.option("--agency", required=True, help="an agency id from reference/agencies.yaml")
@click.option("--password", default=None, help="default: a random one, printed once")
def create_officer(pinfl: str, phone: str, name: str, agency: str, password: str | None) -> None:
    """Create an officer of AGENCY (with a one-time-code secret, printed once)."""
    _staff("officer", pinfl, phone, name, agency, password)


@blp.cli.command("create-admin")
@click.option("--pinfl", required=True)
@click.option("--phone", required=True)
@click.option("--name", default="")
@click.option("--password", default=None, help="default: a random one, printed once")
def create_admin(pinfl: str, phone: str, name: str, password: str | None) -> None:
    """Create an administrator (with a one-time-code secret, printed once)."""
    _staff("admin", pinfl, phone, name, None, password)


@blp.cli.command("set-role")
@click.argument("login")
@click.argument("role", type=click.Choice(ROLES))
@click.option("--agency", default=None)
def set_role(login: str, role: str, agency: str | None) -> None:
    """Change the role of the account whose PINFL or phone number is LOGIN (audited)."""
    with session_factory()() as session:
        user = accounts.find_by_login(session, login)
        if user is None:
            raise click.UsageError("no such account")
        if role == "officer" and not agency:
            raise click.UsageError("an officer needs --agency")
        before = user.role
        user.role, user.agency = role, agency if role == "officer" else None
        if role != "citizen" and not user.totp_enabled:
            user.totp_secret, user.totp_enabled = totp.new_secret(), True
            click.echo(f"  TOTP secret: {user.totp_secret}")
        audit.record(session, "role_changed", user_id=user.id, before=before, after=role)
        session.commit()
        click.echo(f"#{user.id}: {before} -> {role}")
