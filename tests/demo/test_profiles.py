from __future__ import annotations

from pathlib import Path

import pytest

from hromada.demo.profiles import ProfileError, read_profiles
from hromada.indicators.catalogue_seed import read_seed


def test_every_base_indicator_of_the_seed_has_a_profile_and_no_profile_is_unknown() -> None:
    seed = read_seed()
    base = {spec.code for spec in seed.indicators if not spec.formula}
    derived = {spec.code for spec in seed.indicators if spec.formula}
    profiles = read_profiles()
    assert sorted(base - set(profiles)) == []
    assert sorted(set(profiles) - base) == []
    assert not derived & set(profiles)


def test_profiles_come_in_dependency_order() -> None:
    seen: set[str] = set()
    for code, profile in read_profiles().items():
        assert set(profile.depends_on) <= seen, code
        seen.add(code)


def test_a_per_capita_amount_is_a_rate_per_thousand_residents(tmp_path: Path) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text('[profiles]\n"a" = { per_capita = 2.5 }\n"b" = { per_1000 = 7 }\n')
    profiles = read_profiles(path)
    assert profiles["a"].rate == 2500
    assert profiles["b"].rate == 7


@pytest.mark.parametrize(
    "body",
    [
        '"a" = { per_1000 = 1, colour = "red" }',
        '"a" = { share_of = "missing", share = 0.1 }',
        '"a" = { trend = 1.1 }',
        '"a" = { per_1000 = 1, type_factor = { town = 2 } }',
        '"a" = { share_of = "b", share = 0.5 }\n"b" = { share_of = "a", share = 0.5 }',
    ],
)
def test_a_profile_with_an_unknown_key_reference_or_no_rule_is_refused(
    tmp_path: Path, body: str
) -> None:
    path = tmp_path / "profiles.toml"
    path.write_text(f"[profiles]\n{body}\n")
    with pytest.raises(ProfileError):
        read_profiles(path)
