"""Three partner lists of overlapping people, each in its own shape, plus the truth file.

Who appears where, and which list holds which conflicting fact, is decided here; how each
list writes its rows is in ``formats``.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from . import formats
from .data import as_of, facilities
from .model import DemoPerson, Facility, PartnerList
from .noise import shifted_birth

MEMORIAL, OVD, REGIONAL = "Memorial", "OVD-Info", "Regional group"
# probability that a person appears in each list (everyone is in at least one)
INCLUSION = {MEMORIAL: 0.70, OVD: 0.60, REGIONAL: 0.35}
# per person in two or more lists: chance that one of its lists carries each conflict
CONFLICTS = {"first_instance": 0.6, "previous_facility": 0.6, "birth": 0.03, "stale": 0.15}


@dataclass(slots=True)
class View:
    """What one list says about one person before the list's own spelling and omissions."""

    person: DemoPerson
    birth_date: date
    verdict_on: date | None
    punishment: str | None
    sentence_months: int | None
    regime: str | None
    facility: Facility | None
    status: str
    released_on: date | None
    notes: str
    conflicts: list[str] = field(default_factory=list)


def _view(p: DemoPerson) -> View:
    return View(
        person=p,
        birth_date=p.birth_date,
        verdict_on=p.verdict_on,
        punishment=p.punishment,
        sentence_months=p.sentence_months,
        regime=p.regime,
        facility=p.facility,
        status=p.status,
        released_on=p.released_on,
        notes=p.notes,
    )


def _sizo(region: str | None, rng: random.Random) -> Facility | None:
    pool = [f for f in _sizos() if f.region == region]
    return rng.choice(pool) if pool else None


_SIZO_CACHE: list[Facility] = []


def _sizos() -> list[Facility]:
    if not _SIZO_CACHE:
        _SIZO_CACHE.extend(f for f in facilities() if f.kind == "СИЗО")
    return _SIZO_CACHE


def _apply_conflict(v: View, kind: str, rng: random.Random) -> None:
    """Make ``v`` hold an outdated or mistaken version of one fact."""
    p = v.person
    if kind == "first_instance":  # the list never recorded the appeal
        v.verdict_on = p.first_instance_on
        if p.first_instance_punishment == "fine":
            v.punishment, v.sentence_months, v.regime = "fine", None, None
            v.status, v.released_on, v.facility, v.notes = (
                "released",
                p.first_instance_on,
                None,
                "штраф",
            )
        else:
            v.sentence_months = p.first_instance_months
    elif kind == "previous_facility":  # not updated after a transfer
        v.facility = p.previous_facility
    elif kind == "birth":
        v.birth_date = shifted_birth(p.birth_date, rng)
    elif kind == "stale":  # still listed as awaiting trial
        v.verdict_on = v.punishment = v.sentence_months = v.regime = None
        v.status, v.released_on, v.facility = "pretrial_detention", None, _sizo(p.region, rng)
    v.conflicts.append(kind)


def _eligible(p: DemoPerson, kind: str) -> bool:
    if kind == "first_instance":
        return p.first_instance_on is not None
    if kind == "previous_facility":
        return p.previous_facility is not None
    if kind == "birth":
        return p.birth_precision == "day"
    return (
        p.status == "imprisoned"
        and p.verdict_on is not None
        and as_of() - p.verdict_on < timedelta(days=300)
    )


def assign(people: list[DemoPerson], rng: random.Random) -> dict[str, list[View]]:
    """Decide membership and conflicts: list name -> views of the people it holds."""
    out: dict[str, list[View]] = {name: [] for name in INCLUSION}
    names, weights = list(INCLUSION), list(INCLUSION.values())
    for p in people:
        chosen = [n for n in names if rng.random() < INCLUSION[n]]
        if p.public_case:
            chosen = list(names)
        elif not chosen:
            chosen = rng.choices(names, weights)
        views = {n: _view(p) for n in chosen}
        if len(chosen) > 1:
            for kind, rate in CONFLICTS.items():
                if p.public_case and kind != "first_instance":
                    continue  # only the real history (the first-instance fine) for public cases
                if _eligible(p, kind) and (p.public_case or rng.random() < rate):
                    target = REGIONAL if p.public_case and REGIONAL in views else rng.choice(chosen)
                    _apply_conflict(views[target], kind, rng)
        for n, v in views.items():
            out[n].append(v)
    return out


def _unique_ids(n: int, rng: random.Random, make) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        sid = make(rng)
        if sid not in seen:
            seen.add(sid)
            out.append(sid)
    return out


def write_partner_lists(
    people: list[DemoPerson], out_dir: Path, seed: int = 2026
) -> list[PartnerList]:
    """Write the three partner lists, their mapping files and ``truth.csv`` into ``out_dir``.

    ``memorial_ru.csv`` (Windows-1251, ``;``, Russian headers) with
    ``memorial_ru.mapping.toml``; ``ovd_en.xlsx`` (English headers, Latin spellings) with
    ``ovd_en.mapping.toml``; ``regional.json`` (interchange keys, no mapping). ``truth.csv``
    lists ``source_name,source_id,person_key`` for every written row. Deterministic for
    the people and the seed.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"habeas-demo-lists-{seed}")
    views = assign(people, rng)

    mem = views[MEMORIAL]
    mem_ids = _unique_ids(len(mem), rng, lambda r: f"М-{r.randrange(10**6):06d}")
    ovd = views[OVD]
    ovd_ids = _unique_ids(len(ovd), rng, lambda r: f"ovd-{r.randrange(10**7)}")
    reg = views[REGIONAL]
    reg_ids = _unique_ids(len(reg), rng, lambda r: f"rg-{r.getrandbits(32):08x}")

    mem_rows = [formats.memorial_row(v, sid, rng) for v, sid in zip(mem, mem_ids, strict=True)]
    mem_rows.sort(key=lambda r: (r[formats.MEMORIAL_NAME_COL], r["№"]))
    ovd_rows = [formats.ovd_row(v, sid, rng) for v, sid in zip(ovd, ovd_ids, strict=True)]
    ovd_rows.sort(key=lambda r: int(r["ID"].split("-")[1]))
    reg_rows = [formats.regional_row(v, sid, rng) for v, sid in zip(reg, reg_ids, strict=True)]
    rng.shuffle(reg_rows)

    lists = [
        formats.write_memorial(mem_rows, out_dir),
        formats.write_ovd(ovd_rows, out_dir),
        formats.write_regional(reg_rows, out_dir),
    ]
    with (out_dir / "truth.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(("source_name", "source_id", "person_key"))
        for name, vs, ids in (
            (MEMORIAL, mem, mem_ids),
            (OVD, ovd, ovd_ids),
            (REGIONAL, reg, reg_ids),
        ):
            w.writerows((name, sid, v.person.key) for v, sid in zip(vs, ids, strict=True))
    return lists
