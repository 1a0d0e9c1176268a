"""The synthetic registry: people with consistent names, cases, dates and custody.

``generate_people(count, seed)`` is deterministic for a seed. The first person is the public
case (Boris Kagarlitsky, public facts only); everyone else is synthetic. A few percent are
hard negatives for identity resolution: namesakes, fathers and children, siblings, spouses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from . import names
from .data import Article, Part, Weighted, articles, as_of, facilities, population, regions
from .model import DemoPerson, Facility
from .public_cases import kagarlitsky

# share of new people generated as a relative of someone already generated
RELATION_RATES = (("namesake", 0.02), ("child", 0.015), ("sibling", 0.015), ("spouse", 0.015))


@dataclass(slots=True)
class _Case:
    """What co-defendants share."""

    region: str
    main: Article
    part: Part
    articles: list[str]
    detained_on: date
    pretrial_days: int
    house_arrest: bool


@cache
def _tables() -> dict:
    pop = population()
    arts = articles()
    regs = regions()
    groups = pop["groups"]
    by_group = {
        g: Weighted.of([(a, a.weight * spec.get("boost", {}).get(n, 1.0)) for n, a in arts.items()])
        for g, spec in groups.items()
    }
    region_w = {
        g: Weighted.of(list(spec["regions"].items()))
        if "regions" in spec
        else Weighted.of([(r.name, r.weight) for r in regs.values()])
        for g, spec in groups.items()
    }
    colonies: dict[tuple[str, bool], list[Facility]] = {}
    local: dict[tuple[str, bool, str], list[Facility]] = {}
    sizo: dict[str, list[Facility]] = {}
    for f in facilities():
        if f.kind == "СИЗО":
            sizo.setdefault(f.region, []).append(f)
        elif f.regime:
            colonies.setdefault((f.regime, f.women), []).append(f)
            local.setdefault((f.regime, f.women, f.region), []).append(f)
    years = Weighted.of([(int(y), w) for y, w in pop["detention_years"].items()])
    rec = pop["recognition"]
    recognition = Weighted.of(
        [
            (("Memorial", "OVD-Info"), rec["both"]),
            (("Memorial",), rec["memorial"]),
            (("OVD-Info",), rec["ovd"]),
            ((), rec["none"]),
        ]
    )
    return {
        "groups": Weighted.of([(g, spec["share"]) for g, spec in groups.items()]),
        "articles": by_group,
        "regions": region_w,
        "colonies": colonies,
        "local": local,
        "sizo": sizo,
        "years": years,
        "recognition": recognition,
        "events": pop["events"],
    }


def add_months(d: date, months: int) -> date:
    """``d`` plus whole months; the day is clipped to the target month's length."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _years_before(d: date, years: int, rng: random.Random) -> date:
    return add_months(d, -12 * years) - timedelta(days=rng.randrange(365))


class _Generator:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.t = _tables()
        self.today = as_of()

    # -- the case ---------------------------------------------------------------------
    def detention_date(self) -> date:
        rng, today = self.rng, self.today
        year = self.t["years"].pick(rng)
        start = date(year, 1, 1)
        end = min(date(year, 12, 31), today - timedelta(days=7))
        return start + timedelta(days=rng.randrange((end - start).days + 1))

    def case(self, group: str) -> _Case:
        rng = self.rng
        main: Article = self.t["articles"][group].pick(rng)
        part: Part = main.parts.pick(rng)
        cites = [main.cite(part)]
        if main.companions and rng.random() < main.companion_p:
            other = articles()[rng.choice(main.companions)]
            cite = other.cite(other.parts.pick(rng))
            if cite.split("(")[0] != main.number:
                cites.append(cite)
        return _Case(
            region=self.t["regions"][group].pick(rng),
            main=main,
            part=part,
            articles=cites,
            detained_on=self.detention_date(),
            pretrial_days=int(rng.triangular(60, 720, 300)),
            house_arrest=rng.random() < main.house_arrest,
        )

    # -- the person -------------------------------------------------------------------
    def person(
        self,
        key: str,
        *,
        group: str | None = None,
        gender: str | None = None,
        surname_pair: tuple[str, str] | None = None,
        given: str | None = None,
        father: str | None = None,
        birth: date | None = None,
        case: _Case | None = None,
    ) -> DemoPerson:
        rng = self.rng
        group = group or self.t["groups"].pick(rng)
        case = case or self.case(group)
        if gender is None:
            gender = "female" if rng.random() < case.main.female else "male"
        surname_pair = surname_pair or names.pick_surname(rng, group)
        given = given or names.pick_given(rng, group, gender)
        father = father or names.pick_father(rng, group)
        lo, mode, hi = case.main.age
        if birth is None:
            birth = _years_before(case.detained_on, int(rng.triangular(lo, hi, mode)), rng)
        ev = self.t["events"]
        u = rng.random()
        precision = (
            "year"
            if u < ev["birth_year_only"]
            else "month"
            if u < ev["birth_year_only"] + ev["birth_month_only"]
            else "day"
        )
        p = DemoPerson(
            key=key,
            surname=names.surname_for(surname_pair, gender),
            given=given,
            patronymic=names.patronymic(father, gender, group, rng),
            gender=gender,
            group=group,
            father_given=father,
            birth_date=birth,
            birth_precision=precision,
            region=case.region,
            articles=list(case.articles),
            detained_on=case.detained_on,
            recognized_by=list(self.t["recognition"].pick(rng)),
        )
        self.timeline(p, case)
        return p

    # -- custody and dates ----------------------------------------------------------------
    def regime(self, p: DemoPerson, case: _Case, verdict: date) -> str:
        rng = self.rng
        if (verdict - p.birth_date).days < 18 * 365:
            return "educational"
        top = case.part.months[2]
        if p.gender == "female":
            return "settlement" if top <= 36 and rng.random() < 0.5 else "general"
        if rng.random() < case.main.prison:
            return "prison"
        if top > 120:
            return "special" if rng.random() < 0.03 else "strict"
        if rng.random() < case.main.strict:
            return "strict"
        if top <= 36:
            return "settlement" if rng.random() < 0.5 else "general"
        return "strict" if rng.random() < 0.08 else "general"

    def colony(self, p: DemoPerson, regime: str, exclude: Facility | None = None) -> Facility:
        rng = self.rng
        women = p.gender == "female" and regime == "general"
        local = self.t["local"].get((regime, women, p.region), [])
        pool = local if local and rng.random() < 0.5 else self.t["colonies"][(regime, women)]
        choice = rng.choice(pool)
        if choice is exclude:
            choice = rng.choice(self.t["colonies"][(regime, women)])
        return choice

    def release_date(
        self, p: DemoPerson, case: _Case, verdict: date, months: int, regime: str
    ) -> date:
        days = case.pretrial_days
        if case.house_arrest:  # two days of house arrest count as one day of custody
            end = add_months(verdict, months) - timedelta(days=days // 2)
        else:
            extra = 0
            if regime == "settlement":
                extra = days
            elif regime in ("general", "educational") and not case.main.credit_1to1:
                extra = days // 2
            end = add_months(case.detained_on, months) - timedelta(days=extra)
        while end.weekday() >= 5:  # UIK art. 173: a weekend end moves to the working day before
            end -= timedelta(days=1)
        return max(end, verdict)

    def timeline(self, p: DemoPerson, case: _Case) -> None:
        rng, today, ev = self.rng, self.today, self.t["events"]
        verdict = p.detained_on + timedelta(days=case.pretrial_days)
        if verdict > today:
            p.status = "house_arrest" if case.house_arrest else "pretrial_detention"
            if not case.house_arrest:
                p.facility = rng.choice(self.t["sizo"][p.region])
            return
        p.verdict_on = verdict
        lo, mode, hi = case.part.months
        months = rng.triangular(lo, hi, mode)
        months = max(2, int(round(months / 6) * 6) if rng.random() < 0.6 else int(months))
        u = rng.random()
        if u < case.part.fine:
            p.punishment, p.status, p.released_on = "fine", "released", verdict
            p.notes = f"штраф {rng.choice((100, 200, 300, 500, 700, 800, 1000))} 000 руб."
            return
        if u < case.part.fine + case.part.suspended:
            p.punishment, p.status, p.released_on = "suspended", "released", verdict
            p.sentence_months, p.notes = months, "условный срок"
            return
        p.punishment, p.sentence_months = "custody", months
        p.regime = self.regime(p, case, verdict)
        p.facility = self.colony(p, p.regime)
        if rng.random() < ev["appeal_changed"] and case.pretrial_days > 150:
            p.first_instance_on = verdict - timedelta(days=rng.randint(60, 120))
            p.first_instance_months = max(6, months + rng.choice((-24, -12, -6, 6, 12, 18)))
            p.first_instance_punishment = "custody"
        release = self.release_date(p, case, verdict, months, p.regime)
        horizon = min(release, today)
        span = (horizon - verdict).days
        u = rng.random()
        if span > 60 and u < ev["died"]:
            p.status, p.notes = "died", "умер в заключении"
            return
        if span > 60 and u < ev["died"] + ev["exchanged"]:
            p.status, p.released_on = "exchanged", verdict + timedelta(days=rng.randint(60, span))
            return
        if span > 120 and u < ev["died"] + ev["exchanged"] + ev["early_release"]:
            release = verdict + timedelta(days=rng.randint(120, span))
        if rng.random() < ev["transferred"]:
            p.previous_facility, p.facility = p.facility, self.colony(p, p.regime, p.facility)
        if release <= today:
            p.released_on = release
            p.status = "abroad" if rng.random() < ev["left_country"] else "released"
        else:
            p.status = "imprisoned"

    # -- relatives ------------------------------------------------------------------------
    def relative(self, key: str, kind: str, of: DemoPerson) -> DemoPerson | None:
        """A relative of ``of`` (a man), or None when the draw gives an impossible person."""
        rng = self.rng
        if of.gender != "male" or of.public_case:
            return None
        pair = (of.surname, names.female_surname(of.surname))
        case = self.case(of.group)
        case.region = of.region or case.region
        birth: date | None = None
        gender = "female"
        father: str | None = None
        given: str | None = None
        if kind == "namesake":
            gender, given = "male", of.given
            father = names.pick_father(rng, of.group)
            if father == of.father_given:
                return None
        elif kind == "child":
            gender = "male" if rng.random() < 0.75 else "female"
            father = of.given
            birth = add_months(of.birth_date, 12 * rng.randint(20, 35) + rng.randrange(12))
        else:
            if rng.random() < 0.5:  # co-defendants in the same case
                main, part = _parse_cite(of.articles[0])
                days = (
                    (of.verdict_on - of.detained_on).days if of.verdict_on else case.pretrial_days
                )
                case = _Case(
                    case.region,
                    main,
                    part,
                    list(of.articles),
                    of.detained_on,
                    days,
                    case.house_arrest,
                )
            if kind == "sibling":
                gender = "male" if rng.random() < 0.6 else "female"
                father = of.father_given
                birth = add_months(of.birth_date, rng.choice((-1, 1)) * rng.randint(12, 96))
            else:  # spouse
                birth = add_months(of.birth_date, rng.randint(-60, 72))
        if birth is not None:
            if (self.today - birth).days < 17 * 366:
                return None
            if (case.detained_on - birth).days > 84 * 365:
                return None
            if (case.detained_on - birth).days < 16 * 366:
                case.detained_on = min(
                    add_months(birth, 12 * 16 + rng.randrange(12, 120)),
                    self.today - timedelta(days=7),
                )
        return self.person(
            key, group=of.group, gender=gender, surname_pair=pair, given=given, father=father,
            birth=birth, case=case,
        )  # fmt: skip


def _parse_cite(cite: str) -> tuple[Article, Part]:
    number, _, rest = cite.partition("(")
    article = articles()[number]
    part = rest.rstrip(")")
    return article, next(p for p in article.parts.items if p.part == part)


def generate_people(count: int, seed: int = 2026) -> list[DemoPerson]:
    """A deterministic synthetic registry of ``count`` people (the public case first).

    Keys are ``P00001``...; relatives carry ``relation`` (namesake, child, sibling, spouse)
    and ``related_to`` (the other person's key).
    """
    if count <= 0:
        return []
    rng = random.Random(seed)
    gen = _Generator(rng)
    people = [kagarlitsky("P00001")]
    kinds = Weighted.of(list(RELATION_RATES))
    rel_total = sum(r for _, r in RELATION_RATES)
    while len(people) < count:
        key = f"P{len(people) + 1:05d}"
        person = None
        if len(people) > 20 and rng.random() < rel_total:
            kind = kinds.pick(rng)
            of = people[rng.randrange(1, len(people))]
            if of.relation is None:
                person = gen.relative(key, kind, of)
                if person is not None:
                    person.relation, person.related_to = kind, of.key
        people.append(person or gen.person(key))
    return people
