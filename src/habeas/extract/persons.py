"""Grouping name mentions into persons and deciding each person's role."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from habeas.extract.lexicon import LangPatterns
from habeas.extract.model import Mention, Role

_BETWEEN = {
    # «следователь регионального управления ФСБ Максим Дробышев»: the agency after a title
    "ru": r"(?:\s+(?:его|её|ее|их|федеральн\w+|мирово\w+|районн\w+|защиты|обвинения|стороны|по\s+назначению|"
    r"регионально\w+|областно\w+|краево\w+|городско\w+|управлени\w+|отдел\w*|следственно\w+|"
    r"комитет\w*|ФСБ|УФСБ|СК|ГСУ|МВД|ЦПЭ|полиции|прокуратур\w+))*\s*,?\s*",
    "en": r"(?:\s+(?:his|her|their|the|a|an|defen[cs]e|prosecution|key|presiding|federal|state|chief|human[- ]rights))*\s*,?\s*",
}
_AFTER = {
    "ru": r"^\s*,\s*(?:(?:его|её|ее|их|который|которая)\s+)?(?:{roles})",
    "en": r"^\s*,\s*(?:(?:his|her|their|the|a|an|[A-Z]\w+['’]s|defen[cs]e|human[- ]rights|senior|"
    r"junior|chief|lead|leading|former|regional|local|federal|military)\s+)*(?:{roles})",
}
# "A and B", "A, B и C", and with a relation between: "A and her partner B", «A и его жена B»
_COORD = re.compile(
    r"^\s*(?:,|и|and|,\s*and|,\s*и|&)"
    r"(?:\s+(?:his|her|their|его|её|ее|их)(?:\s+[a-zа-яё-]+){1,2})?\s*$"
)


def _key(word: str) -> str:
    return word.lower().replace("ё", "е")


@dataclass(eq=False)
class Person:
    """A cluster of mentions that refer to one person."""

    mentions: list[Mention] = field(default_factory=list)
    role: Role | None = None

    @property
    def best(self) -> Mention:
        """The fullest mention (most name parts; the earliest among equals)."""
        full = [m for m in self.mentions if not m.lone] or self.mentions
        return max(
            full,
            key=lambda m: (
                m.verified,
                len([t for t in m.tokens if not t.endswith(".")]),
                len(m.tokens),
                -m.start,
            ),
        )

    @property
    def surname_key(self) -> str:
        """Lower-case nominative surname."""
        return _key(self.best.surname)

    def name(self) -> str:
        """The normalised name, nominative, as written in its fullest mention."""
        return " ".join(self.best.tokens)


def _same(person: Person, m: Mention) -> bool:
    key = person.surname_key
    if m.lone:
        if key in {_key(v) for v in m.variants} or key == _key(m.surname):
            return True
        return (
            len(key) > 5
            and fuzz.ratio(key, _key(m.surname)) >= 88
            and key[-1] == _key(m.surname)[-1]
        )
    other = _key(m.surname)
    if other == key:
        return _given_ok(person, m)
    if (
        fuzz.ratio(key, other) >= 80
        and key[:2] == other[:2]
        and (key[-1] == "a") == (other[-1] == "a")
    ):
        return _given_ok(person, m, strict=True)
    return False


def _given_ok(person: Person, m: Mention, strict: bool = False) -> bool:
    givens = [_key(x.given) for x in person.mentions if x.given]
    if not givens or not m.given:
        return not strict
    g = _key(m.given)
    return any(x == g or (x[:1] == g[:1] and (x.endswith(".") or g.endswith("."))) for x in givens)


def cluster(mentions: list[Mention]) -> list[Person]:
    """Group mentions: full names first, then lone surnames onto the persons they match.

    A lone surname that matches nobody becomes a person only when a role word precedes
    it ("судья Иванова", "Judge Morozova").
    """
    persons: list[Person] = []
    for m in sorted((m for m in mentions if not m.lone), key=lambda m: m.start):
        target = next((p for p in persons if _same(p, m)), None)
        if target is None:
            persons.append(Person([m]))
        else:
            target.mentions.append(m)
    for m in sorted((m for m in mentions if m.lone), key=lambda m: m.start):
        if any(x.start <= m.start < x.end for p in persons for x in p.mentions):
            continue
        target = next((p for p in persons if _same(p, m)), None)
        if target is not None:
            target.mentions.append(m)
        elif m.role_cue is not None:
            persons.append(Person([m]))
    for p in persons:
        p.mentions.sort(key=lambda m: m.start)
    return persons


def mark_cues(text: str, mentions: list[Mention], pats: LangPatterns) -> None:
    """Set role cues (a role word right before or in apposition after) and speaker flags."""
    lang = pats.lang
    between = _BETWEEN[lang]
    role_rx = {
        role: re.compile(f"(?:{rx.pattern}){between}$", re.I) for role, rx in pats.roles.items()
    }
    after_rx = {
        role: re.compile(_AFTER[lang].format(roles=rx.pattern), re.I)
        for role, rx in pats.roles.items()
    }
    speaker_before = re.compile(f"(?:{pats.cues['speaker'].pattern})\\s*,?\\s*$", re.I)
    speaker_after = re.compile(f"^[\\s,]*(?:{pats.cues['speaker'].pattern})", re.I)
    witness = pats.cues["witness_predicate"]
    client_rx = pats.cues.get("client")
    ordered = sorted(mentions, key=lambda m: m.start)
    for n, m in enumerate(ordered):
        before = text[max(0, m.start - 60) : m.start]
        after = text[m.end : m.end + 60]
        for role, rx in role_rx.items():
            if rx.search(before):
                m.role_cue = role
                break
        else:
            for role, rx in after_rx.items():
                if rx.search(after):
                    m.role_cue = role
                    break
        # «Адвокат осуждённого Валентина Шубина»: a role noun, then the client in the genitive,
        # then a name in the nominative: the name is the lawyer's (a client's name would be
        # in the genitive: «адвокат осуждённого Ивана Петрова»)
        if m.role_cue is Role.DEFENDANT and _nominative(m) and client_rx is not None:
            for role in (Role.LAWYER, Role.OFFICIAL):
                if role in pats.roles and re.search(
                    f"(?:{pats.roles[role].pattern})\\s+(?:{client_rx.pattern})\\s*,?\\s*$",
                    before,
                    re.I,
                ):
                    m.role_cue = role
                    break
        # "адвокат Петрова Мария Зуева": the cue belongs to the second name
        nxt = ordered[n + 1] if n + 1 < len(ordered) else None
        if m.role_cue and nxt and text[m.end : nxt.start].strip() == "" and not nxt.lone:
            nxt.role_cue, m.role_cue = m.role_cue, None
        m.speaker = bool(speaker_before.search(before[-25:]) or speaker_after.search(after[:25]))
        # "A neighbour, Gennady Lobov, who had reported …, testified against her": a witness
        # predicate in the name's clause (before the next name or the sentence's end) makes
        # the person a witness, also over an official's title ("Police officer X testified")
        if m.role_cue in (None, Role.OFFICIAL):
            stop = min(
                [len(after) + 80]
                + [x.start - m.end for x in ordered[n + 1 : n + 2]]
                + [i for i in (text.find(". ", m.end, m.end + 140) - m.end,) if i >= 0]
            )
            if witness.search(text[m.end : m.end + min(stop, 140)]):
                m.role_cue = Role.WITNESS


def _nominative(m: Mention) -> bool:
    """True when the name is written in the nominative (its words are its nominative forms)."""
    written = m.surface.lower().replace("ё", "е").split()
    return written == [t.lower().replace("ё", "е") for t in m.tokens]


def mark_defendants(
    text: str, start: int, end: int, mentions: list[Mention], pats: LangPatterns, terms: list[int]
) -> None:
    """Give each defendant cue in the sentence to the nearest unlabelled name (and the
    names coordinated with it: "Иванов и Петров"); a sentence term (at the offsets in
    ``terms``) marks the nearest unlabelled name before it ("Петров — 5 лет")."""
    free = [m for m in mentions if m.role_cue is None and not m.speaker]
    if not free:
        return
    for pos in terms:
        before = [m for m in free if m.end <= pos]
        if before:
            # "Sharipov and Mukhametov were given three years … each": the names coordinated
            # with the nearest one are sentenced too
            for m in coordinated(text, free, max(before, key=lambda m: m.end)):
                m.defendant_cue = True
    sent = text[start:end]
    for cue in pats.cues["defendant"].finditer(sent):
        pos = start + cue.start()
        nearest = min(free, key=lambda m: min(abs(m.start - pos), abs(m.end - pos)))
        for m in coordinated(text, free, nearest):
            m.defendant_cue = True


def coordinated(text: str, mentions: list[Mention], anchor: Mention) -> list[Mention]:
    """``anchor`` plus the mentions joined to it by commas or "и"/"and"."""
    ordered = sorted(mentions, key=lambda m: m.start)
    idx = ordered.index(anchor)
    lo = hi = idx
    while lo > 0 and _COORD.match(text[ordered[lo - 1].end : ordered[lo].start]):
        lo -= 1
    while hi + 1 < len(ordered) and _COORD.match(text[ordered[hi].end : ordered[hi + 1].start]):
        hi += 1
    return ordered[lo : hi + 1]


def decide_role(person: Person) -> Role | None:
    """Role from the cues of a person's mentions (see the module docs for the order)."""
    strong = Counter(m.role_cue for m in person.mentions if m.role_cue and not m.lone)
    weak = Counter(m.role_cue for m in person.mentions if m.role_cue and m.lone)
    defendant = any(m.defendant_cue for m in person.mentions)
    if strong:
        return strong.most_common(1)[0][0]
    if defendant:
        return Role.DEFENDANT
    if weak:
        return weak.most_common(1)[0][0]
    return None
