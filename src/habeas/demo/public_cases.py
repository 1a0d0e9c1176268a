"""Real public cases included in the demo data, with public facts only.

Boris Kagarlitsky, sociologist. Public reporting (russia.md [TINV]; also Novaya Gazeta Europe
and The Moscow Times, Dec 2023 - Feb 2024): detained 25 July 2023 and charged under part 2
of article 205.2 (justification of terrorism online); on 12 December 2023 the 2nd Western
District Military Court fined him and released him; on 13 February 2024 the Military Court
of Appeal replaced the fine with five years in a general-regime colony; held in IK-4,
Torzhok, Tver region; recognised as a political prisoner by Memorial. Born 29 August 1958.
Nothing else about him (home region, address, relatives) is in the demo data.
"""

from __future__ import annotations

from datetime import date

from .data import facilities
from .model import DemoPerson

KAGARLITSKY_SOURCE = "https://t-invariant.org/?p=451579"


def kagarlitsky(key: str) -> DemoPerson:
    """Boris Kagarlitsky's public case as a DemoPerson."""
    ik4 = next(f for f in facilities() if f.region == "Тверская область" and f.short == "ИК-4")
    return DemoPerson(
        key=key,
        surname="Кагарлицкий",
        given="Борис",
        patronymic="Юльевич",
        gender="male",
        group="russian",
        father_given="Юлий",
        birth_date=date(1958, 8, 29),
        birth_precision="day",
        region=None,
        articles=["205.2(2)"],
        detained_on=date(2023, 7, 25),
        verdict_on=date(2024, 2, 13),
        punishment="custody",
        sentence_months=60,
        regime="general",
        facility=ik4,
        status="imprisoned",
        recognized_by=["Memorial"],
        first_instance_on=date(2023, 12, 12),
        first_instance_punishment="fine",
        source_url=KAGARLITSKY_SOURCE,
        notes="социолог; 12.12.2023 приговор первой инстанции: штраф; "
        "13.02.2024 апелляция: 5 лет колонии общего режима",
        public_case=True,
    )
