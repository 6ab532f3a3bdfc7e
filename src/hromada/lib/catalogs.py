"""Keep the translation catalogs complete: one uk and one en catalog per app.

`python -m hromada.lib.catalogs refresh` re-extracts every app's strings (Ukrainian
translations stay as written; English ones are the source text) and `check` lists what is
missing or stale. Per-app catalogs let several people change different apps at once.
The English msgstr is filled with the msgid on purpose: a complete en catalog is then a
fact the tests can check, not an assumption.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parent.parent
LANGUAGES = ("uk", "en")


def catalog_roots() -> list[Path]:
    """Every folder that owns a catalog: the apps, and the package for shared modules."""
    apps = [p.parent.parent for p in sorted(PACKAGE_DIR.glob("*/locale/uk"))]
    return [PACKAGE_DIR, *[a for a in apps if a != PACKAGE_DIR]]


def _ignored_for(root: Path) -> list[str]:
    if root != PACKAGE_DIR:
        return ["migrations/*"]
    # The package-level catalog covers only what no app owns (settings, lib, cli).
    apps = [p.name for p in PACKAGE_DIR.iterdir() if (p / "apps.py").exists()]
    return [*apps, "migrations/*"]


@contextmanager
def _inside(path: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def _extract(root: Path, ignore: list[str]) -> None:
    from django.core.management import call_command

    (root / "locale").mkdir(exist_ok=True)
    with _inside(root):
        call_command(
            "makemessages",
            locale=list(LANGUAGES),
            ignore_patterns=ignore,
            no_obsolete=True,
            add_location="file",
            verbosity=0,
        )


def _po(root: Path, language: str) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


def _selected(only: str | None) -> list[Path]:
    roots = catalog_roots()
    if only is None:
        return roots
    chosen = [r for r in roots if r.name == only or (only == "hromada" and r == PACKAGE_DIR)]
    if not chosen:
        raise SystemExit(f"no catalog for {only!r}: create src/hromada/{only}/locale/uk first")
    return chosen


def _creation_dates(root: Path) -> dict[str, str]:
    dates = {}
    for language in LANGUAGES:
        path = _po(root, language)
        if path.exists():
            dates[language] = polib.pofile(str(path)).metadata.get("POT-Creation-Date", "")
    return dates


def refresh(only: str | None = None) -> None:
    for root in _selected(only):
        # The header's creation date is kept as it was: a new date in every catalog on every
        # refresh would make two people's unrelated changes collide in each file's header.
        dates = _creation_dates(root)
        _extract(root, _ignored_for(root))
        for language, date in dates.items():
            if date and language != "en":
                catalog = polib.pofile(str(_po(root, language)))
                catalog.metadata["POT-Creation-Date"] = date
                catalog.save()
        english = polib.pofile(str(_po(root, "en")))
        if dates.get("en"):
            english.metadata["POT-Creation-Date"] = dates["en"]
        for entry in english:
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        english.save()


def problems(only: str | None = None) -> list[str]:
    """What is untranslated, fuzzy, or not in the catalog at all; empty when complete."""
    found: list[str] = []
    for root in _selected(only):
        with tempfile.TemporaryDirectory() as scratch:
            fresh = _fresh_template(root, Path(scratch))
            for language in LANGUAGES:
                path = _po(root, language)
                if not path.exists():
                    found.append(f"{path.relative_to(PACKAGE_DIR)}: missing")
                    continue
                catalog = polib.pofile(str(path))
                known = {(e.msgctxt, e.msgid) for e in catalog if not e.obsolete}
                rel = path.relative_to(PACKAGE_DIR)
                found += [
                    f"{rel}: not extracted yet: {key[1]!r}" for key in fresh if key not in known
                ]
                found += [
                    f"{rel}: untranslated: {e.msgid!r}" for e in catalog.untranslated_entries()
                ]
                found += [f"{rel}: fuzzy: {e.msgid!r}" for e in catalog.fuzzy_entries()]
    return found


def _fresh_template(root: Path, scratch: Path) -> set[tuple[str | None, str]]:
    """Extract the strings of `root` into a scratch copy, leaving the repository alone."""
    import shutil

    copy = scratch / root.name
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "static"))
    (copy / "locale" / "uk" / "LC_MESSAGES").mkdir(parents=True)
    _extract(copy, _ignored_for(root))
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(_po(copy, "uk")))}


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hromada.settings")
    import django

    django.setup()
    command, only = [*argv[1:], "", ""][:2]
    if command == "refresh":
        refresh(only or None)
        return 0
    if command == "check":
        issues = problems(only or None)
        print("\n".join(issues) or "catalogs complete")
        return 1 if issues else 0
    print("usage: python -m hromada.lib.catalogs refresh|check [APP]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
