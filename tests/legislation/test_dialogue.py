"""Government meetings with the positions voiced, and the inter-faction group of MPs from the
Rada's MP open data with the bills they sponsor."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hromada.audit.models import AuditEntry
from hromada.legislation import actions, dialogue
from hromada.legislation.models import MP, AgendaItem, Bill, GovernmentMeeting, Stance
from tests.conftest import Personas
from tests.legislation.conftest import SEED, files

MP_FILES = ("mps09-data-sample.csv", "mp-posts_ids-sample.csv", "mp-posts_unit-sample.tsv")


def test_mps_are_imported_with_factions_and_idempotently(personas: Personas) -> None:
    result = dialogue.import_mps(files(*MP_FILES), by=personas.analyst)
    assert (result.new, result.problems) == (4, [])
    olena = MP.objects.get(rada_id="70001")
    assert olena.faction == "Фракція політичної партії «Приклад»"
    assert olena.region == "Полтавська область" and olena.district == "146"
    assert MP.objects.get(rada_id="70003").faction == "Депутатська група «Взірець»"
    again = dialogue.import_mps(files(*MP_FILES), by=personas.analyst)
    assert (again.new, again.updated) == (0, 0) and MP.objects.count() == 4
    assert AuditEntry.objects.filter(action="legislation.mps.import").count() == 2


def test_an_mp_file_without_its_columns_is_refused(personas: Personas) -> None:
    result = dialogue.import_mps([("mps09-data.csv", b"name,region\nX,Y\n")], by=personas.analyst)
    assert result.problems and "full_name" in result.problems[0] and not MP.objects.exists()
    with pytest.raises(PermissionDenied):
        dialogue.import_mps(files(*MP_FILES), by=personas.official)


def test_the_group_page_lists_members_with_the_bills_they_sponsor(
    personas: Personas, client: Client, rada_files: list[tuple[str, bytes]]
) -> None:
    actions.import_bills(rada_files, by=personas.analyst)
    client.force_login(personas.analyst)
    uploads = [SimpleUploadedFile(name, (SEED / name).read_bytes()) for name in MP_FILES]
    client.post("/legislation/mp-group/import/", {"upload": uploads})
    olena = MP.objects.get(rada_id="70001")
    client.post(f"/legislation/mp-group/{olena.pk}/", {"in_group": "1"})
    client.logout()
    page = client.get("/legislation/mp-group/").content.decode()
    assert "Приклад Олена Іванівна" in page and "№ 12101" in page
    assert "Взірець Ганна" not in page  # not in the group
    assert AuditEntry.objects.get(action="legislation.mp.group").changes["in_group"] == [
        False,
        True,
    ]


def test_an_analyst_records_a_meeting_with_the_position_voiced(
    personas: Personas, client: Client, rada_files: list[tuple[str, bytes]]
) -> None:
    actions.import_bills(rada_files, by=personas.analyst)
    position = actions.save_position(
        None,
        by=personas.analyst,
        values={"title": "ПДФО — громадам", "stance": Stance.AMEND, "summary": "64 %."},
        subjects=[],
    )
    actions.publish_position(position, by=personas.analyst)
    client.force_login(personas.analyst)
    response = client.post(
        "/legislation/meetings/",
        {
            "body_kind": "rada_committee",
            "body": "Комітет з питань бюджету",
            "held_on": "2026-10-05",
            "representatives": "Виконавчий директор",
            "outcome": "",
        },
    )
    meeting = GovernmentMeeting.objects.get()
    assert response["Location"].endswith(f"/meetings/{meeting.pk}/")
    client.post(
        f"/legislation/meetings/{meeting.pk}/",
        {
            "title": "Зміни до Бюджетного кодексу",
            "bill": "12101",
            "position": position.pk,
            "voiced": "Частка ПДФО 64 %",
            "outcome": "Комітет підтримав",
        },
    )
    item = AgendaItem.objects.get()
    assert (item.bill.number if item.bill else None, item.position) == ("12101", position)
    assert meeting.held_on == dt.date(2026, 10, 5)
    client.logout()
    page = client.get(f"/legislation/meetings/{meeting.pk}/").content.decode()
    assert "ПДФО — громадам" in page and "Комітет підтримав" in page
    client.force_login(personas.official)
    assert client.post("/legislation/meetings/", {"body": "x"}).status_code == 403


def test_a_cut_line_in_the_mp_file_is_skipped_not_a_crash(personas: Personas) -> None:
    content = "id,full_name,region_name\n7,Петренко Ганна,Полтавська\n8\n".encode()
    result = dialogue.import_mps([("mps09-data.csv", content)], by=personas.analyst)
    assert (result.new, result.problems) == (1, [])
    assert list(MP.objects.values_list("rada_id", flat=True)) == ["7"]


def test_an_mp_file_over_the_upload_limits_is_refused_whole(
    personas: Personas, settings: object
) -> None:
    settings.HROMADA_UPLOAD_MAX_ROWS = 2  # type: ignore[attr-defined]
    result = dialogue.import_mps(files(*MP_FILES), by=personas.analyst)
    assert result.problems and "mps09-data-sample.csv" in result.problems[0]
    assert "2" in result.problems[0] and not MP.objects.exists()


def test_the_faction_names_file_has_no_header_and_may_hold_commas(personas: Personas) -> None:
    main = "id,full_name\n7,Петренко Ганна\n".encode()
    posts = b"mp_id,unit_id,unit_type\n7,9,fra\n"
    units = "9\tФракція «Громади, села і міста»\n".encode("cp1251")
    uploads = [("mps09-data.csv", main), ("mp-posts_ids.csv", posts), ("mp-posts_unit.txt", units)]
    result = dialogue.import_mps(uploads, by=personas.analyst)
    assert result.problems == []
    assert MP.objects.get().faction == "Фракція «Громади, села і міста»"


def test_the_group_page_reads_only_the_groups_bills_in_a_fixed_number_of_queries(
    personas: Personas, client: Client, django_assert_num_queries: Any
) -> None:
    olena = MP.objects.create(rada_id="1", full_name="Приклад Олена", in_group=True)
    MP.objects.create(rada_id="2", full_name="Зразок Петро", in_group=False)
    for n in range(12):
        Bill.objects.create(
            number=f"1{n:03}",
            title=f"Законопроєкт {n}",
            registered_on=dt.date(2026, 1, 1) + dt.timedelta(days=n),
            initiators=["Приклад Олена", "Інший Автор"],
        )
    Bill.objects.create(number="2000", title="Чужий", initiators=["Зразок Петро"])
    with django_assert_num_queries(3):
        members = dialogue.group_members()
    assert [m.mp for m in members] == [olena]
    shown = [bill.number for bill in members[0].bills]
    assert members[0].sponsored == 12 and len(shown) == dialogue.SHOWN_BILLS
    assert shown[0] == "1011" and "2000" not in shown  # the latest first
    page = client.get("/legislation/mp-group/").content.decode()
    assert "№ 1011" in page and "№ 1001" not in page and "12" in page
