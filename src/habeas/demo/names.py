"""Synthetic names with correct gender agreement, and the rules the tests check them by."""

from __future__ import annotations

import random
from functools import cache

from .data import name_pools, patronymic_table, population

MALE_PATRONYMIC_ENDINGS = ("вич", "ич", " оглы")
FEMALE_PATRONYMIC_ENDINGS = ("вна", "чна", " кызы")


def pick_given(rng: random.Random, group: str, gender: str) -> str:
    """A given name from the group's pool for the gender."""
    pool = name_pools()[group]
    if gender == "female":
        return pool.female.pick(rng)
    return pool.male.pick(rng)[0]


def pick_surname(rng: random.Random, group: str) -> tuple[str, str]:
    """A surname as ``(male form, female form)``."""
    return name_pools()[group].surnames.pick(rng)


def pick_father(rng: random.Random, group: str) -> str:
    """A father's given name for the group (men's pool of the same group)."""
    return name_pools()[group].male.pick(rng)[0]


def patronymic(father_given: str, gender: str, group: str, rng: random.Random | None = None) -> str:
    """The patronymic derived from the father's given name, agreeing with the gender.

    Russian and Russified forms come from the data table (Сергей -> Сергеевич/Сергеевна,
    Илья -> Ильич/Ильинична). For the Azerbaijani pool a share of people (``oglu`` in
    population.toml) carries the Turkic form «Исмаил оглы» / «Исмаил кызы»; passing no
    ``rng`` always gives the Russified form.
    """
    oglu = population()["groups"]["azerbaijani"]["oglu"]
    if group == "azerbaijani" and rng is not None and rng.random() < oglu:
        return f"{father_given} {'кызы' if gender == 'female' else 'оглы'}"
    male, female = patronymic_table()[father_given]
    return female if gender == "female" else male


def female_surname(male: str) -> str:
    """The female form of a masculine surname from the pools (the grammar rule otherwise)."""
    return _female_forms().get(male) or expected_female_surname(male)


@cache
def _female_forms() -> dict[str, str]:
    return {m: f for pool in name_pools().values() for m, f in pool.surnames.items}


def surname_for(surname_pair: tuple[str, str], gender: str) -> str:
    """The surname form agreeing with the gender."""
    return surname_pair[1] if gender == "female" else surname_pair[0]


def expected_female_surname(male: str) -> str:
    """The feminine form of a masculine surname by the grammar rule (for checks).

    -ов/-ев/-ёв/-ин/-ын take -а; -ский/-цкий/-ой/-ый become -ая; others (-ко, -ук, -их, -ых,
    -ич, non-Russian) do not change.
    """
    if male.endswith(("ский", "цкий", "ской", "цкой")):
        return male[:-2] + "ая"
    if male.endswith(("ой", "ый")):
        return male[:-2] + "ая"
    if male.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return male + "а"
    return male


def agrees(surname: str, patronymic_: str, gender: str) -> bool:
    """Whether surname and patronymic agree with the gender by the rules above."""
    if patronymic_:
        endings = FEMALE_PATRONYMIC_ENDINGS if gender == "female" else MALE_PATRONYMIC_ENDINGS
        if not patronymic_.endswith(endings):
            return False
    if gender == "female":
        return not surname.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий"))
    return not surname.endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая"))
