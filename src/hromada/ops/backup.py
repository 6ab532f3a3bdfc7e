"""One archive holding the whole instance: the database and the files of HROMADA_DATA_DIR.

The archive is a gzipped tar with `manifest.json` (what made it, from which database engine,
which migrations, a SHA-256 of every member), the database (`database.pgdump`: pg_dump's
custom format; or `database.sqlite3`: a copy through SQLite's online backup API) and the
files under `files/` (uploads, the generated secret key). Collected static files and earlier
backups are left out: they are rebuilt or kept elsewhere.

Restore checks the whole archive (format, engine, migrations known to this code, every
checksum) before it touches anything, then replaces the database and the files.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "hromada-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
FILES = "files"
LEFT_OUT = {"static", "backups"}
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """What went wrong, in words for the person running the command."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    engine: str
    files: int
    size: int


@dataclass(frozen=True)
class RestoreResult:
    engine: str
    files: int
    created_at: str


def engine() -> str:
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    if vendor not in DUMPS:
        raise BackupError(
            _("Backups cover PostgreSQL and SQLite, not %(vendor)s.") % {"vendor": vendor}
        )
    return vendor


def data_dir() -> Path:
    return Path(settings.DATA_DIR)


def default_target() -> Path:
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return data_dir() / "backups" / f"hromada-{stamp}.tar.gz"


# --- what belongs to the instance ----------------------------------------------------------
def _database_files() -> set[Path]:
    name = str(connections[DEFAULT_DB_ALIAS].settings_dict["NAME"])
    if connections[DEFAULT_DB_ALIAS].vendor != "sqlite" or name.startswith("file:"):
        return set()
    base = Path(name).resolve()
    return {base, *(Path(f"{base}{suffix}") for suffix in ("-wal", "-shm", "-journal"))}


def instance_files() -> list[Path]:
    """Files of the data folder a backup carries, relative to it, in a stable order."""
    root = data_dir()
    if not root.is_dir():
        return []
    skip = _database_files()
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] in LEFT_OUT or not path.is_file() or path.is_symlink():
            continue
        if path.resolve() in skip or path.name.startswith(".secret_key."):
            continue
        found.append(relative)
    return found


def applied_migrations() -> dict[str, list[str]]:
    loader = MigrationLoader(connections[DEFAULT_DB_ALIAS])
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(loader.applied_migrations):
        applied.setdefault(app_label, []).append(name)
    return applied


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- PostgreSQL through its own tools --------------------------------------------------------
def _pg_environment() -> tuple[list[str], dict[str, str]]:
    config = connections[DEFAULT_DB_ALIAS].settings_dict
    arguments = ["--dbname", str(config["NAME"])]
    if config.get("HOST"):
        arguments += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        arguments += ["--port", str(config["PORT"])]
    if config.get("USER"):
        arguments += ["--username", str(config["USER"])]
    environment = dict(os.environ)
    if config.get("PASSWORD"):
        environment["PGPASSWORD"] = str(config["PASSWORD"])
    return arguments, environment


def _run(tool: str, arguments: list[str], environment: dict[str, str]) -> None:
    if shutil.which(tool) is None:
        raise BackupError(
            _("%(tool)s is not installed: apt-get install postgresql-client.") % {"tool": tool}
        )
    done = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
        [tool, *arguments], env=environment, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(
            _("%(tool)s failed: %(error)s") % {"tool": tool, "error": done.stderr.strip()[-2000:]}
        )


def _dump_database(kind: str, target: Path) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    if kind == "postgresql":
        arguments, environment = _pg_environment()
        _run(
            "pg_dump",
            ["--format=custom", "--no-owner", "--no-acl", "--file", str(target), *arguments],
            environment,
        )
        return
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()


def _load_database(kind: str, source: Path) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    if kind == "postgresql":
        connection.close()  # no session of ours may hold a lock on a table being replaced
        arguments, environment = _pg_environment()
        _run(
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-acl",
                "--single-transaction",
                *arguments,
                str(source),
            ],
            environment,
        )
        return
    connection.ensure_connection()
    with sqlite3.connect(source) as saved:
        saved.backup(connection.connection)
    saved.close()


# --- writing ---------------------------------------------------------------------------------
def _outside_transactions() -> None:
    # The copy is made by another session (pg_dump) or page by page (SQLite's backup), and a
    # transaction of ours would hide its writes from it or hold the lock the copy waits for.
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        raise BackupError(_("Backup and restore cannot run inside a database transaction."))


def create_backup(target: Path | None = None) -> BackupResult:
    kind = engine()
    _outside_transactions()
    target = target or default_target()
    target.parent.mkdir(parents=True, exist_ok=True)
    files = instance_files()
    with tempfile.TemporaryDirectory(prefix="hromada-backup-") as work:
        dump = Path(work) / DUMPS[kind]
        _dump_database(kind, dump)
        checksums = {DUMPS[kind]: _sha256(dump)}
        for relative in files:
            checksums[f"{FILES}/{relative.as_posix()}"] = _sha256(data_dir() / relative)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "engine": kind,
            "database": DUMPS[kind],
            "migrations": applied_migrations(),
            "sha256": checksums,
        }
        partial = target.with_name(f".{target.name}.partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
            archive.add(dump, arcname=DUMPS[kind])
            for relative in files:
                archive.add(data_dir() / relative, arcname=f"{FILES}/{relative.as_posix()}")
        partial.chmod(0o600)  # it holds password hashes and the secret key
        partial.replace(target)
    return BackupResult(path=target, engine=kind, files=len(files), size=target.stat().st_size)


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(datetime.now().timestamp())  # noqa: DTZ005 - a file time, zone-free
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(content))


# --- reading ---------------------------------------------------------------------------------
def read_manifest(archive: tarfile.TarFile, shown: str) -> dict[str, Any]:
    try:
        stream = archive.extractfile(MANIFEST)
        manifest = json.loads(stream.read()) if stream else None
    except (KeyError, json.JSONDecodeError, UnicodeDecodeError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(
            _("%(file)s is not a Hromada backup: it has no Hromada manifest.") % {"file": shown}
        )
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _("%(file)s is a backup of format %(version)s, which this version cannot read.")
            % {"file": shown, "version": manifest.get("format_version")}
        )
    return manifest


def _check_fits(manifest: dict[str, Any], shown: str) -> None:
    kind = engine()
    if manifest.get("engine") != kind:
        raise BackupError(
            _("%(file)s holds a %(theirs)s database; this instance runs on %(ours)s.")
            % {"file": shown, "theirs": manifest.get("engine"), "ours": kind}
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [
        f"{app}.{name}"
        for app, names in manifest.get("migrations", {}).items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            _("%(file)s comes from a newer version (unknown migrations: %(names)s); upgrade first.")
            % {"file": shown, "names": ", ".join(unknown[:5])}
        )


def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(
            _("The backup names a file outside its folder: %(name)s.") % {"name": name}
        )
    return path


def _unpack(archive: tarfile.TarFile, manifest: dict[str, Any], into: Path, shown: str) -> None:
    """Extract every member the manifest lists into `into`, checking each one's SHA-256."""
    for name, expected in manifest["sha256"].items():
        _safe_member(name)
        try:
            stream = archive.extractfile(name)
        except KeyError:
            stream = None
        if stream is None:
            raise BackupError(
                _("%(file)s is broken: %(name)s is missing.") % {"file": shown, "name": name}
            )
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as out:
            shutil.copyfileobj(stream, out)
        if _sha256(target) != expected:
            raise BackupError(
                _("%(file)s is broken: %(name)s does not match its checksum.")
                % {"file": shown, "name": name}
            )


def restore_backup(source: Path) -> RestoreResult:
    shown = source.name
    with tempfile.TemporaryDirectory(prefix="hromada-restore-") as work:
        try:
            with tarfile.open(source, "r:*") as archive:
                manifest = read_manifest(archive, shown)
                _check_fits(manifest, shown)
                _unpack(archive, manifest, Path(work), shown)
        except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
            raise BackupError(
                _("%(file)s cannot be read as a backup archive: %(error)s")
                % {"file": shown, "error": _first_line(exc)}
            ) from exc
        kind = str(manifest["engine"])
        _outside_transactions()
        _load_database(kind, Path(work) / DUMPS[kind])
        files = _replace_files(Path(work) / FILES)
    return RestoreResult(engine=kind, files=files, created_at=str(manifest["created_at"]))


def _first_line(exc: BaseException) -> str:
    # tarfile explains a failed open with one line per compression it tried; one is enough.
    return (str(exc).splitlines() or [type(exc).__name__])[0].rstrip(":")


def _replace_files(saved: Path) -> int:
    """The data folder's files become the backup's: those a backup carries are removed first."""
    root = data_dir()
    for relative in instance_files():
        (root / relative).unlink()
    count = 0
    if saved.is_dir():
        for path in sorted(saved.rglob("*")):
            if path.is_file():
                target = root / path.relative_to(saved)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
                target.chmod(0o600)
                count += 1
    return count
