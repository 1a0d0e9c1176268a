"""A small synthetic registry for the release-list tests: known persons, namesakes, a
minor, an elderly man with a confidential health note, a foreign citizen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from habeas.apps.cases.models import Recognition
from habeas.apps.registry.importer import import_file
from habeas.apps.registry.models import Person, PersonNote
from tests.conftest import HEADER, write_csv

TODAY = date(2026, 6, 1)
SECRET_NOTE = "CONFNOTE-онкологическое заболевание-4471"

# source_id, name, name_latin, gender, birth_date, region, articles, sentence, regime,
# facility, status, detained_on, verdict_on, recognized_by, notes
ROWS = [
    [
        "t-1",
        "Кригер Рико",
        "Rico Krieger",
        "male",
        "1994-05-12",
        "Калининградская область",
        "361",
        "10y",
        "strict",
        "ИК-9 УФСИН России по Калининградской области",
        "imprisoned",
        "2023-10-01",
        "2024-07-19",
        "Memorial",
        "",
    ],
    [
        "t-2",
        "Кагарлицкий Борис Юльевич",
        "Boris Kagarlitsky",
        "male",
        "1958-08-29",
        "Москва",
        "205.2(2)",
        "5y",
        "general",
        "ИК-4 УФСИН России по Тверской области",
        "imprisoned",
        "2023-07-25",
        "2024-02-13",
        "Memorial|OVD-Info",
        "",
    ],
    [
        "t-3",
        "Смирнова Анна Петровна",
        "Anna Smirnova",
        "female",
        "1990-03-03",
        "Тверская область",
        "207.3(2)",
        "6y6m",
        "general",
        "ИК-5 УФСИН России по Тверской области",
        "imprisoned",
        "2022-05-10",
        "2023-03-01",
        "OVD-Info",
        "",
    ],
    [
        "t-4",
        "Иванов Иван Петрович",
        "Ivan Ivanov",
        "male",
        "1980-01-01",
        "Москва",
        "280.3",
        "2y",
        "general",
        "",
        "imprisoned",
        "2025-01-10",
        "2025-06-01",
        "Memorial",
        "",
    ],
    [
        "t-5",
        "Иванов Иван Сергеевич",
        "Ivan Ivanov",
        "male",
        "1985-05-05",
        "Санкт-Петербург",
        "207.3",
        "3y",
        "general",
        "",
        "imprisoned",
        "2024-02-02",
        "2024-09-09",
        "Memorial",
        "",
    ],
    [
        "t-6",
        "Орлов Алексей Иванович",
        "Aleksei Orlov",
        "male",
        "1975-04-04",
        "Пермский край",
        "280.3(1)",
        "",
        "",
        "СИЗО-1 УФСИН России по Пермскому краю",
        "pretrial_detention",
        "2025-11-15",
        "",
        "",
        "",
    ],
    [
        "t-7",
        "Петрова Мария Олеговна",
        "Maria Petrova",
        "female",
        "2009-03-01",
        "Республика Крым",
        "205.2",
        "1y6m",
        "educational",
        "",
        "imprisoned",
        "2025-09-01",
        "2026-01-10",
        "Memorial",
        "",
    ],
    [
        "t-8",
        "Сидоров Пётр Николаевич",
        "Pyotr Sidorov",
        "male",
        "1950-02-02",
        "Москва",
        "275",
        "12y",
        "strict",
        "ИК-6 УФСИН России по Владимирской области",
        "imprisoned",
        "2021-04-01",
        "2022-01-20",
        "Memorial",
        "",
    ],
    [
        "t-9",
        "Фёдорова Елена Викторовна",
        "Elena Fedorova",
        "female",
        "1972-07-07",
        "Москва",
        "207.3",
        "7y",
        "general",
        "",
        "imprisoned",
        "2022-03-15",
        "2023-02-01",
        "Memorial",
        "",
    ],
    [
        "t-10",
        "Козлов Дмитрий Андреевич",
        "Dmitry Kozlov",
        "male",
        "1988-08-08",
        "Москва",
        "207.3",
        "",
        "",
        "",
        "released",
        "2022-04-01",
        "",
        "Memorial",
        "",
    ],
]


def build(folder: Path) -> dict[str, int]:
    """Import the rows; return source_id → person id."""
    import_file(write_csv(folder / "registry.csv", HEADER, ROWS), source="Memorial", today=TODAY)
    ids = {p.display_name: p.pk for p in Person.objects.all()}
    by_key = {row[0]: ids[_display(row[1])] for row in ROWS}
    Person.objects.filter(pk=by_key["t-1"]).update(citizenships=["DE"])
    Recognition.objects.filter(person_id=by_key["t-2"], organisation="Memorial").update(
        criteria="PACE 1900 (2012) a, e"
    )
    PersonNote.objects.create(person_id=by_key["t-8"], topic="health", text=SECRET_NOTE)
    PersonNote.objects.create(
        person_id=by_key["t-3"], topic="relatives", text="единственный родитель двоих детей"
    )
    return by_key


def _display(name: str) -> str:
    return name
