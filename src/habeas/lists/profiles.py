"""Audience profiles: which fields of a release list leave, and for whom.

A version is frozen *for* one profile, and only the fields that profile names are written
into it (a whitelist, never a blacklist), so an export of the version cannot carry anything
else. Reasons for priority that rest on confidential notes are replaced by a generic label
for every profile (the note text itself never enters a version at all).

=============  ==========================================================================
counterpart    a negotiating counterpart: names in Cyrillic and Latin, birth date,
               articles, sentence, facility
public         the public: as the counterpart, without the birth date, with status,
               region and recognition
internal       the organisations' staff: every field, the priority with its reasons,
               why each person is on the list, the criteria and manual entries
=============  ==========================================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from habeas.vocabulary import Confidentiality


@dataclass(frozen=True)
class Profile:
    """The fields one audience receives, and the confidentiality level it may see."""

    name: str
    fields: tuple[str, ...]
    sections: tuple[str, ...]
    reach: frozenset[str]
    description: str


_BASE = ("ref", "person_id", "name", "name_reconstructed", "name_latin")
PROFILES: dict[str, Profile] = {
    "counterpart": Profile(
        "counterpart",
        (*_BASE, "birth_date", "articles", "sentence", "regime", "facility"),
        (),
        frozenset({Confidentiality.PUBLIC}),
        "negotiating counterpart: names, birth date, articles, sentence, facility",
    ),
    "public": Profile(
        "public",
        (*_BASE, "status", "region", "articles", "sentence", "regime", "facility", "recognitions"),
        (),
        frozenset({Confidentiality.PUBLIC}),
        "the public: no birth date",
    ),
    "internal": Profile(
        "internal",
        (
            *_BASE,
            "gender",
            "birth_date",
            "status",
            "region",
            "citizenships",
            "articles",
            "charges",
            "sentence",
            "regime",
            "facility",
            "detained_on",
            "release_due",
            "recognitions",
            "priority",
            "priority_reasons",
            "why",
        ),
        ("criteria", "manual", "weights"),
        frozenset({Confidentiality.PUBLIC, Confidentiality.INTERNAL}),
        "the organisations' staff: everything but confidential details",
    ),
}

#: Column labels, Russian and English, for the PDF and spreadsheets.
LABELS: dict[str, tuple[str, str]] = {
    "ref": ("№ в реестре", "Registry id"),
    "person_id": ("ID", "ID"),
    "name": ("ФИО", "Name (Cyrillic)"),
    "name_reconstructed": (
        "ФИО восстановлено по латинице, не проверено",
        "Cyrillic name reconstructed from Latin, unverified",
    ),
    "name_latin": ("ФИО латиницей", "Name (Latin)"),
    "gender": ("Пол", "Gender"),
    "birth_date": ("Дата рождения", "Date of birth"),
    "status": ("Статус", "Status"),
    "region": ("Регион", "Region"),
    "citizenships": ("Гражданство", "Citizenship"),
    "articles": ("Статьи УК", "Articles"),
    "charges": ("Обвинения", "Charges"),
    "sentence": ("Срок", "Sentence"),
    "regime": ("Режим", "Regime"),
    "facility": ("Учреждение", "Facility"),
    "detained_on": ("Задержан", "Detained"),
    "release_due": ("Конец срока (оценка)", "Release due (estimate)"),
    "recognitions": ("Признан", "Recognised by"),
    "priority": ("Приоритет", "Priority"),
    "priority_reasons": ("Основания приоритета", "Priority reasons"),
    "why": ("Основание включения", "Why listed"),
}


def profile(name: str) -> Profile:
    """The profile called ``name``.

    Raises:
        ValueError: no such profile.
    """
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"unknown audience {name!r}; use one of {', '.join(PROFILES)}") from None


def _reasons(reasons: list[dict[str, Any]], prof: Profile) -> list[dict[str, Any]]:
    out = []
    for r in reasons:
        if r.get("confidentiality", "public") in prof.reach:
            out.append({k: v for k, v in r.items() if k != "confidentiality"})
        else:
            out.append(
                {
                    "factor": "humanitarian",
                    "points": r["points"],
                    "detail": "humanitarian grounds (confidential)",
                }
            )
    return out


def project(entry: dict[str, Any], prof: Profile) -> dict[str, Any]:
    """The part of a full list entry that ``prof`` may receive (whitelisted fields only)."""
    out: dict[str, Any] = {}
    for field in prof.fields:
        value = entry.get(field)
        if field == "priority_reasons":
            value = _reasons(value or [], prof)
        out[field] = value
    return out


def check_clean(content: dict[str, Any]) -> None:
    """Refuse version content that holds a field its profile does not allow.

    Raises:
        ValueError: a person entry or a section outside the profile.
    """
    prof = profile(content["audience"])
    allowed = set(prof.fields)
    for entry in content["persons"]:
        extra = set(entry) - allowed
        if extra:
            raise ValueError(f"fields {sorted(extra)} may not leave for {prof.name}")
        for reason in entry.get("priority_reasons") or []:
            if "confidentiality" in reason:
                raise ValueError("priority reasons must not carry confidentiality markers")
    for section in ("criteria", "manual", "weights"):
        if section in content and section not in prof.sections:
            raise ValueError(f"section {section!r} may not leave for {prof.name}")
