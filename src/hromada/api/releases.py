"""Releases: the dated publications of values, published and scheduled (hromada.releases)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from hromada.api.problems import ApiError
from hromada.api.schemas import ReleaseList, ReleaseOut
from hromada.releases.models import Release
from hromada.releases.queries import published_releases, scheduled_releases

router = Router(tags=["releases"])


def release_out(release: Release) -> dict[str, Any]:
    return {
        "id": release.pk,
        "name_uk": release.name_uk,
        "name_en": release.name_en,
        "kind": release.kind,
        "note_uk": release.note_uk,
        "note_en": release.note_en,
        "first_year": release.first_year,
        "last_year": release.last_year,
        "scheduled_on": release.scheduled_on,
        "published_at": release.published_at,
        "new_values": release.new_count,
        "revised_values": release.revised_count,
        "withdrawn_values": release.withdrawn_count,
    }


def published_release(release_id: int) -> Release:
    """The published release with this id, or a 404 problem naming the parameter."""
    release = published_releases().filter(pk=release_id).first()
    if release is None:
        message = "no published release has this id (see /api/v1/releases)"
        raise ApiError(404, f"Unknown release {release_id}.", errors=[
            {"field": "release", "message": message}
        ])  # fmt: skip
    return release


@router.get("/releases", response=ReleaseList, summary="Published and scheduled releases")
def list_releases(request: HttpRequest) -> dict[str, Any]:
    """Published releases, newest first, then the announced ones, soonest first."""
    releases = [*published_releases(), *scheduled_releases()]
    return {"items": [release_out(release) for release in releases]}


@router.get("/releases/{release_id}", response=ReleaseOut, summary="One release")
def get_release(request: HttpRequest, release_id: int) -> dict[str, Any]:
    release = Release.objects.filter(pk=release_id).first()
    if release is None:
        raise ApiError(404, f"Unknown release {release_id}.")
    return release_out(release)
