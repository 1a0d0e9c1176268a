"""Attaching the facts of each sentence to the defendants they are about.

``FactAttacher`` walks a text sentence by sentence: a fact goes to the nearest defendant
named before it in the sentence (or after it, if none before), to every defendant of a
sentence that says "both", "each" or "respectively", or else to the defendants of the last
sentence that named any. ``apply_fact`` records one fact on one person, keeping the first
value of a field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import product

from habeas.extract.facts import Fact
from habeas.extract.lead import carried
from habeas.extract.lexicon import LangPatterns
from habeas.extract.model import Mention, PersonCandidate, Role, Span
from habeas.extract.persons import Person, coordinated

_RESPECTIVELY = re.compile(r"соответственно|respectively", re.I)
_PLURAL_PRONOUN = re.compile(r"(?<!\w)(?:им|их|они|them|they|their)(?!\w)", re.I)
_SINGULAR = re.compile(r"\s*(?:он|она|его|её|ее|ему|ей|he|she|his|her|him)\b", re.I)
# "also", «также»: a fact added to what was told before
ALSO = re.compile(
    r"(?<!\w)(?:также|тоже|дополнительно|кроме\s+того|ещё\s+и|еще\s+и|also|additionally|"
    r"in\s+addition|as\s+well)(?!\w)",
    re.I,
)


def apply_fact(cand: PersonCandidate, fact: Fact) -> None:
    """Record ``fact`` on ``cand`` with its evidence span. A field already set keeps its
    first value (a second, different term is not taken); articles and changes accumulate."""
    v = fact.value
    kind = fact.kind
    s = cand.sentence
    if kind == "article":
        if v not in cand.articles:
            cand.articles.append(v)
    elif kind == "term":
        if s.years is None and s.months is None:
            s.years, s.months = v.years, v.months
        elif (s.years, s.months) != (v.years, v.months):
            return
    elif kind == "regime":
        if s.regime is not None:
            return
        s.regime = v
    elif kind == "fine":
        if s.fine is not None:
            return
        s.fine = v
    elif kind == "suspended":
        s.suspended = True
    elif kind == "in_absentia":
        s.in_absentia = True
    elif kind == "change":
        if any(
            c.kind == v.kind and (c.years, c.months) == (v.years, v.months) for c in cand.changes
        ):
            return
        cand.changes.append(v)
    elif kind == "date":
        dkind, value = v
        if cand.dates.get(dkind) is not None:
            return
        cand.dates[dkind] = value
        kind = f"dates.{dkind}"
    elif kind in ("court", "facility"):
        if getattr(cand, kind) is not None:
            return
        setattr(cand, kind, v)
    elif kind == "appeal_court" and "appeal_court" in cand.spans:
        return
    cand.add_span(
        "sentence" if kind in ("term", "regime", "fine", "suspended", "in_absentia") else kind,
        fact.span,
    )


class FactAttacher:
    """The state of attaching facts while a text is read sentence by sentence: the
    defendants seen and in focus, facts waiting for a defendant, terms told
    "respectively" before the names, a lead's verdict of someone not yet named."""

    def __init__(
        self,
        text: str,
        persons: list[Person],
        cands: dict[int, PersonCandidate],
        pats: LangPatterns,
    ) -> None:
        self.text = text
        self.each = pats.cues["each"]
        self.all_defendants = pats.cues["all_defendants"]
        self.seen: list[Person] = []
        self.owner = {id(m): p for p in persons for m in p.mentions}
        self.cands = cands
        self.focus: list[Person] = []
        self.pending: list[Fact] = []
        self.respective: list[Fact] = []
        self.dead = False  # the last name told was one in passing: unnamed facts are his
        self.carry: list[Fact] = []  # a lead verdict of an unnamed person (``unnamed_object``)
        self.carry_all = False  # the lead's object was counted ("three journalists")

    def sentence(
        self,
        mentions: list[Mention],
        facts: list[Fact],
        same_offence: Sequence[Span] = (),
        start: int = 0,
        end: int | None = None,
    ) -> None:
        """Attach the facts of the sentence starting at ``start``; ``same_offence`` are the
        spans of "for the same offence" cues in it."""
        # "Demin's brother Pavel Demin was also charged with treason": the facts are the
        # brother's, not Demin's
        defs = [m for m in mentions if self._is_def(m) and not m.kin_of]
        if defs or any(not m.passing for m in mentions):
            self.dead = False
        elif self.dead:
            return
        previous = list(self.focus)
        terms = [f for f in facts if f.kind == "term"]
        # round 14: to the sentence's end («к шести и двум с половиной годам лишения свободы
        # соответственно»)
        respectively = len(terms) > 1 and _RESPECTIVELY.search(
            self.text[facts[0].start : max(facts[-1].span[1] + 30, end or 0)] if facts else ""
        )
        named = list(dict.fromkeys(self.owner[id(m)] for m in sorted(defs, key=lambda m: m.start)))
        if self.respective and len(named) == len(self.respective):
            # "… sentenced three men to 15, 13 and 9 years respectively. A, B and C were
            # found guilty …": the terms of a sentence naming nobody, in the order of the
            # defendants named in the next one
            for person, f in zip(named, self.respective, strict=True):
                apply_fact(self.cands[id(person)], f)
        if defs:
            self.respective = []
        if respectively and len(defs) == len(terms):
            for m, f in zip(sorted(defs, key=lambda m: m.start), terms, strict=True):
                apply_fact(self.cands[id(self.owner[id(m)])], f)
            facts = [f for f in facts if f.kind != "term"]
            regimes = [f for f in facts if f.kind == "regime"]
            if len(regimes) == len(defs) and len({f.value for f in regimes}) > 1:
                # round 13: "to 12 and 15 years in a general-regime and a strict-regime
                # colony, respectively": the regimes pair in order too
                for m, f in zip(sorted(defs, key=lambda m: m.start), regimes, strict=True):
                    apply_fact(self.cands[id(self.owner[id(m)])], f)
                facts = [f for f in facts if f.kind != "regime"]
        elif respectively and not defs and (group := self._told_group(start, terms)):
            # round 15: «Судья назначила им 3 года, 2,5 года и 2 года 4 месяца …
            # соответственно» after the names: the terms pair with the defendants told last
            # (round 17: "The four were sentenced to …, respectively": with every defendant)
            for person, f in zip(group, terms, strict=True):
                apply_fact(self.cands[id(person)], f)
            facts = [f for f in facts if f.kind != "term"]
        elif respectively and not defs:
            self.respective = terms
            facts = [f for f in facts if f.kind != "term"]
        everyone = list(
            dict.fromkeys(self.owner[id(m)] for m in sorted(defs, key=lambda m: m.start))
        )
        # "both"/"each" covers the facts after it, or just before it ("100,000 roubles
        # each"), not a fact of an earlier clause ("A got 17 years in a strict-regime colony,
        # while B and C each received 13 years")
        window = max(start, facts[0].start - 200) if facts else start
        both_at = [
            window + m.start()
            for m in self.each.finditer(
                # not into the next sentence («…колонии общего режима. Обоих признали…»)
                self.text[window : min(facts[-1].span[1] + 20, end or len(self.text))]
                if facts
                else ""
            )
        ]
        if not defs and facts and self.all_defendants.search(self.text[start : facts[0].start]):
            # "All three will serve their sentences in general-regime colonies."
            self.focus = list(self.seen)
        sent_start = min((f.start for f in facts), default=0)
        if (
            not defs
            and len(self.focus) > 1
            and _SINGULAR.match(self.text[max(0, sent_start - 120) : sent_start].split(".")[-1])
        ):
            self.focus = self.focus[-1:]
        one_offence = len({f.value for f in facts if f.kind == "article"}) == 1
        for fact in facts:
            gendered = self._gendered(fact, everyone or self.focus)
            if gendered is not None:
                # "3 years 2 months for her and 2 years 6 months for him": the pronoun after
                # the term names whose it is
                apply_fact(self.cands[id(gendered)], fact)
                continue
            if (
                fact.kind == "article"
                and one_offence
                and len(everyone) > 1
                and all(m.end <= fact.start for m in defs)
                # «…, Галиеву, которому также вменили насилие (ст. 318)»: his own, added
                and not ALSO.search(
                    self.text[max((m.end for m in defs), default=start) : fact.start]
                )
                or any(pos < fact.span[1] + 12 for pos in both_at)
                and defs
                and fact.kind != "term"
                or defs
                and fact.kind != "term"
                and all(m.start > fact.start for m in defs)
            ):
                targets = everyone
            else:
                targets = self._targets(defs, fact) or self.focus
            if not targets:
                self.pending.append(fact)
            for person in targets:
                apply_fact(self.cands[id(person)], fact)
        for span in same_offence:
            self._same_offence(defs, span, previous)
        if self.carry and named:
            # "A court sentenced a 70-year-old physicist to 12 years … The City Court convicted
            # X on Thursday …": the unnamed person's verdict is that of the first defendant
            # named after it (after the facts of that sentence, which come first)
            for person, f in carried(self.carry, named, self.carry_all):
                apply_fact(self.cands[id(person)], f)
            self.carry = []
        if defs:
            self.focus = everyone
            self.seen.extend(p for p in everyone if p not in self.seen)

    def _told_group(self, start: int, terms: list[Fact]) -> list[Person]:
        """The defendants a sentence naming nobody gives its terms to "respectively": those
        told last after a plural pronoun («назначила им …»), every one so far after an
        all-defendants cue ("The four were sentenced to …"); empty unless as many as the
        terms."""
        if len(terms) < 2:
            return []
        before = self.text[start : terms[0].start]
        if len(self.focus) == len(terms) and _PLURAL_PRONOUN.search(before):
            return list(self.focus)
        if len(self.seen) == len(terms) and self.all_defendants.search(before):
            return list(self.seen)
        return []

    def _same_offence(self, defs: list[Mention], span: Span, previous: list[Person]) -> None:
        """ "B got three years for the same offence": B gets the articles of the defendant
        named before B (in the sentence, else in the sentences before); round 17: so do the
        names coordinated with B ("B and C, convicted of the same charge")."""
        before = sorted((m for m in defs if m.end <= span[0]), key=lambda m: m.start)
        if not before:
            return
        group = coordinated(self.text, before, before[-1])
        targets = list(dict.fromkeys(self.owner[id(m)] for m in group))
        sources = [self.owner[id(m)] for m in reversed(before)] + list(reversed(previous))
        for person in sources:
            if person in targets:
                continue
            articles = self.cands[id(person)].articles
            if articles:
                for target, article in product(targets, articles):
                    apply_fact(self.cands[id(target)], Fact("article", span, article))
                return

    def _gendered(self, fact: Fact, people: list[Person]) -> Person | None:
        """The one person of ``people`` whose gender the pronoun right after a term gives
        ("… for her", «… для него»), else None; round 17: the one defendant so far of the
        gender of a spouse named right before a term or regime («Роман X будет отбывать
        наказание в колонии строгого режима, его жена — в колонии общего режима»)."""
        spouse = _SPOUSE_BEFORE.search(self.text, max(0, fact.start - 40), fact.start)
        if spouse is not None and fact.kind in ("term", "regime"):
            female = spouse.group("f") is not None
            match = [p for p in self.seen if is_female(p) is female]
            return match[0] if len(match) == 1 and len(self.seen) > 1 else None
        if fact.kind != "term" or len(people) < 2:
            return None
        m = _FOR_PRONOUN.match(self.text, fact.span[1])
        if m is None:
            return None
        female = m.group(1).lower() in ("her", "неё", "нее", "ней")
        match = [p for p in people if is_female(p) is female]
        return match[0] if len(match) == 1 else None

    def _is_def(self, m: Mention) -> bool:
        person = self.owner.get(id(m))
        return person is not None and person.role is Role.DEFENDANT

    def _targets(self, defs: list[Mention], fact: Fact) -> list[Person]:
        if not defs:
            return []
        before = [m for m in defs if m.end <= fact.start]
        anchor = max(before, key=lambda m: m.end) if before else min(defs, key=lambda m: m.start)
        return list(dict.fromkeys(self.owner[id(m)] for m in coordinated(self.text, defs, anchor)))


# «…, его жена — в колонии общего режима», "and his wife to two years in a general-regime
# colony": a spouse told by the kin word alone, then the elided verdict
_SPOUSE_BEFORE = re.compile(
    r"(?:,|;|\sи|\sа|\sand|\swhile)\s+(?:его|её|ее|his|her)\s+(?:(?P<f>жена|супруга|wife)|"
    r"(?P<m>муж|супруг|husband))\s*(?:[—–-]\s*)?(?:(?:в|во|к|to|in)\s+)?(?:[\w-]+\s+){0,3}?$",
    re.I,
)
_FOR_PRONOUN = re.compile(r"\s+(?:for|для)\s+(him|her|него|неё|нее|ней)\b", re.I)
_MALE_IN_A = frozenset(
    {"nikita", "ilya", "foma", "kuzma", "luka", "savva", "никита", "илья", "фома"}
)


def is_female(person: Person) -> bool:
    """A person's gender read off the name: a feminine surname ending (-ova, -ina, -aya, «-ова»,
    «-ая») or, failing one, a given name ending in -a/-ya («-а», «-я») that is not a man's."""
    best = person.best
    surname = best.surname.lower()
    if re.search(r"(?:ova|eva|yova|ina|yna|aya|ая|ова|ева|ёва|ина|ына)$", surname):
        return True
    if re.search(r"(?:ov|ev|in|yn|sky|skiy|ий|ой|ов|ев|ин|ын)$", surname):
        return False
    given = best.given.lower()
    return bool(given) and given not in _MALE_IN_A and given.endswith(("a", "ya", "а", "я"))
