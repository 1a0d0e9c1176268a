"""``habeas extract FILE``: candidate facts from a news item or report, optionally for review.

Without ``--to-review`` no database is needed; when one is reachable (``--db`` or
``HABEAS_DB``) the registry's names are passed to the extractor as a gazetteer, with the
articles and verdict years of each person's recorded cases (a known person named for
context in a text about someone else is then not read as its defendant). With
``--to-review`` every defendant found becomes a source record of a news source named after
the document, and incremental linking runs (see :mod:`habeas.apps.registry.extracted`).
"""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from habeas.cli.options import JsonOption
from habeas.cli.output import console, emit_json, fail
from habeas.store import DB_ENV

if TYPE_CHECKING:  # habeas.extract is imported when ``extract`` runs (slow to import)
    from habeas.extract import ExtractionResult

LangOption = Annotated[
    str, typer.Option("--lang", help="Language of the text: ru, en or auto.", show_default=True)
]


def _published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--published must be YYYY-MM-DD, not {value!r}")
        raise  # unreachable: fail exits


def _gazetteer(db: str | None, needed: bool) -> list[str | dict[str, Any]]:
    """The registry's names, when a registry is reachable (or must be, for --to-review):
    its Latin-script names, and for each person with a recorded case an entry with the
    person's names, articles and verdict years (a known case: ``habeas.extract.known``)."""
    if not (needed or db or os.environ.get(DB_ENV)):
        return []
    from habeas.cli.store import connect

    connect(db)
    from habeas.apps.registry.extracted import gazetteer_names

    return [*gazetteer_names(), *_known_cases()]


def _known_cases() -> list[dict[str, Any]]:
    """One ``{"names", "articles", "years"}`` entry per registry person with a recorded
    charge or verdict date: the person's names ("Given Surname", any script)."""
    from habeas.apps.cases.models import Charge, Sentence
    from habeas.apps.registry.models import PersonName

    articles: dict[int, set[str]] = defaultdict(set)
    years: dict[int, set[int]] = defaultdict(set)
    for person_id, article in Charge.objects.values_list("case__person_id", "article").iterator():
        if article:
            articles[person_id].add(article)
    verdicts = Sentence.objects.exclude(verdict_on=None).values_list(
        "case__person_id", "verdict_on"
    )
    for person_id, verdict_on in verdicts.iterator():
        years[person_id].add(verdict_on.year)
    names: dict[int, set[str]] = defaultdict(set)
    rows = (
        PersonName.objects.filter(person__cases__isnull=False)
        .exclude(given="")
        .exclude(surname="")
        .values_list("person_id", "given", "surname")
        .distinct()
    )
    for person_id, given, surname in rows.iterator():
        if person_id in articles or person_id in years:
            names[person_id].add(f"{given} {surname}")
    return [
        {
            "names": sorted(names[pid]),
            "articles": sorted(articles.get(pid, ())),
            "years": sorted(years.get(pid, ())),
        }
        for pid in sorted(names)
    ]


def _show(result: ExtractionResult, source: str) -> None:
    """Human output: one table row per person, then the evidence of each defendant."""
    table = Table("name", "role", "articles", "sentence", "court", "judge", "facility", "dates")
    table.title = f"{source} ({result.lang})"
    for p in result.persons:
        s = p.sentence
        parts = [f"{s.years} y" if s.years else "", f"{s.months} m" if s.months else ""]
        parts += [s.regime or "", f"fine {s.fine}" if s.fine else ""]
        parts += ["suspended" if s.suspended else "", "in absentia" if s.in_absentia else ""]
        dates = ", ".join(f"{k} {v.isoformat()}" for k, v in p.dates.items() if v)
        table.add_row(
            p.name,
            p.role.value if p.role else "",
            ", ".join(p.articles),
            " ".join(x for x in parts if x),
            p.court or "",
            p.judge or "",
            p.facility or "",
            dates,
        )
    console.print(table)
    for p in result.defendants():
        for key, spans in p.spans.items():
            quotes = "; ".join(repr(result.text[a:b]) for a, b in spans[:3])
            console.print(f"  {p.name} · {key}: {quotes}", highlight=False, markup=False)


def extract(
    file: Annotated[Path, typer.Argument(help="The document: .txt, .html/.htm or .md.")],
    lang: LangOption = "auto",
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date, YYYY-MM-DD.")
    ] = None,
    as_json: JsonOption = False,
    to_review: Annotated[
        bool,
        typer.Option(
            "--to-review",
            help="Write each defendant as a news source record and link it (needs the store).",
        ),
    ] = False,
    db: Annotated[
        str | None,
        typer.Option("--db", help="SQLite file path or database URL (else HABEAS_DB)."),
    ] = None,
) -> None:
    """Find persons and candidate facts (articles, sentence, court, dates) in a report."""
    if lang not in ("ru", "en", "auto"):
        fail(f"--lang must be ru, en or auto, not {lang!r}")
    if not file.is_file():
        fail(f"no such file: {file}")
    when = _published(published)
    from habeas.extract import extract_text, read_document

    doc = read_document(file)
    gazetteer = _gazetteer(db, to_review)
    result = extract_text(doc.text, lang=lang, published=when, gazetteer=gazetteer, fmt="text")
    result.source = str(file)
    data = result.to_dict()
    if to_review:
        from django.db import transaction

        from habeas.apps.registry.extracted import submit_for_review

        with transaction.atomic():
            submission = submit_for_review(result, document=str(file))
        data["review"] = submission.to_dict()
    if as_json:
        emit_json(data)
        return
    _show(result, str(file))
    if to_review:
        review = data["review"]
        console.print(f"source: {review['source']}")
        for r in review["records"]:
            state = "linked to" if r["linked"] else "new person"
            items = f", {len(r['review_items'])} pair(s) to review" if r["review_items"] else ""
            console.print(f"  record {r['record_id']} {r['name']}: {state} {r['person_id']}{items}")


def register(app: typer.Typer) -> None:
    """Add ``extract`` to the ``habeas`` command."""
    app.command("extract")(extract)
