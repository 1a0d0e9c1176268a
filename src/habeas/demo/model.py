"""Data classes of the demo generator: synthetic people, facilities and written lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Facility:
    """A penitentiary institution (synthetic address, FSIN-style name)."""

    kind: str  # ИК, СИЗО, Т, КП, ВК, ЛИУ
    number: int
    region: str  # nominative region name
    name: str  # «ФКУ ИК-7 УФСИН России по Республике Карелия»
    name_en: str  # "IK-7, Republic of Karelia"
    regime: str | None  # Regime code for colonies and prisons; None for СИЗО, ЛИУ
    women: bool
    town: str
    address: str

    @property
    def short(self) -> str:
        """Type and number, e.g. ``ИК-7``."""
        return f"{self.kind}-{self.number}"


@dataclass(slots=True)
class DemoPerson:
    """One synthetic (or, for the public case, real and public) person: the ground truth.

    Dates are consistent: birth < detained_on <= first_instance_on <= verdict_on <=
    released_on <= the generator's ``AS_OF`` date. ``sentence_months`` is the custodial term
    (or the suspended term when ``punishment`` is ``"suspended"``).
    """

    key: str
    surname: str
    given: str
    patronymic: str
    gender: str  # Gender code
    group: str  # name pool: russian, crimean_tatar, tatar_bashkir, north_caucasus, ...
    father_given: str
    birth_date: date
    birth_precision: str  # DatePrecision code
    region: str | None
    articles: list[str]
    detained_on: date
    verdict_on: date | None = None
    punishment: str | None = None  # custody, suspended, fine; None before the verdict
    sentence_months: int | None = None
    regime: str | None = None
    facility: Facility | None = None
    status: str = "pretrial_detention"
    released_on: date | None = None
    recognized_by: list[str] = field(default_factory=list)
    first_instance_on: date | None = None
    first_instance_months: int | None = None
    first_instance_punishment: str | None = None
    previous_facility: Facility | None = None
    relation: str | None = None  # namesake, son, daughter, sibling, spouse
    related_to: str | None = None  # key of the related person
    source_url: str | None = None
    notes: str = ""
    public_case: bool = False

    @property
    def full_name(self) -> str:
        """«Фамилия Имя Отчество» (without the patronymic when there is none)."""
        return " ".join(p for p in (self.surname, self.given, self.patronymic) if p)

    @property
    def sentence_years_months(self) -> tuple[int, int] | None:
        """The term as ``(years, months)``, or None."""
        if self.sentence_months is None:
            return None
        return divmod(self.sentence_months, 12)


@dataclass(frozen=True, slots=True)
class PartnerList:
    """A written partner list: where it is, whose it is, and how to import it."""

    path: Path
    source_name: str
    mapping_path: Path | None
    format: str  # csv, xlsx, json
    rows: int = 0
