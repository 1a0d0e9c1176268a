"""Nominative readings of inflected names and the table of a name's spellings and case forms."""

from __future__ import annotations

import itertools
from functools import cache

from habeas.vocabulary import Gender, Script

from .canon import is_cyrillic_word
from .inflect import CASES, case_forms
from .normalize import NamePart, normalize
from .reverse import to_cyrillic_candidates
from .transliterate import SCHEMES, transliterate

_ROLE = {"S": "surname", "G": "given", "P": "patronymic"}


def _fits(g: Gender | None, want: Gender | None) -> bool:
    return g is None or want is None or g is want


@cache
def _role_order(order: str) -> tuple[int, ...]:
    """Indices (0 surname, 1 given, 2 patronymic) of the roles in written order, once each."""
    return tuple("SGP".index(r) for r in dict.fromkeys(order))


def nominative(text: str) -> list[str]:
    """Candidate nominative readings of a possibly inflected full name, best first.

    The reading in the name's own gender (from patronymic, given name or surname) comes
    first: «Кагарлицкого Бориса Юльевича» → ["Кагарлицкий Борис Юльевич", …];
    «Ивановой» → ["Иванова"].  Word order is kept.  Latin names are returned as parsed.
    """
    norm = normalize(text)
    by_index = (norm.surname, norm.given, norm.patronymic)
    roles = [_ROLE["SGP"[i]] for i in _role_order(norm.parsed.order) if by_index[i]]
    chosen = [p for p in map(by_index.__getitem__, _role_order(norm.parsed.order)) if p]
    if all(len(p.forms) == 1 for p in chosen):
        # the common case: one reading per part
        return [" ".join([p.forms[0] for p in chosen])]
    key = (tuple(p.uid for p in chosen), norm.gender)
    found = _READINGS.get(key)
    if found is None:
        if len(_READINGS) >= _READINGS_MAX:
            _READINGS.clear()
        found = _READINGS[key] = _ranked_readings(chosen, norm.gender, tuple(roles))
    return list(found)


_READINGS: dict[tuple[tuple[int, ...], Gender | None], tuple[str, ...]] = {}
_READINGS_MAX = 50_000


def clear_readings_cache() -> None:
    """Forget the remembered nominative readings of part combinations."""
    _READINGS.clear()


def _low(word: str) -> str:
    return word.lower().replace("ё", "е")


def _cases_of(form: str, gender: Gender | None, role: str, written: str) -> frozenset[str]:
    """The cases in which the nominative ``form`` (in ``gender``; either when None) is
    written ``written``; every case for initials, multi-word and non-Cyrillic parts."""
    if " " in written or "." in written or not is_cyrillic_word(written):
        return frozenset(CASES)
    target = _low(written)
    genders = (gender,) if gender is not None else (Gender.MALE, Gender.FEMALE)
    return frozenset(
        c for g in genders for c, f in case_forms(form, role, g).items() if _low(f) == target
    )


def _ranked_readings(
    chosen: list[NamePart], want: Gender | None, roles: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """Every combination of the parts' readings, best first.

    Ranked by: the parts can stand in one common case («Дроздову Полину»: «Дроздова» and
    «Полина», both accusative, not «Дроздов», dative); the parts agree in gender; they fit
    the name's gender ``want``; fewer parts kept as written in an oblique case («Карине
    Лисицыной» → «Карина», not the indeclinable «Карине»); then the parts' own order.
    """
    options = [list(zip(p.forms, p.genders, strict=True)) for p in chosen]
    ranked: list[tuple[int, int, int, int, int, str]] = []
    for idx, combo in enumerate(itertools.product(*options)):
        if idx >= 64:
            break
        misfits = sum(0 if _fits(g, want) else 1 for _, g in combo)
        shown = {g for _, g in combo if g is not None}
        if roles:
            common = frozenset(CASES)
            for (form, g), part, role in zip(combo, chosen, roles, strict=True):
                common &= _cases_of(form, g, role, part.text)
            disagree = 0 if common else 1
            kept = (
                sum(1 for (form, _), part in zip(combo, chosen, strict=True) if form == part.text)
                if common and "nomn" not in common
                else 0
            )
        else:
            disagree = kept = 0
        ranked.append(
            (disagree, int(len(shown) > 1), misfits, kept, idx, " ".join(f for f, _ in combo))
        )
    ranked.sort()
    return tuple(dict.fromkeys(r[-1] for r in ranked))


def variants(text: str) -> dict[str, object]:
    """Every spelling of a name: the parse, nominative readings, each scheme, six case forms.

    For a Latin name the Cyrillic readings are given first (``cyrillic``) and the schemes
    and cases are those of the best reading.
    """
    norm = normalize(text)
    parsed = norm.parsed
    out: dict[str, object] = {"parsed": parsed.to_dict()}
    base = text
    if parsed.script is Script.LATIN:
        cands = to_cyrillic_candidates(parsed.full)
        out["cyrillic"] = [{"text": t, "share": p} for t, p in cands]
        if not cands:
            return out
        base = cands[0][0]
        norm = normalize(base)
        parsed = norm.parsed
    noms = nominative(base)
    out["nominative"] = noms
    best = noms[0] if noms else parsed.full
    out["schemes"] = {s: transliterate(best, s) for s in SCHEMES}
    best_norm = normalize(best)
    gender = best_norm.gender
    parts = {"S": best_norm.surname, "G": best_norm.given, "P": best_norm.patronymic}
    order = [r for r in dict.fromkeys(best_norm.parsed.order) if parts.get(r)]
    forms_per_role = {}
    for role in order:
        part = parts[role]
        assert part is not None
        if part.is_initial:
            forms_per_role[role] = dict.fromkeys(CASES, part.text)
        else:
            words = part.forms[0].split(" ")
            head = case_forms(words[0], _ROLE[role], gender)
            tail = " ".join(words[1:])
            forms_per_role[role] = {c: f"{head[c]} {tail}".strip() for c in CASES}
    out["cases"] = {c: " ".join(forms_per_role[r][c] for r in order) for c in CASES}
    return out
