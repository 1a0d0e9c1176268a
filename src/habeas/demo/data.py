"""Loading of the demo generator's data files (name pools, regions, articles, population).

Everything is read once and cached; the structures are plain and immutable by convention.
"""

from __future__ import annotations

import csv
import random
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from .model import Facility

DATA_DIR = Path(__file__).with_name("data")


@dataclass(frozen=True, slots=True)
class Weighted:
    """Items with cumulative weights, for fast ``random.choices``."""

    items: tuple[Any, ...]
    cum: tuple[float, ...]

    @classmethod
    def of(cls, pairs: list[tuple[Any, float]]) -> Weighted:
        """Build from ``(item, weight)`` pairs, dropping zero weights."""
        kept = [(item, w) for item, w in pairs if w > 0]
        return cls(tuple(i for i, _ in kept), tuple(accumulate(w for _, w in kept)))

    def pick(self, rng: random.Random) -> Any:
        """One item drawn by weight."""
        return rng.choices(self.items, cum_weights=self.cum)[0]


@dataclass(frozen=True, slots=True)
class Part:
    """One part of an article with its sentencing profile."""

    part: str
    months: tuple[int, int, int]
    fine: float
    suspended: float


@dataclass(frozen=True, slots=True)
class Article:
    """A Criminal Code article as the generator uses it."""

    number: str
    weight: float
    female: float
    age: tuple[int, int, int]
    parts: Weighted  # of Part
    companions: tuple[str, ...]
    companion_p: float
    prison: float
    strict: float
    house_arrest: float
    credit_1to1: bool

    def cite(self, part: Part) -> str:
        """Interchange citation: ``207.3(2)``, or ``275`` for articles without parts."""
        return f"{self.number}({part.part})" if part.part else self.number


@dataclass(frozen=True, slots=True)
class Region:
    """A federal subject with what facilities and addresses need."""

    name: str
    fsin: str
    addr: str
    en: str
    weight: float
    postcodes: tuple[str, ...]
    towns: tuple[str, ...]
    prison: bool
    special: bool
    women: bool


def _toml(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open("rb") as fh:
        return tomllib.load(fh)


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def articles() -> dict[str, Article]:
    """The article table, keyed by article number."""
    out: dict[str, Article] = {}
    for number, a in _toml("articles.toml")["articles"].items():
        parts = [
            (
                Part(p["part"], tuple(p["months"]), p.get("fine", 0.0), p.get("suspended", 0.0)),
                p["w"],
            )
            for p in a["parts"]
        ]
        out[number] = Article(
            number=number,
            weight=a["weight"],
            female=a["female"],
            age=tuple(a["age"]),
            parts=Weighted.of(parts),
            companions=tuple(a.get("companions", ())),
            companion_p=a.get("companion_p", 0.0),
            prison=a.get("prison", 0.0),
            strict=a.get("strict", 0.0),
            house_arrest=a.get("house_arrest", 0.1),
            credit_1to1=a.get("credit_1to1", False),
        )
    return out


def valid_citations() -> frozenset[str]:
    """Every citation the generator can produce (``"207.3(2)"``, ``"275"``...)."""
    return frozenset(a.cite(p) for a in articles().values() for p in a.parts.items)


@cache
def population() -> dict[str, Any]:
    """The raw population settings (groups, detention years, rates)."""
    return _toml("population.toml")


def as_of() -> date:
    """The generator's fixed "today"."""
    return population()["as_of"]


@cache
def regions() -> dict[str, Region]:
    """Regions keyed by nominative name, in file order."""
    return {
        r["name"]: Region(
            name=r["name"],
            fsin=r["fsin"],
            addr=r["addr"],
            en=r["en"],
            weight=r["weight"],
            postcodes=tuple(r["postcode"]),
            towns=tuple(r["towns"]),
            prison=r.get("prison", False),
            special=r.get("special", False),
            women=r.get("women", False),
        )
        for r in _toml("regions.toml")["region"]
    }


@dataclass(frozen=True, slots=True)
class NamePool:
    """Weighted names of one group."""

    male: Weighted  # of (name, patronymic_male, patronymic_female)
    female: Weighted  # of name
    surnames: Weighted  # of (male form, female form)


@cache
def name_pools() -> dict[str, NamePool]:
    """Name pools keyed by group."""
    male: dict[str, list] = {}
    female: dict[str, list] = {}
    surnames: dict[str, list] = {}
    for r in _csv("given_male.csv"):
        male.setdefault(r["group"], []).append(
            ((r["name"], r["patronymic_male"], r["patronymic_female"]), float(r["weight"]))
        )
    for r in _csv("given_female.csv"):
        female.setdefault(r["group"], []).append((r["name"], float(r["weight"])))
    for r in _csv("surnames.csv"):
        surnames.setdefault(r["group"], []).append(((r["male"], r["female"]), float(r["weight"])))
    return {
        g: NamePool(Weighted.of(male[g]), Weighted.of(female[g]), Weighted.of(surnames[g]))
        for g in male
    }


@cache
def patronymic_table() -> dict[str, tuple[str, str]]:
    """Father's given name -> (male, female) Russified patronymic, over all groups."""
    return {
        r["name"]: (r["patronymic_male"], r["patronymic_female"]) for r in _csv("given_male.csv")
    }


_STREETS = (
    "Лагерная", "Промышленная", "Заводская", "Северная", "Центральная", "Тюремная",
    "Лесная", "Колонийская", "Железнодорожная", "Садовая", "Степная", "Школьная",
    "Озёрная", "Береговая", "Полевая", "Южная", "Набережная", "Пионерская",
)  # fmt: skip

_VILLAGES = frozenset(
    {
        "Харп",
        "Мелехово",
        "Сухобезводное",
        "Вожаель",
        "Явас",
        "Торбеево",
        "Парца",
        "Форносово",
        "Чернокозово",
    }
)

_KIND_EN = {"ИК": "IK", "СИЗО": "SIZO", "Т": "T", "КП": "KP", "ВК": "VK", "ЛИУ": "LIU"}


def _make_facility(
    region: Region, kind: str, number: int, regime: str | None, town: str, women: bool,
    rng: random.Random, *, town_only: bool = False,
) -> Facility:  # fmt: skip
    city = f"пос. {town}" if town in _VILLAGES else f"г. {town}"
    if town_only:
        address = f"{region.addr}, {city}" if region.addr != city else city
    else:
        postcode = rng.choice(region.postcodes) + f"{rng.randrange(1000):03d}"
        street = f"ул. {rng.choice(_STREETS)}, д. {rng.randint(1, 60)}"
        parts = (
            [postcode, region.addr, city, street]
            if region.addr != city
            else [postcode, city, street]
        )
        address = ", ".join(parts)
    return Facility(
        kind=kind,
        number=number,
        region=region.name,
        name=f"ФКУ {kind}-{number} УФСИН России по {region.fsin}",
        name_en=f"{_KIND_EN[kind]}-{number}, {region.en}",
        regime=regime,
        women=women,
        town=town,
        address=address,
    )


@cache
def facilities() -> tuple[Facility, ...]:
    """All facilities: the publicly known ones plus synthetic ones for every region.

    Generated from a fixed seed so that the same demo data always names the same facilities.
    """
    rng = random.Random("habeas-demo-facilities")
    regs = regions()
    out: list[Facility] = []
    taken: set[tuple[str, str, int]] = set()
    for f in _toml("regions.toml").get("facility", []):
        region = regs[f["region"]]
        out.append(
            _make_facility(
                region, f["kind"], f["number"], f["regime"], f["town"], False, rng, town_only=True
            )
        )
        taken.add((region.fsin, f["kind"], f["number"]))
    for region in regs.values():
        n_sizo = 1 + min(4, int(region.weight // 2))
        plan: list[tuple[str, str | None, bool]] = [("СИЗО", None, False)] * n_sizo
        plan += [("ИК", "general", False)] * (1 + int(region.weight >= 3))
        plan += [("ИК", "strict", False)] * (2 + int(region.weight >= 2))
        plan += [("КП", "settlement", False)]
        if region.women:
            plan.append(("ИК", "general", True))
        if region.special:
            plan.append(("ИК", "special", False))
        if region.prison:
            plan.append(("Т", "prison", False))
        if region.weight >= 2.5:
            plan.append(("ВК", "educational", False))
        sizo_no = 0
        for kind, regime, women in plan:
            if kind == "СИЗО":
                sizo_no += 1
                while (region.fsin, kind, sizo_no) in taken:
                    sizo_no += 1
                number, town = sizo_no, region.towns[min(sizo_no - 1, len(region.towns) - 1)]
            else:
                number = rng.randint(1, 31)
                while (region.fsin, kind, number) in taken:
                    number = rng.randint(1, 31)
                town = rng.choice(region.towns)
            if (region.fsin, kind, number) in taken:
                continue
            taken.add((region.fsin, kind, number))
            out.append(_make_facility(region, kind, number, regime, town, women, rng))
    return tuple(out)
