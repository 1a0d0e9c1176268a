"""The name forms one interchange row asserts, parsed once, with their search keys."""

from __future__ import annotations

from dataclasses import dataclass

from habeas.interchange.values import fold
from habeas.names import detect_script, parse_name, search_keys
from habeas.vocabulary import NameKind, Script


@dataclass(frozen=True)
class NameForm:
    """One spelling of a person's name with its parts, script and search keys."""

    text: str
    kind: NameKind
    surname: str
    given: str
    patronymic: str
    script: Script
    folded: str
    keys: tuple[str, ...]

    @property
    def language(self) -> str:
        """BCP 47 language of the spelling, where the script tells it."""
        return "ru" if self.script == Script.CYRILLIC else ""


def name_form(text: str, kind: NameKind) -> NameForm:
    """Parse a name into a :class:`NameForm`; an unparseable alias keeps its text only."""
    try:
        parsed = parse_name(text)
        surname, given = parsed.surname or "", parsed.given or ""
        patronymic, script = parsed.patronymic or "", parsed.script
    except ValueError:
        surname = given = patronymic = ""
        script = detect_script(text)
    keys = tuple(sorted(k for k in search_keys(text) if len(k) <= 64))
    return NameForm(text, kind, surname, given, patronymic, script, fold(text), keys)
