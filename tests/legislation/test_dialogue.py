"""Government meetings with the positions voiced, and the inter-faction group of MPs from the
Rada's MP open data with the bills they sponsor."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hromada.audit.models import AuditEntry
from hromada.legislation import actions, dialogue
from hromada.legislation.models import MP, AgendaItem, GovernmentMeeting, Stance
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
