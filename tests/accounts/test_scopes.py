from __future__ import annotations

from hromada.accounts import permissions
from hromada.territories.models import Territory
from tests import factories
from tests.conftest import Personas


def test_official_covers_only_their_own_hromada(personas: Personas) -> None:
    raion = personas.hromada.parent
    assert raion is not None
    neighbour = factories.make_hromada(raion)
    assert permissions.covers(personas.official, personas.hromada)
    assert not permissions.covers(personas.official, neighbour)
    assert not permissions.covers(personas.official, personas.other_hromada)
    assert not permissions.covers(personas.official, personas.oblast)


def test_coordinator_covers_everything_in_their_oblast(personas: Personas) -> None:
    assert permissions.covers(personas.coordinator, personas.oblast)
    assert permissions.covers(personas.coordinator, personas.hromada)
    assert permissions.covers(personas.coordinator, personas.hromada.raion)
    assert not permissions.covers(personas.coordinator, personas.other_hromada)
    assert not permissions.covers(personas.coordinator, personas.other_oblast)


def test_analyst_and_administrator_cover_the_whole_country(personas: Personas) -> None:
    for user in (personas.analyst, personas.administrator):
        assert permissions.covers(user, personas.hromada)
        assert permissions.covers(user, personas.other_oblast)


def test_outsider_and_inactive_official_cover_nothing(personas: Personas) -> None:
    assert not permissions.covers(personas.outsider, personas.hromada)
    personas.official.is_active = False
    assert not permissions.covers(personas.official, personas.hromada)


def test_covered_territories_filters_a_list_as_covers_decides(personas: Personas) -> None:
    everything = Territory.objects.all()
    for user in (
        personas.official,
        personas.coordinator,
        personas.analyst,
        personas.administrator,
        personas.outsider,
    ):
        expected = {t.code for t in everything if permissions.covers(user, t)}
        assert {t.code for t in permissions.covered_territories(user, everything)} == expected


def test_scope_of_is_the_territory_of_scoped_roles_only(personas: Personas) -> None:
    assert permissions.scope_of(personas.official) == personas.hromada
    assert permissions.scope_of(personas.coordinator) == personas.oblast
    assert permissions.scope_of(personas.analyst) is None
    assert permissions.scope_of(personas.outsider) is None


def test_superuser_counts_as_administrator_whatever_the_role_field_says(
    personas: Personas,
) -> None:
    personas.outsider.is_superuser = True
    assert permissions.is_administrator(personas.outsider)
    assert permissions.role_of(personas.outsider) == "administrator"


def test_staff_flag_alone_gives_no_power(personas: Personas) -> None:
    personas.analyst.is_staff = True
    assert not permissions.is_administrator(personas.analyst)
    assert not permissions.can_access_admin(personas.analyst)
    assert not permissions.can_manage_users(personas.analyst)


def test_who_may_see_contacts_and_manage_members(personas: Personas) -> None:
    assert not permissions.can_view_contacts(personas.official)
    assert permissions.can_view_contacts(personas.coordinator)
    assert not permissions.can_manage_members(personas.coordinator)
    assert permissions.can_manage_members(personas.analyst)
    assert permissions.can_edit_territory_status(personas.administrator)
    assert not permissions.can_edit_territory_status(personas.official)
