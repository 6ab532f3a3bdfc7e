"""A practice's files and photos: checked by their first bytes, shown with the practice."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hromada.audit.models import AuditEntry
from hromada.learning.models import Practice, PracticeFile, PracticeState
from tests.conftest import Personas

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _practice(personas: Personas, state: str = PracticeState.PROPOSED) -> Practice:
    return Practice.objects.create(
        title="Енергоменеджмент шкіл", hromada=personas.hromada, problem="п", solution="р",
        results="р", state=state,
    )  # fmt: skip


def _add(client: Client, practice: Practice, name: str, content: bytes) -> None:
    client.post(
        reverse("learning:practice_file_add", args=[practice.pk]),
        {"title": "Котельня після модернізації", "file": SimpleUploadedFile(name, content)},
    )


def test_the_hromadas_official_adds_a_photo_shown_once_the_practice_is_published(
    client: Client, personas: Personas
) -> None:
    practice = _practice(personas)
    client.force_login(personas.official)
    _add(client, practice, "kotelnia.png", PNG)
    stored = PracticeFile.objects.get()
    assert (stored.content_type, stored.is_picture) == ("image/png", True)
    assert AuditEntry.objects.filter(action="learning.practice.file_add").exists()
    url = reverse("learning:practice_file", args=[practice.pk, stored.pk])
    visitor = Client()
    assert visitor.get(url).status_code == 404  # not published yet
    Practice.objects.filter(pk=practice.pk).update(state=PracticeState.PUBLISHED)
    response = visitor.get(url)
    assert response.status_code == 200 and response.content == PNG
    assert response["Content-Type"] == "image/png"
    page = visitor.get(reverse("learning:practice", args=[practice.pk])).content.decode()
    assert f'src="{url}"' in page and 'alt="Котельня після модернізації"' in page


def test_a_renamed_program_is_refused_and_others_cannot_add_files(
    client: Client, personas: Personas
) -> None:
    practice = _practice(personas, PracticeState.PUBLISHED)
    client.force_login(personas.official)
    _add(client, practice, "photo.jpg", b"MZ\x90\x00 not a picture")
    assert not PracticeFile.objects.exists()
    outsider = Client()
    outsider.force_login(personas.outsider)
    response = outsider.post(
        reverse("learning:practice_file_add", args=[practice.pk]),
        {"file": SimpleUploadedFile("a.png", PNG)},
    )
    assert response.status_code == 403 and not PracticeFile.objects.exists()
