"""Configuration from XIZMAT_* variables: defaults, parsing, loud failures naming the key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from server.config import SETTINGS, ConfigError, instance_secret_key, load_config


def test_defaults(tmp_path: Path) -> None:
    config = load_config(environ={}, instance_path=tmp_path)
    assert config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'xizmat.db'}"
    assert config["MAX_CONTENT_LENGTH"] == 1024 * 1024
    assert config["REDIS_URL"] == ""
    assert config["RATELIMIT_ENABLED"] is True
    assert config["LOG_LEVEL"] == "INFO"
    assert config["BHM_AMOUNT"] == 412_000
    assert config["BHM_EFFECTIVE"] == date(2025, 8, 1)
    assert config["CATALOGUE_SERVICES_DIR"].is_dir()
    assert config["CATALOGUE_REQUIRE_TRANSLATIONS"] is True


def test_environment_values_are_parsed(tmp_path: Path) -> None:
    config = load_config(
        environ={
            "XIZMAT_DATABASE_URL": " postgresql://u@h/db ",
            "XIZMAT_MAX_CONTENT_LENGTH": "2048",
            "XIZMAT_RATELIMIT_ENABLED": "off",
            "XIZMAT_LOG_LEVEL": "debug",
            "XIZMAT_BHM_AMOUNT": "375000",
            "XIZMAT_BHM_EFFECTIVE": "2024-08-01",
            "XIZMAT_CATALOGUE_LOCALES_DIR": str(tmp_path),
        },
        instance_path=tmp_path,
    )
    assert config["DATABASE_URL"] == "postgresql://u@h/db"
    assert config["MAX_CONTENT_LENGTH"] == 2048
    assert config["RATELIMIT_ENABLED"] is False
    assert config["LOG_LEVEL"] == "DEBUG"
    assert config["BHM_AMOUNT"] == 375_000 and config["BHM_EFFECTIVE"] == date(2024, 8, 1)
    assert config["CATALOGUE_LOCALES_DIR"] == tmp_path


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("XIZMAT_MAX_CONTENT_LENGTH", "a lot"),
        ("XIZMAT_MAX_CONTENT_LENGTH", "-5"),
        ("XIZMAT_RATELIMIT_ENABLED", "maybe"),
        ("XIZMAT_LOG_LEVEL", "LOUD"),
        ("XIZMAT_BHM_AMOUNT", "412 ming"),
        ("XIZMAT_BHM_AMOUNT", "0"),
        ("XIZMAT_BHM_EFFECTIVE", "01.08.2025"),
        ("XIZMAT_CATALOGUE_SERVICES_DIR", "/no/such/folder"),
        ("XIZMAT_CATALOGUE_REQUIRE_TRANSLATIONS", "mostly"),
    ],
)
def test_bad_values_fail_loudly_naming_the_variable(tmp_path: Path, name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        load_config(environ={name: value}, instance_path=tmp_path)


def test_overrides_win_over_environment(tmp_path: Path) -> None:
    config = load_config(
        environ={"XIZMAT_LOG_LEVEL": "nonsense"},
        overrides={"LOG_LEVEL": "ERROR", "TESTING": True},
        instance_path=tmp_path,
    )
    assert config["LOG_LEVEL"] == "ERROR" and config["TESTING"] is True


def test_text_overrides_are_parsed_like_the_variables(tmp_path: Path) -> None:
    config = load_config(environ={}, overrides={"BHM_EFFECTIVE": "2024-08-01"},
                         instance_path=tmp_path)
    assert config["BHM_EFFECTIVE"] == date(2024, 8, 1)
    with pytest.raises(ConfigError, match="BHM_AMOUNT"):
        load_config(environ={}, overrides={"BHM_AMOUNT": "many"}, instance_path=tmp_path)


def test_secret_key_is_created_once_and_shared(tmp_path: Path) -> None:
    first = instance_secret_key(tmp_path)
    assert len(first) >= 32
    assert instance_secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_readme_documents_every_variable() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.env_name}`" in readme, setting.env_name
    assert "`XIZMAT_INSTANCE_PATH`" in readme
