"""Configuration from XIZMAT_* variables: defaults, parsing, loud failures naming the key."""

from __future__ import annotations

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


def test_environment_values_are_parsed(tmp_path: Path) -> None:
    config = load_config(
        environ={
            "XIZMAT_DATABASE_URL": " postgresql://u@h/db ",
            "XIZMAT_MAX_CONTENT_LENGTH": "2048",
            "XIZMAT_RATELIMIT_ENABLED": "off",
            "XIZMAT_LOG_LEVEL": "debug",
        },
        instance_path=tmp_path,
    )
    assert config["DATABASE_URL"] == "postgresql://u@h/db"
    assert config["MAX_CONTENT_LENGTH"] == 2048
    assert config["RATELIMIT_ENABLED"] is False
    assert config["LOG_LEVEL"] == "DEBUG"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("XIZMAT_MAX_CONTENT_LENGTH", "a lot"),
        ("XIZMAT_MAX_CONTENT_LENGTH", "-5"),
        ("XIZMAT_RATELIMIT_ENABLED", "maybe"),
        ("XIZMAT_LOG_LEVEL", "LOUD"),
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
