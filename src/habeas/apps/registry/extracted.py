"""Extracted candidates into the registry, for review (``habeas extract --to-review``).

Each defendant that :mod:`habeas.extract` finds in a document becomes one source record of
a :class:`Source` of kind *news* named after the document. The records are written by the
ordinary importer (:func:`habeas.apps.registry.importer.import_file`) from interchange-shaped
rows, so persons, names and facts are created exactly as for an imported list; the record's
``raw`` then keeps the document text and the candidate with its evidence spans. Incremental
linking follows: a candidate either joins a registry person (a sure match), or stays a new
person and its uncertain pairs wait in the review queue, where an editor's "same" links it.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from habeas.extract import ExtractionResult, PersonCandidate

#: The interchange regime codes the extractor's regimes map to (the same words).
_REGIMES = {"general", "strict", "special", "settlement", "prison", "educational"}


@dataclass
class ReviewSubmission:
    """What ``submit_for_review`` wrote and what linking made of it."""

    source: str
    records: list[dict[str, Any]] = field(default_factory=list)
    link: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"source": self.source, "records": self.records, "link": self.link}


def gazetteer_names() -> list[str]:
    """The registry's Latin-script names as "Given Surname", to help English recognition."""
    from habeas.apps.registry.models import PersonName

    rows = PersonName.objects.exclude(given="").exclude(surname="").values_list("given", "surname")
    return sorted({f"{g} {s}" for g, s in rows.iterator() if g.isascii() and s.isascii()})


def _sentence(cand: PersonCandidate) -> str:
    s = cand.sentence
    if s.years is None and s.months is None:
        return ""
    return " ".join(
        p for p in (f"{s.years}y" if s.years else "", f"{s.months}m" if s.months else "") if p
    )


def interchange_row(cand: PersonCandidate, key: str, url: str) -> dict[str, str]:
    """One interchange row (the importer's columns) for a defendant candidate."""
    dates = cand.dates
    notes = []
    if cand.sentence.fine:
        notes.append(f"fine {cand.sentence.fine} RUB")
    if cand.sentence.suspended:
        notes.append("suspended")
    if cand.sentence.in_absentia:
        notes.append("in absentia")
    if cand.court:
        notes.append(f"court: {cand.court}")
    return {
        "source_id": key,
        "name": cand.name,
        "articles": "; ".join(cand.articles),
        "sentence": _sentence(cand),
        "regime": cand.sentence.regime if cand.sentence.regime in _REGIMES else "",
        "facility": cand.facility or "",
        "detained_on": dates["detained"].isoformat() if dates.get("detained") else "",
        "verdict_on": dates["verdict"].isoformat() if dates.get("verdict") else "",
        "source_url": url if "://" in url else "",
        "notes": "extracted candidate; " + "; ".join(notes) if notes else "extracted candidate",
    }


def submit_for_review(
    result: ExtractionResult, *, document: str, title: str = "", link: bool = True
) -> ReviewSubmission:
    """Write each defendant of ``result`` as a news source record, then link incrementally.

    Args:
        result: what ``extract_text`` found.
        document: the file path or URL of the document (the source's url and the name).
        title: a human title for the source (default: the document's file name).
        link: run incremental linking afterwards.
    """
    from habeas.apps.registry.identity import run_linking
    from habeas.apps.registry.importer import import_file
    from habeas.apps.registry.models import ReviewItem, SourceRecord
    from habeas.apps.sources.models import Source, SourceKind

    name = (title or Path(document).name or document).strip()[:200]
    submission = ReviewSubmission(source=name)
    defendants = result.defendants()
    if not defendants:
        return submission
    Source.objects.get_or_create(
        name=name, defaults={"kind": SourceKind.NEWS, "url": document[:200]}
    )
    digest = hashlib.sha256(result.text.encode()).hexdigest()[:16]
    keys = [f"extract:{digest}:{n}" for n in range(len(defendants))]
    rows = [interchange_row(c, k, document) for c, k in zip(defendants, keys, strict=True)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{Path(document).name or 'document'}.extract.json"
        path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        import_file(path, source=name, workers=0)
    records = {
        r.source_key: r for r in SourceRecord.objects.filter(source__name=name, source_key__in=keys)
    }
    for cand, key in zip(defendants, keys, strict=True):
        record = records[key]
        record.raw = {
            "row": record.raw,
            "document": document,
            "lang": result.lang,
            "published": result.published.isoformat() if result.published else None,
            "text": result.text,
            "candidate": cand.to_dict(),
        }
        record.save(update_fields=["raw"])
    if link:
        submission.link = run_linking(incremental=True).to_dict()
    for key in keys:
        record = SourceRecord.objects.get(source__name=name, source_key=key)
        others = SourceRecord.objects.filter(person_id=record.person_id).exclude(pk=record.pk)
        pending = ReviewItem.objects.filter(decision__isnull=True).filter(
            left=record
        ) | ReviewItem.objects.filter(decision__isnull=True, right=record)
        submission.records.append(
            {
                "record_id": record.pk,
                "name": record.name,
                "person_id": record.person_id,
                "linked": others.exists(),
                "review_items": sorted(pending.values_list("pk", flat=True)),
            }
        )
    return submission
