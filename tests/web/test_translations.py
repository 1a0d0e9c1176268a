"""The Russian interface is complete: every message of the catalogue has a translation, none
is marked fuzzy, and the compiled catalogue the server loads says the same as the source."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import habeas

LOCALE = Path(habeas.__file__).parent / "locale" / "ru" / "LC_MESSAGES"
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def _entries() -> list[dict[str, object]]:
    """The catalogue's entries (header left out): msgid, plural, translations, fuzzy flag."""
    entries = []
    for block in (LOCALE / "django.po").read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        current = None
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if line.startswith("#"):
                continue
            key = line.split(" ", 1)[0] if not line.startswith('"') else None
            if key:
                current = key
                fields[current] = ""
            if current:
                fields[current] += "".join(ast.literal_eval(s) for s in _STRING.findall(line))
        if fields.get("msgid"):
            translations = [v for k, v in fields.items() if k.startswith("msgstr")]
            entries.append(
                {
                    "msgid": fields["msgid"],
                    "plural": fields.get("msgid_plural"),
                    "translations": translations,
                    "fuzzy": fuzzy,
                }
            )
    return entries


def test_every_message_is_translated_and_none_is_fuzzy() -> None:
    entries = _entries()
    assert len(entries) > 300
    untranslated = [e["msgid"] for e in entries if not all(e["translations"])]
    fuzzy = [e["msgid"] for e in entries if e["fuzzy"]]
    assert untranslated == [] and fuzzy == []


def test_the_compiled_catalogue_matches_the_source() -> None:
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in _entries():
        msgid, translations = str(entry["msgid"]), entry["translations"]
        if entry["plural"]:
            got = compiled.ngettext(msgid, str(entry["plural"]), 1)
        else:
            got = compiled.gettext(msgid)
        if got != translations[0]:  # type: ignore[index]
            stale.append(msgid)
    assert stale == []
