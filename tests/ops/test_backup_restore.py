"""`hromada backup` and `hromada restore`: a round trip of the database and the data files."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from hromada.territories.models import Territory
from tests import factories


@pytest.fixture(autouse=True)
def _english() -> None:
    """System administrators may run the commands in English; the messages are checked so."""
    translation.activate("en")


@pytest.fixture
def data_dir(tmp_path: Path, settings: Any) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    (tmp_path / "data" / "uploads").mkdir(parents=True)
    return tmp_path / "data"


def _territories() -> list[tuple[str, str, str]]:
    return list(Territory.objects.order_by("code").values_list("code", "name_uk", "name_en"))


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_the_records_and_the_uploaded_files_after_a_wipe(
    data_dir: Path, tmp_path: Path
) -> None:
    oblast = factories.make_oblast("Полтавська", "Poltavska")
    factories.make_hromada(factories.make_raion(oblast), name_uk="Решетилівська")
    upload = data_dir / "uploads" / "values.xlsx"
    upload.write_bytes(b"PK\x03\x04 an uploaded workbook")
    (data_dir / "static").mkdir()
    (data_dir / "static" / "site.css").write_text("collected, not backed up")
    before = _territories()
    archive = tmp_path / "hromada.tar.gz"

    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    call_command("flush", "--no-input")
    assert _territories() == []
    upload.unlink()
    (data_dir / "uploads" / "later.csv").write_text("came after the backup")
    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)

    assert _territories() == before
    assert upload.read_bytes() == b"PK\x03\x04 an uploaded workbook"
    assert not (data_dir / "uploads" / "later.csv").exists()
    assert "(1)" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_archive_names_its_engine_migrations_and_checksums(
    data_dir: Path, tmp_path: Path
) -> None:
    (data_dir / "uploads" / "a.csv").write_text("code;value\n")
    archive = tmp_path / "hromada.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))  # type: ignore[arg-type]
        names = set(opened.getnames())
    assert manifest["format"] == "hromada-backup"
    assert manifest["engine"] in {"sqlite", "postgresql"}
    assert "0001_initial" in manifest["migrations"]["territories"]
    assert set(manifest["sha256"]) == {manifest["database"], "files/uploads/a.csv"}
    assert names == {"manifest.json", manifest["database"], "files/uploads/a.csv"}
    assert archive.stat().st_mode & 0o077 == 0


def test_restore_refuses_a_file_that_is_no_archive(tmp_path: Path) -> None:
    bogus = tmp_path / "photo.tar.gz"
    bogus.write_bytes(b"\x89PNG not a backup")
    with pytest.raises(CommandError, match=r"photo\.tar\.gz cannot be read as a backup archive"):
        call_command("restore", str(bogus), "--yes")


def _tar(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return path


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_an_archive_made_by_something_else(tmp_path: Path) -> None:
    foreign = _tar(tmp_path / "site.tar.gz", {"index.html": b"<html>"})
    with pytest.raises(CommandError, match=r"site\.tar\.gz is not a Hromada backup"):
        call_command("restore", str(foreign), "--yes")


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_archive_and_leaves_everything_as_it_was(
    data_dir: Path, tmp_path: Path
) -> None:
    factories.make_oblast("Сумська", "Sumska")
    archive = tmp_path / "hromada.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as opened:
        members = {m.name: opened.extractfile(m).read() for m in opened}  # type: ignore[union-attr]
    manifest = json.loads(members["manifest.json"])
    members[manifest["database"]] += b"tampered"
    damaged = _tar(tmp_path / "damaged.tar.gz", members)
    before = _territories()
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(damaged), "--yes")
    assert _territories() == before


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_backup_from_a_newer_version(tmp_path: Path) -> None:
    manifest = {
        "format": "hromada-backup",
        "format_version": 1,
        "engine": "sqlite" if _vendor() == "sqlite" else "postgresql",
        "migrations": {"territories": ["0999_from_the_future"]},
        "sha256": {},
        "created_at": "2030-01-01T00:00:00+00:00",
        "database": "database.sqlite3",
    }
    newer = _tar(tmp_path / "newer.tar.gz", {"manifest.json": json.dumps(manifest).encode()})
    with pytest.raises(CommandError, match=r"newer version.*territories\.0999_from_the_future"):
        call_command("restore", str(newer), "--yes")


def test_the_refusal_is_in_ukrainian_by_default(tmp_path: Path) -> None:
    translation.activate("uk")
    bogus = tmp_path / "photo.tar.gz"
    bogus.write_bytes(b"not a backup")
    with pytest.raises(CommandError, match="не вдається прочитати як архів резервної копії"):
        call_command("restore", str(bogus), "--yes")


def test_restore_asks_for_confirmation(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="add --yes"):
        call_command("restore", str(tmp_path / "any.tar.gz"))


def _vendor() -> str:
    from django.db import connection

    return connection.vendor
