from __future__ import annotations

from hromada.lib import catalogs


def test_every_interface_string_is_translated_in_both_catalogs() -> None:
    problems = catalogs.problems()
    assert not problems, "run `make messages` and translate:\n" + "\n".join(problems)


# Same English, different meaning: kept apart until the sources give them a msgctxt.
DIFFERENT_MEANINGS = {
    "No meetings recorded yet.",  # a section's sittings (засідання), government meetings
    "Record a meeting",
    "active",  # agrees with its noun: a section (активна), a campaign (діє), an indicator
    "inactive",
    "name (English)",  # a territory's English name is its Latin transliteration
    "waiting",  # a queued job (очікує), an awaited answer to a problem (очікується)
}


def test_one_english_term_has_one_ukrainian_term_across_apps() -> None:
    import polib

    seen: dict[str, set[str]] = {}
    for path in catalogs.PACKAGE_DIR.rglob("locale/uk/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.msgctxt:
                seen.setdefault(entry.msgid, set()).add(entry.msgstr)
    clashes = {
        msgid: sorted(found)
        for msgid, found in seen.items()
        if len(found) > 1 and msgid not in DIFFERENT_MEANINGS
    }
    assert not clashes, "one Ukrainian term per English one (or a msgctxt):\n" + "\n".join(
        f"{msgid!r}: {found}" for msgid, found in sorted(clashes.items())
    )
