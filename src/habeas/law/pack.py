"""Country packs: each country's legal knowledge, read from the TOML files in
``habeas/law/data/<country>/`` and interpreted by the small core in this package."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any

from habeas.law.calendar import WorkCalendar
from habeas.law.errors import PackError
from habeas.vocabulary import FacilityType, Regime

__all__ = [
    "Article",
    "CodeInfo",
    "CountryPack",
    "CreditRules",
    "Gravity",
    "ParoleRules",
    "RegimeInfo",
    "available_packs",
    "load_pack",
]

LIFE = "life"


class Gravity(StrEnum):
    """Crime categories (RU UK art. 15; other packs map their own categories onto these)."""

    MINOR = "minor"
    MEDIUM = "medium"
    GRAVE = "grave"
    ESPECIALLY_GRAVE = "especially_grave"


@dataclass(frozen=True)
class CodeInfo:
    """A code of law in a pack (``UK``, ``KoAP``) and the names it is written with."""

    key: str
    name_ru: str
    name_en: str
    title_ru_genitive: str
    criminal: bool
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    """An article of a code, with the facts that change the sentence arithmetic.

    ``title`` is the official title (Russian for Russia and Belarus), ``title_en`` a short
    English name; ``gravity`` is the category of the article's most serious part,
    ``gravity_for(part)`` that of one part. ``credit_exclusion`` is RU UK art. 72 pt 3.2
    (custody counted 1:1). ``parole_fraction`` is the share of the term to serve before
    parole for the article's most serious part (``parole_fraction_for(part)`` per part).
    """

    country: str
    code: str
    number: str
    title: str
    title_en: str
    gravity: Gravity | None
    credit_exclusion: bool
    parole_fraction: Fraction | None
    sources: tuple[str, ...]
    max_years: Mapping[int, int | str] = field(default_factory=dict, compare=False)
    gravity_by_part: Mapping[str, Gravity] = field(default_factory=dict, compare=False)
    parole_by_part: Mapping[str, Fraction] = field(default_factory=dict, compare=False)
    credit_exclusion_parts: frozenset[str] | None = None
    credit_exclusion_note: str = ""
    parole_rule: str = ""
    sanctions_checked: bool = False
    requires_prior: str = ""
    escalates_to: str = ""
    escalation_rule: str = ""

    @property
    def title_ru(self) -> str:
        """The official Russian title (same as ``title`` for Russia and Belarus)."""
        return self.title

    def gravity_for(self, part: str | int | None) -> Gravity | None:
        """The crime category of ``part`` (the most serious part when unknown or unlisted)."""
        key = None if part is None else str(part)
        if key is not None and key in self.gravity_by_part:
            return self.gravity_by_part[key]
        return self.gravity

    def parole_fraction_for(self, part: str | int | None) -> Fraction | None:
        """The parole fraction for ``part`` (the most serious part's when unknown)."""
        key = None if part is None else str(part)
        if key is not None and key in self.parole_by_part:
            return self.parole_by_part[key]
        return self.parole_fraction

    def excludes_credit(self, part: str | int | None) -> bool:
        """Whether a conviction under ``part`` is credited 1:1 (RU UK art. 72 pt 3.2).

        For an article excluded only in some parts, an unknown part is not excluded.
        """
        if not self.credit_exclusion:
            return False
        if self.credit_exclusion_parts is None:
            return True
        return part is not None and str(part) in self.credit_exclusion_parts


@dataclass(frozen=True)
class RegimeInfo:
    """A regime as the pack names it, with its custody credit ratio."""

    regime: Regime
    name_ru: str
    name_en: str
    facility_type: FacilityType
    strictness: int
    custody_credit: Fraction
    credit_rule: str


@dataclass(frozen=True)
class RecountRule:
    """Art. 72 pt 3.5-style recount when a court moves a convict to a milder regime."""

    from_regimes: frozenset[Regime]
    to_regime: Regime
    ratio: Fraction


@dataclass(frozen=True)
class CreditRules:
    """Custody credit rules other than the per-regime ratio."""

    house_arrest: Fraction | None
    house_arrest_rule: str
    exclusion: Fraction | None
    exclusion_rule: str
    strict_conditions: Fraction | None
    strict_conditions_rule: str
    recounts: tuple[RecountRule, ...]
    rounding: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParoleRules:
    """Parole (early conditional release) rules: fractions by gravity and the minimum."""

    rule: str
    by_gravity: Mapping[Gravity, Fraction]
    minimum_months: int
    minimum_rule: str
    credit_counts_as_served: bool
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountryPack:
    """Everything the law package knows about one country."""

    country: str
    name: str
    name_local: str
    timezone: str
    default_code: str
    article_separator: str
    codes: Mapping[str, CodeInfo]
    articles: Mapping[str, Article]
    admin_articles: Mapping[str, Article]
    regimes: Mapping[Regime, RegimeInfo]
    credit: CreditRules
    parole: ParoleRules
    release_rule: str
    holidays: WorkCalendar
    gravity_rule: str
    notes: tuple[str, ...] = ()

    def code(self, key: str) -> CodeInfo:
        """The code called ``key`` (``UK``, ``KoAP``)."""
        try:
            return self.codes[key]
        except KeyError as exc:
            raise PackError(f"{self.country} has no code {key!r}") from exc

    def articles_of(self, code: str) -> Mapping[str, Article]:
        """The articles of ``code``: criminal code articles or administrative ones."""
        return self.articles if self.code(code).criminal else self.admin_articles

    def article(self, number: str, code: str | None = None) -> Article | None:
        """The article ``number`` of ``code`` (the pack's default code when None)."""
        return self.articles_of(code or self.default_code).get(number)

    def regime(self, regime: Regime) -> RegimeInfo:
        """The pack's facts about ``regime``; raises PackError when the country lacks it."""
        try:
            return self.regimes[regime]
        except KeyError as exc:
            raise PackError(f"{self.country} has no {regime.value} regime") from exc


def _fraction(value: Any, where: str) -> Fraction:
    try:
        return Fraction(str(value))
    except (ValueError, ZeroDivisionError) as exc:
        raise PackError(f"{where}: bad fraction {value!r}") from exc


def _gravity_of(max_years: int | str, gravity: Mapping[str, Any]) -> Gravity:
    if max_years == LIFE:
        return Gravity.ESPECIALLY_GRAVE
    years = int(max_years)
    if years <= int(gravity["minor_max_years"]):
        return Gravity.MINOR
    if years <= int(gravity["medium_max_years"]):
        return Gravity.MEDIUM
    if years <= int(gravity["grave_max_years"]):
        return Gravity.GRAVE
    return Gravity.ESPECIALLY_GRAVE


_ORDER = list(Gravity)


def _article(
    country: str, code: str, number: str, data: Mapping[str, Any], pack: Mapping[str, Any]
) -> Article:
    where = f"{country} {code} {number}"
    max_years = {str(part): value for part, value in data.get("max_years", {}).items()}
    gravity_by_part = {part: _gravity_of(v, pack["gravity"]) for part, v in max_years.items()}
    gravity = max(gravity_by_part.values(), key=_ORDER.index) if gravity_by_part else None
    by_gravity = {g: _fraction(pack["parole"][g.value], where) for g in Gravity}
    override = data.get("parole_fraction")
    if override is not None:
        parole_by_part = {part: _fraction(override, where) for part in max_years}
        parole = _fraction(override, where)
    else:
        parole_by_part = {part: by_gravity[g] for part, g in gravity_by_part.items()}
        parole = by_gravity[gravity] if gravity else None
    parts = data.get("credit_exclusion_parts")
    return Article(
        country=country,
        code=code,
        number=number,
        title=data["title"],
        title_en=data["title_en"],
        gravity=gravity,
        credit_exclusion=bool(data.get("credit_exclusion", False)),
        parole_fraction=parole,
        sources=tuple(data.get("sources", ())),
        max_years=max_years,
        gravity_by_part=gravity_by_part,
        parole_by_part=parole_by_part,
        credit_exclusion_parts=frozenset(str(p) for p in parts) if parts is not None else None,
        credit_exclusion_note=data.get("credit_exclusion_note", ""),
        parole_rule=data.get("parole_rule", "")
        or (pack["parole"]["special_rule"] if override is not None else pack["parole"]["rule"]),
        sanctions_checked=bool(data.get("sanctions_checked", False)),
        requires_prior=data.get("requires_prior", ""),
        escalates_to=data.get("escalates_to", ""),
        escalation_rule=data.get("escalation_rule", ""),
    )


def _read(country: str, name: str) -> dict[str, Any]:
    folder = resources.files("habeas.law") / "data" / country.lower()
    try:
        text = (folder / name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PackError(f"no country pack {country!r} (missing {name})") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{country}/{name}: {exc}") from exc


def available_packs() -> list[str]:
    """Country codes of the packs shipped with Habeas, e.g. ``["BY", "RU"]``."""
    folder = resources.files("habeas.law") / "data"
    return sorted(
        entry.name.upper()
        for entry in folder.iterdir()
        if entry.is_dir() and (entry / "pack.toml").is_file()
    )


def load_pack(country: str) -> CountryPack:
    """Load (once) the pack of ``country`` (``"RU"``, ``"BY"``; case-insensitive)."""
    if not isinstance(country, str) or not country.isalpha():
        raise PackError(f"bad country code {country!r}")
    return _load_pack(country.upper())


@cache
def _load_pack(country: str) -> CountryPack:
    if country not in available_packs():
        raise PackError(f"no country pack {country!r}; available: {', '.join(available_packs())}")
    pack = _read(country, "pack.toml")
    pack["parole"].setdefault("special_rule", pack["parole"]["rule"])
    articles_data = _read(country, "articles.toml")
    holidays = _read(country, "holidays.toml")
    codes = {
        key: CodeInfo(
            key=key,
            name_ru=value["name_ru"],
            name_en=value["name_en"],
            title_ru_genitive=value.get("title_ru_genitive", value["name_ru"]),
            criminal=bool(value.get("criminal", True)),
            aliases=tuple(alias.lower() for alias in value.get("aliases", ())),
        )
        for key, value in pack["codes"].items()
    }
    criminal: dict[str, Article] = {}
    admin: dict[str, Article] = {}
    for code, entries in articles_data.items():
        if code not in codes:
            raise PackError(f"{country}/articles.toml: unknown code {code!r}")
        target = criminal if codes[code].criminal else admin
        for number, data in entries.items():
            target[number] = _article(country, code, number, data, pack)
    regimes = {}
    for key, value in pack["regimes"].items():
        regime = Regime(key)
        regimes[regime] = RegimeInfo(
            regime=regime,
            name_ru=value["name_ru"],
            name_en=value["name_en"],
            facility_type=FacilityType(value["facility_type"]),
            strictness=int(value["strictness"]),
            custody_credit=_fraction(value["custody_credit"], f"{country} regime {key}"),
            credit_rule=value["credit_rule"],
        )
    credit = pack["credit"]

    def optional(key: str) -> Fraction | None:
        return _fraction(credit[key], f"{country} credit {key}") if key in credit else None

    credit_rules = CreditRules(
        house_arrest=optional("house_arrest"),
        house_arrest_rule=credit.get("house_arrest_rule", ""),
        exclusion=optional("exclusion"),
        exclusion_rule=credit.get("exclusion_rule", ""),
        strict_conditions=optional("strict_conditions"),
        strict_conditions_rule=credit.get("strict_conditions_rule", ""),
        recounts=tuple(
            RecountRule(
                from_regimes=frozenset(Regime(r) for r in item["from"]),
                to_regime=Regime(item["to"]),
                ratio=_fraction(item["ratio"], f"{country} recount"),
            )
            for item in credit.get("milder_regime_recount", ())
        ),
        rounding=credit.get("rounding", "floor"),
        notes=tuple(credit.get("notes", ())),
    )
    parole = pack["parole"]
    parole_rules = ParoleRules(
        rule=parole["rule"],
        by_gravity={g: _fraction(parole[g.value], f"{country} parole") for g in Gravity},
        minimum_months=int(parole.get("minimum_months", 0)),
        minimum_rule=parole.get("minimum_rule", ""),
        credit_counts_as_served=bool(parole.get("credit_counts_as_served", True)),
        notes=tuple(parole.get("notes", ())),
    )
    return CountryPack(
        country=country,
        name=pack["name"],
        name_local=pack.get("name_ru", pack["name"]),
        timezone=pack.get("timezone", "UTC"),
        default_code=pack["default_code"],
        article_separator=pack.get("article_separator", "."),
        codes=codes,
        articles=criminal,
        admin_articles=admin,
        regimes=regimes,
        credit=credit_rules,
        parole=parole_rules,
        release_rule=pack["release"]["rule"],
        holidays=WorkCalendar.from_data(country, holidays),
        gravity_rule=pack["gravity"]["rule"],
        notes=tuple(pack.get("notes", ())),
    )
