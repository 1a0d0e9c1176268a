"""Reconciling an announcement with the registry (and a release list).

Given a list of names or free text in Russian, English or German, every person mention is
found (Russian and English by :mod:`habeas.extract`'s mention finders, German and missed
English names by :mod:`habeas.lists.latin`, lists by :func:`habeas.lists.announce.read_names`),
mentions of one person are grouped (a lone «Кригера» joins «Рико Кригер» when their
surnames share a search key), each person is looked up through the injected ``search``
callable (the registry search; this module stays Django-free), and classified:

* **matched** — exactly one registry person scores at least :data:`MATCH` (or one is
  ahead of the next by :data:`MARGIN`); the evidence is the matched name and the
  comparison's explanation;
* **ambiguous** — several persons score alike (namesakes), a candidate scores between
  :data:`CANDIDATE` and :data:`MATCH`, or only a surname was named: the candidates are
  listed for a person to choose;
* **unknown** — no registry person is close: not in the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from habeas.lists.announce import detect_lang, find_totals, read_names
from habeas.lists.latin import LatinFinder
from habeas.names import search_keys

Search = Callable[[str], list[dict[str, Any]]]
SurnameKnown = Callable[[str], bool]

MATCH = 0.8
CANDIDATE = 0.6
MARGIN = 0.1
MAX_CANDIDATES = 5


@dataclass
class Found:
    """A mention before matching: where, the words to search, and its surname."""

    start: int
    end: int
    text: str
    query: str
    surname_forms: tuple[str, ...]
    lone: bool


@dataclass
class Group:
    """The mentions of one person in the text, and the registry's verdict on them."""

    mentions: list[Found] = field(default_factory=list)
    status: str = "unknown"
    person_id: int | None = None
    score: float = 0.0
    candidates: list[dict[str, Any]] = field(default_factory=list)
    evidence: dict[str, Any] | None = None

    @property
    def lead(self) -> Found:
        """The fullest mention (a full name before a lone surname)."""
        return next((m for m in self.mentions if not m.lone), self.mentions[0])


def _s_keys(words: Iterable[str]) -> set[str]:
    return {k for w in words for k in search_keys(w) if k.startswith("s:")}


def find_mentions(text: str, lang: str, surname_known: SurnameKnown | None = None) -> list[Found]:
    """Every person mention in free text of language ``lang`` (ru, en, de)."""
    found: list[Found] = []
    if lang == "ru":
        from habeas.extract.persons_ru import find_mentions_ru

        for m in find_mentions_ru(text):
            forms = tuple(sorted(m.variants)) if m.lone else (m.surname,)
            found.append(
                Found(m.start, m.end, text[m.start : m.end], " ".join(m.tokens), forms, m.lone)
            )
    if lang == "en":
        from habeas.extract.persons_en import find_mentions_en

        for m in find_mentions_en(text):
            found.append(
                Found(
                    m.start, m.end, text[m.start : m.end], " ".join(m.tokens), (m.surname,), m.lone
                )
            )
    if lang in ("en", "de"):
        taken = [(f.start, f.end) for f in found if not f.lone]
        for m in LatinFinder(surname_known, lang).find(text):
            if any(s < m.end and m.start < e for s, e in taken):
                continue
            found = [f for f in found if not (f.lone and f.start < m.end and m.start < f.end)]
            found.append(
                Found(
                    m.start, m.end, text[m.start : m.end], " ".join(m.words), (m.surname,), m.lone
                )
            )
    found.sort(key=lambda f: f.start)
    return found


def group_mentions(found: list[Found], surname_known: SurnameKnown | None = None) -> list[Group]:
    """Mentions grouped into persons: a full name starts a group (the same full name joins
    it); a lone surname joins the nearest earlier (else later) full name with the same
    surname key; other lone surnames stay only when the registry knows them."""
    groups: list[Group] = []
    by_query: dict[str, Group] = {}
    keys: list[tuple[set[str], Group, int]] = []
    for f in found:
        if f.lone:
            continue
        norm = " ".join(f.query.casefold().replace("ё", "е").split())
        group = by_query.get(norm)
        if group is None:
            group = by_query[norm] = Group()
            groups.append(group)
        group.mentions.append(f)
        keys.append((_s_keys((f.query, *f.surname_forms)), group, f.start))
    lone_groups: dict[frozenset[str], Group] = {}
    for f in found:
        if not f.lone:
            continue
        mine = _s_keys(f.surname_forms)
        owners = [
            (abs(f.start - at) + (0 if at < f.start else 10**6), g) for k, g, at in keys if k & mine
        ]
        if owners:
            min(owners, key=lambda o: o[0])[1].mentions.append(f)
            continue
        if surname_known is not None and not any(surname_known(w) for w in f.surname_forms):
            continue
        key = frozenset(mine) or frozenset(f.surname_forms)
        if key not in lone_groups:
            lone_groups[key] = Group()
            groups.append(lone_groups[key])
        lone_groups[key].mentions.append(f)
    for g in groups:
        g.mentions.sort(key=lambda m: m.start)
    groups.sort(key=lambda g: g.mentions[0].start)
    return groups


def _candidate(hit: dict[str, Any]) -> dict[str, Any]:
    return {
        "person_id": hit["person_id"],
        "name": hit.get("name"),
        "name_latin": hit.get("name_latin"),
        "score": round(float(hit["score"]), 4),
        "matched_name": hit.get("matched_name"),
    }


def classify(group: Group, search: Search) -> None:
    """Look the group's person up and set its status, person, score and candidates."""
    lead = group.lead
    queries = [lead.query] if not lead.lone else list(dict.fromkeys(lead.surname_forms))
    best: dict[int, dict[str, Any]] = {}
    for q in queries:
        for hit in search(q):
            if hit["person_id"] not in best or hit["score"] > best[hit["person_id"]]["score"]:
                best[hit["person_id"]] = hit
    hits = sorted(best.values(), key=lambda h: (-h["score"], h["person_id"]))
    close = [h for h in hits if h["score"] >= CANDIDATE]
    group.candidates = [_candidate(h) for h in close[:MAX_CANDIDATES]]
    strong = [h for h in close if h["score"] >= MATCH]
    if not close:
        group.status = "unknown"
        group.candidates = []
        return
    top = close[0]
    group.score = round(float(top["score"]), 4)
    unique = len(strong) == 1 or (
        len(strong) > 1 and strong[0]["score"] - strong[1]["score"] >= MARGIN
    )
    if strong and unique and not lead.lone:
        group.status, group.person_id = "matched", top["person_id"]
        group.evidence = {
            "query": lead.query,
            "matched_name": top.get("matched_name"),
            "explanation": top.get("explanation"),
            "mentions": [m.text for m in group.mentions],
        }
    else:
        group.status = "ambiguous"
        group.evidence = {
            "query": lead.query,
            "why": "surname only"
            if lead.lone
            else "namesakes"
            if len(strong) > 1
            else "weak match",
        }


def reconcile(
    text: str,
    search: Search,
    *,
    lang: str = "auto",
    surname_known: SurnameKnown | None = None,
    listed: dict[int, str] | None = None,
) -> dict[str, Any]:
    """Reconcile an announcement: its mentions, each matched, ambiguous or unknown; the
    totals it states and whether they agree with the persons named; and, with ``listed``
    (person id → name of the persons on a release list), who on the list is named.
    """
    names = read_names(text)
    if lang not in ("ru", "en", "de"):
        lang = detect_lang(text)
    if names is not None:
        found = [Found(n.start, n.end, n.text, n.text, (n.text,), False) for n in names]
        groups = [Group(mentions=[f]) for f in found]
        mode = "names"
    else:
        found = find_mentions(text, lang, surname_known)
        groups = group_mentions(found, surname_known)
        mode = "text"
    for g in groups:
        classify(g, search)
    mentions = []
    for gi, g in enumerate(groups):
        for m in g.mentions:
            mentions.append(
                {
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                    "status": g.status,
                    "person_id": g.person_id,
                    "score": g.score,
                    "candidates": g.candidates,
                    "group": gi,
                    "evidence": g.evidence,
                }
            )
    mentions.sort(key=lambda m: m["start"])
    named = len(groups)
    totals = [
        {
            "text": t.text,
            "start": t.start,
            "end": t.end,
            "value": t.value,
            "persons_named": named,
            "agrees": t.value == named,
        }
        for t in find_totals(text, lang)
    ]
    counts = {
        s: sum(1 for g in groups if g.status == s) for s in ("matched", "ambiguous", "unknown")
    }
    result: dict[str, Any] = {
        "lang": lang,
        "mode": mode,
        "persons_named": named,
        "counts": counts,
        "mentions": mentions,
        "totals_stated": totals,
        "totals_disagree": [t for t in totals if not t["agrees"]],
    }
    if listed is not None:
        result |= _listed(groups, listed)
    return result


def _listed(groups: list[Group], listed: dict[int, str]) -> dict[str, Any]:
    matched = {g.person_id: g for g in groups if g.status == "matched"}
    maybe = {c["person_id"] for g in groups if g.status == "ambiguous" for c in g.candidates}
    named, not_named = [], []
    for pid, name in listed.items():
        if pid in matched:
            named.append(
                {
                    "person_id": pid,
                    "name": name,
                    "mentions": [m.text for m in matched[pid].mentions],
                }
            )
        else:
            not_named.append({"person_id": pid, "name": name, "possibly_named": pid in maybe})
    return {"listed_named": named, "listed_not_named": not_named}
