from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from hromada.lib.env import env_bool, env_list
from hromada.lib.secret_key import resolve_secret_key


def test_env_bool_refuses_a_typo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "ture")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='ture'"):
        env_bool("DEBUG")


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("Yes", True), ("off", False)])
def test_env_bool_reads_common_spellings(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool
) -> None:
    monkeypatch.setenv("DEBUG", raw)
    assert env_bool("DEBUG") is expected


def test_env_list_splits_and_trims(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLOWED_HOSTS", " amu.org.ua, ,hromada.example ")
    assert env_list("ALLOWED_HOSTS", []) == ["amu.org.ua", "hromada.example"]


def test_production_refuses_a_weak_secret_key(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="too weak"):
        resolve_secret_key("secret", debug=False, data_dir=tmp_path)


def test_zero_configuration_creates_and_keeps_a_random_key(tmp_path: Path) -> None:
    first = resolve_secret_key("", debug=False, data_dir=tmp_path)
    again = resolve_secret_key("", debug=False, data_dir=tmp_path)
    assert first == again
    assert len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_every_setting_read_from_the_environment_is_documented() -> None:
    settings_source = (Path(__file__).parents[1] / "src/hromada/settings.py").read_text()
    documented = (Path(__file__).parents[1] / "docs/configuration.md").read_text()
    import re

    names = set(re.findall(r'env_\w+\("([A-Z_]+)"', settings_source))
    assert names, "the settings module reads no variables?"
    missing = sorted(name for name in names if f"`{name}`" not in documented)
    assert not missing, f"undocumented in docs/configuration.md: {missing}"
