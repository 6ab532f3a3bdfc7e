from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hromada.audit.models import AuditEntry
from hromada.members import actions
from hromada.members.models import MembershipChange, MembershipStatus, Section
from tests.conftest import Personas
from tests.members.factories import make_dues, make_membership, make_person

pytestmark = pytest.mark.django_db


def test_analyst_admits_a_hromada_and_the_admission_is_in_its_history(personas: Personas) -> None:
    membership = actions.admit_member(
        personas.hromada,
        joined_on=dt.date(2021, 3, 15),
        decision="рішення № 5",
        by=personas.analyst,
    )
    assert membership.status == MembershipStatus.ACTIVE
    change = membership.changes.get()
    assert (change.old_status, change.new_status, change.changed_by) == (
        "",
        "active",
        personas.analyst,
    )
    assert AuditEntry.objects.filter(action="members.membership.admit").count() == 1


def test_official_and_coordinator_cannot_admit_members(personas: Personas) -> None:
    for user in (personas.official, personas.coordinator, personas.outsider):
        with pytest.raises(PermissionDenied):
            actions.admit_member(personas.hromada, joined_on=dt.date(2021, 1, 1), by=user)
    assert not MembershipChange.objects.exists()


def test_an_oblast_cannot_be_admitted_and_a_hromada_only_once(personas: Personas) -> None:
    with pytest.raises(ValidationError):
        actions.admit_member(personas.oblast, joined_on=dt.date(2021, 1, 1), by=personas.analyst)
    actions.admit_member(personas.hromada, joined_on=dt.date(2021, 1, 1), by=personas.analyst)
    with pytest.raises(ValidationError):
        actions.admit_member(personas.hromada, joined_on=dt.date(2022, 1, 1), by=personas.analyst)


def test_joining_in_the_future_is_refused(personas: Personas) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError):
        actions.admit_member(personas.hromada, joined_on=tomorrow, by=personas.analyst)


def test_suspend_reinstate_and_leave_keep_every_step(personas: Personas) -> None:
    membership = make_membership(personas.hromada, joined_on=dt.date(2015, 1, 1))
    steps = [
        ("suspended", dt.date(2022, 2, 1), "несплата внесків"),
        ("active", dt.date(2022, 9, 1), "внески сплачено"),
        ("left", dt.date(2023, 6, 30), "рішення ради про вихід"),
    ]
    for status, on, reason in steps:
        actions.change_membership_status(
            membership, status=status, on=on, reason=reason, by=personas.analyst
        )
    membership.refresh_from_db()
    assert membership.status == "left"
    assert membership.left_on == dt.date(2023, 6, 30)
    history = list(membership.changes.order_by("pk").values_list("old_status", "new_status"))
    assert history == [("active", "suspended"), ("suspended", "active"), ("active", "left")]


def test_reinstating_a_member_that_left_clears_the_leaving_date(personas: Personas) -> None:
    membership = make_membership(
        personas.hromada, status="left", left_on=dt.date(2020, 1, 1), joined_on=dt.date(2010, 1, 1)
    )
    actions.change_membership_status(
        membership, status="active", on=dt.date(2024, 1, 1), reason="повернення", by=None
    )
    membership.refresh_from_db()
    assert (membership.status, membership.left_on) == ("active", None)


@pytest.mark.parametrize(
    ("status", "on", "reason"),
    [
        ("active", dt.date(2022, 1, 1), "same status"),
        ("suspended", dt.date(2014, 1, 1), "before joining"),
        ("suspended", dt.date(2022, 1, 1), "  "),
    ],
)
def test_a_status_change_that_makes_no_sense_is_refused(
    personas: Personas, status: str, on: dt.date, reason: str
) -> None:
    membership = make_membership(personas.hromada, joined_on=dt.date(2015, 1, 1))
    with pytest.raises(ValidationError):
        actions.change_membership_status(
            membership, status=status, on=on, reason=reason, by=personas.analyst
        )
    assert not membership.changes.exists()


def test_dues_are_recorded_once_per_year_and_then_marked_paid(personas: Personas) -> None:
    membership = make_membership(personas.hromada)
    actions.record_dues(membership, year=2024, amount=Decimal("1000"), by=personas.analyst)
    dues = actions.record_dues(
        membership, year=2024, amount=Decimal("1500.50"), by=personas.analyst
    )
    assert membership.dues.count() == 1
    assert not dues.is_paid
    actions.mark_dues_paid(dues, paid_on=dt.date(2024, 4, 2), by=personas.analyst)
    dues.refresh_from_db()
    assert (dues.amount, dues.paid_on) == (Decimal("1500.50"), dt.date(2024, 4, 2))
    recorded = AuditEntry.objects.filter(action="members.dues.record").order_by("pk").last()
    assert recorded is not None
    assert recorded.changes["amount"] == ["1000.00", "1500.50"]


def test_officials_cannot_mark_their_own_dues_paid(personas: Personas) -> None:
    dues = make_dues(make_membership(personas.hromada), 2024)
    with pytest.raises(PermissionDenied):
        actions.mark_dues_paid(dues, paid_on=dt.date(2024, 4, 2), by=personas.official)


def test_creating_a_person_with_consent_dates_the_consent(personas: Personas) -> None:
    finance = Section.objects.get(code="finance")
    person = actions.create_person(
        by=personas.analyst,
        sections=[finance],
        full_name="Петренко Андрій Васильович",
        position="начальник фінансового управління",
        hromada=personas.hromada,
        email="a.petrenko@example.org",
        consent=True,
    )
    assert person.consent_on == timezone.localdate()
    assert list(person.sections.all()) == [finance]


def test_updating_a_person_records_what_changed(personas: Personas) -> None:
    person = make_person(personas.hromada)
    education = Section.objects.get(code="education")
    actions.update_person(
        person,
        by=personas.analyst,
        position="міський голова",
        consent=False,
        sections=[education],
    )
    person.refresh_from_db()
    assert person.consent_on is None
    entry = AuditEntry.objects.get(action="members.person.update")
    assert entry.changes["position"] == ["секретар ради", "міський голова"]
    assert entry.changes["sections"] == [[], ["education"]]


def test_a_person_cannot_belong_to_an_oblast(personas: Personas) -> None:
    with pytest.raises(ValidationError):
        actions.create_person(by=personas.analyst, full_name="X", hromada=personas.oblast)
