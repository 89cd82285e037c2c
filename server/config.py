"""Configuration: ``XIZMAT_*`` environment variables over defaults, a test dict over both.

Each setting is declared once in :data:`SETTINGS` with its type and default; the Flask config
key is the variable name without ``XIZMAT_`` (``XIZMAT_DATABASE_URL`` -> ``DATABASE_URL``).
A value that does not parse stops the app at start with the variable's name in the message,
instead of surfacing later as a confusing failure.  README.md lists every variable: keep the
table there in step with :data:`SETTINGS`.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from locales import LOCALES_DIR
from server.catalogue.service import REFERENCE_DIR, SERVICES_DIR
from server.catalogue.wording import DEFAULT_BHM_AMOUNT, DEFAULT_BHM_EFFECTIVE

ENV_PREFIX: Final[str] = "XIZMAT_"


class ConfigError(ValueError):
    """A configuration value is missing or malformed; the message names the variable."""


def parse_bool(raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError("expected one of 1/0, true/false, yes/no, on/off")


def parse_positive_int(raw: str) -> int:
    value = int(raw.strip())
    if value <= 0:
        raise ValueError("expected a positive integer")
    return value


def parse_non_negative_int(raw: str) -> int:
    value = int(raw.strip())
    if value < 0:
        raise ValueError("expected 0 or a positive integer")
    return value


def parse_positive_seconds(raw: str) -> float:
    value = float(raw.strip())
    if not value > 0:  # also refuses nan
        raise ValueError("expected a positive number of seconds")
    return value


def _parse_log_level(raw: str) -> str:
    level = raw.strip().upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise ValueError("expected DEBUG, INFO, WARNING, ERROR or CRITICAL")
    return level


def _parse_text(raw: str) -> str:
    return raw.strip()


def _parse_folder(raw: str) -> Path:
    path = Path(raw.strip())
    if not path.is_dir():
        raise ValueError("expected an existing folder")
    return path


def _parse_date(raw: str) -> date:
    return date.fromisoformat(raw.strip())  # its ValueError names the expected form


def instance_secret_key(instance: Path) -> str:
    """A random key created once in ``instance/secret_key`` and read from then on.

    Every gunicorn worker builds its own app: a key made up per process would let one worker
    reject the tokens another signed.  Creation is exclusive, so racing workers agree.
    """
    path = instance / "secret_key"
    instance.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _attempt in range(50):
            key = path.read_text(encoding="ascii").strip()
            if key:
                return key
            time.sleep(0.01)  # the creating process has not written it yet
        raise ConfigError(f"{path} is empty; delete it or set {ENV_PREFIX}SECRET_KEY") from None
    key = secrets.token_urlsafe(32)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


@dataclass(frozen=True)
class Setting:
    """One configuration variable: Flask key, parser, default and what it is for."""

    key: str
    parse: Callable[[str], Any]
    default: Callable[[Path], Any]
    help: str

    @property
    def env_name(self) -> str:
        return ENV_PREFIX + self.key


SETTINGS: Final[tuple[Setting, ...]] = (
    Setting(
        "DATABASE_URL",
        _parse_text,
        lambda instance: f"sqlite:///{instance / 'xizmat.db'}",
        "SQLAlchemy URL; postgresql:// URLs use psycopg 3",
    ),
    Setting(
        "SECRET_KEY",
        _parse_text,
        instance_secret_key,
        "signing key for tokens; default: a random key kept in the instance folder",
    ),
    Setting(
        "MAX_CONTENT_LENGTH",
        parse_positive_int,
        lambda _instance: 1024 * 1024,
        "largest request body in bytes (413 above it)",
    ),
    Setting(
        "REDIS_URL",
        _parse_text,
        lambda _instance: "",
        "Redis for shared rate limits; empty keeps them in process memory",
    ),
    Setting(
        "RATELIMIT_ENABLED",
        parse_bool,
        lambda _instance: True,
        "turn rate limiting on or off",
    ),
    Setting(
        "LOG_LEVEL",
        _parse_log_level,
        lambda _instance: "INFO",
        "level of the JSON request log",
    ),
    Setting(
        "BHM_AMOUNT",
        parse_positive_int,
        lambda _instance: DEFAULT_BHM_AMOUNT,
        "base calculation amount (BHM) in whole soʻm, for fees set as its multiple",
    ),
    Setting(
        "BHM_EFFECTIVE",
        _parse_date,
        lambda _instance: DEFAULT_BHM_EFFECTIVE,
        "the day that BHM value took effect (ISO date)",
    ),
    Setting(
        "CATALOGUE_SERVICES_DIR",
        _parse_folder,
        lambda _instance: SERVICES_DIR,
        "folder of the service definition files (YAML)",
    ),
    Setting(
        "CATALOGUE_REFERENCE_DIR",
        _parse_folder,
        lambda _instance: REFERENCE_DIR,
        "folder of the reference data (agencies, categories, life events, regions)",
    ),
    Setting(
        "CATALOGUE_LOCALES_DIR",
        _parse_folder,
        lambda _instance: LOCALES_DIR,
        "folder of the gettext catalogs the service texts are checked against",
    ),
    Setting(
        "CATALOGUE_REQUIRE_TRANSLATIONS",
        parse_bool,
        lambda _instance: True,
        "refuse to start while a service text lacks a translation in any locale",
    ),
)
_SETTINGS_BY_KEY: Final[dict[str, Setting]] = {setting.key: setting for setting in SETTINGS}


def default_instance_path() -> Path:
    """``$XIZMAT_INSTANCE_PATH`` or ``instance/`` at the repository root."""
    raw = os.environ.get(ENV_PREFIX + "INSTANCE_PATH", "").strip()
    return Path(raw).resolve() if raw else Path(__file__).resolve().parent.parent / "instance"


def load_config(
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
    instance_path: Path | None = None,
) -> dict[str, Any]:
    """The settings as Flask config keys: ``overrides`` > ``XIZMAT_*`` in ``environ`` > defaults.

    Raises :class:`ConfigError` naming the variable when an environment value does not parse.
    """
    env = os.environ if environ is None else environ
    instance = instance_path or default_instance_path()
    overrides = overrides or {}
    config: dict[str, Any] = {}
    for setting in SETTINGS:
        if setting.key in overrides:
            config[setting.key] = _parsed_override(setting, overrides[setting.key])
        else:
            config[setting.key] = _from_environment(setting, env, instance)
    for key, value in overrides.items():
        config.setdefault(key, value)
    return config


def read_setting(key: str, environ: Mapping[str, str] | None = None) -> Any:
    """One setting from ``XIZMAT_<key>`` or its default, for commands that build no app."""
    env = os.environ if environ is None else environ
    return _from_environment(_SETTINGS_BY_KEY[key], env, default_instance_path())


def _from_environment(setting: Setting, env: Mapping[str, str], instance: Path) -> Any:
    raw = env.get(setting.env_name)
    if raw is None or raw.strip() == "":
        return setting.default(instance)
    try:
        return setting.parse(raw)
    except ValueError as error:
        raise ConfigError(f"{setting.env_name}={raw!r} is not valid: {error}") from error


def _parsed_override(setting: Setting, value: Any) -> Any:
    """A test dict's value: text is parsed like the variable's, anything else taken as typed."""
    if not isinstance(value, str):
        return value
    try:
        return setting.parse(value)
    except ValueError as error:
        raise ConfigError(f"{setting.key}={value!r} is not valid: {error}") from error
