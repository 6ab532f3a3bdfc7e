"""Content-Security-Policy: scripts from this site only, and no inline script on any page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from hromada.dataio.models import ImportJob, StagedUpload
from tests.conftest import Personas

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "hromada"
# A <script> element whose body would run: no src, and not a JSON data island.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def _policy(client: Client, url: str) -> dict[str, str]:
    header = client.get(url)["Content-Security-Policy"]
    parts = (part.strip().partition(" ") for part in header.split(";") if part.strip())
    return {name: value for name, _, value in parts}


@pytest.mark.django_db
def test_pages_allow_scripts_from_this_site_only(client: Client) -> None:
    policy = _policy(client, reverse("web:home"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_the_api_documentation_carries_the_policy_too(client: Client) -> None:
    assert _policy(client, "/api/v1/docs")["script-src"] == "'self'"


def test_no_template_holds_an_inline_script_or_event_handler() -> None:
    offenders = []
    for template in TEMPLATES.rglob("templates/**/*.html"):
        if template.name.endswith("_pdf.html"):  # printed by WeasyPrint, never by a browser
            continue
        text = template.read_text()
        if INLINE_SCRIPT.search(text) or INLINE_HANDLER.search(text):
            offenders.append(str(template.relative_to(TEMPLATES)))
    assert offenders == []


@pytest.mark.django_db
def test_the_import_page_follows_its_job_through_a_script_file(
    client: Client, personas: Personas
) -> None:
    staged = StagedUpload.objects.create(file_name="values.csv", created_by=personas.analyst)
    job = ImportJob.objects.create(
        staged=staged, file_name="values.csv", created_by=personas.analyst
    )
    client.force_login(personas.analyst)
    page = client.get(reverse("dataio:job", args=[job.pk])).content.decode()
    assert f'data-poll-url="{reverse("dataio:job", args=[job.pk])}?format=json"' in page
    assert "/static/dataio/job.js" in page
    assert not INLINE_SCRIPT.search(page)
