"""Round 16: the gender of a Russian name from the whole text.

«Евгения Тарасова» is a woman in the nominative or a man in the genitive or accusative; a
lone «Тарасову» is a man's dative or a woman's accusative. Each mention of a name has the
readings (gender, case) its words verify in (``readings.verified_readings``); the words
around it narrow them:

- a word agreeing with it: an adjective or participle right before («58-летнего», «29-летней
  художнице»), a past-tense verb or short participle right after («Тарасов признал»,
  «Тарасова задержана»: the nominative), a predicate adjective after («признал Тарасова
  виновным»), a participle or «который» after a comma («Роману Шипицыну, осуждённому»);
- a feminine noun right before («активистку Анну»);
- the case the word before governs (a preposition, «приговорил», a person noun in the dative,
  instrumental or locative, «соседу»; not another noun's, whose name may be in apposition or
  its possessor), or a plural verb right after a lone surname («Шипицына задержали»: the
  object);
- a personal pronoun opening the next sentence («… Рената Сабирова. Ему вменяют …»);

each constraint applied only when some reading survives it. Mentions that may name the same
person (a surname and a given name that may be the same nominative) are grouped; a lone
surname (any capitalised word that is a case form of the group's surname) counts for a group
only when it may belong to no other group. When the mentions of
a group that narrow to one gender all narrow to the same one, every full name of the group
is read again in that gender (``readings.read_name``), preferring a surname's nominative the
text writes («Ланской»); with no such evidence the reading stays as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from habeas.extract.lexicon import patterns
from habeas.extract.model import Mention
from habeas.extract.nominative import morph_parses, surname_variants
from habeas.extract.readings import GOVERNING, part_nominatives, read_name, verified_readings

Reading = tuple[str, str]  # (gender, case)
CaseHint = Callable[[str, int], frozenset[str]]  # the cases allowed at a position of a text

_GENDERS = ("masc", "femn")
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

_WORD_BEFORE = re.compile(r"(?:^|[^\w-])([\w-]+)\s*$")
_WORD_AFTER = re.compile(r"\s*(,)?\s*([а-яё]+)\b")
_AND_BEFORE = re.compile(r"(?:,|\bи)\s*$")
_OBJECT_VERB = patterns("ru").cues["object_verb"]
# the name last in its sentence and a personal pronoun opening the next («… Михаила Горбаня.
# Ему вменяют …», «… Оксана Дружинина. Она просила …»)
_NEXT_PRONOUN = re.compile(r"[^.!?А-ЯЁ]{0,80}[.!?]\s+(Он|Она|Его|Её|Ее|Ему|Ей)\b")
_PRONOUNS = {"он": "masc", "его": "masc", "ему": "masc", "она": "femn", "ее": "femn", "ей": "femn"}
_CAPITALISED = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+(?![\w-])")


def _low(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=16384)
def _agreeing(word: str, tags: frozenset[str]) -> frozenset[Reading]:
    """The (gender, case) pairs a singular word of one of the parts of speech ``tags``
    agrees with («осуждённому» → masculine dative; neuter forms count as masculine)."""
    out: set[Reading] = set()
    for p in morph_parses(word):
        if p.tag.POS not in tags or "sing" not in p.tag or not p.tag.case:
            continue
        gender = "femn" if "femn" in p.tag else "masc" if {"masc", "neut"} & p.tag.grammemes else ""
        case = str(p.tag.case)
        if gender and case in _CASES:
            out.add((gender, case))
    return frozenset(out)


@lru_cache(maxsize=16384)
def _gender_of(word: str, tags: frozenset[str]) -> str:
    """The one gender a singular word of ``tags`` shows («признал», «задержана»), or ""."""
    shown = {
        str(p.tag.gender)
        for p in morph_parses(word)
        if p.tag.POS in tags and "sing" in p.tag and p.tag.gender in ("masc", "femn")
    }
    return shown.pop() if len(shown) == 1 else ""


@lru_cache(maxsize=16384)
def _instrumental_gender(word: str) -> str:
    """The gender of an adjective in the instrumental singular («виновным», «виновной»): the
    predicate of «признал Тарасова виновным»."""
    shown = {
        "femn" if "femn" in p.tag else "masc"
        for p in morph_parses(word)
        if p.tag.POS in _ADJECTIVES and p.tag.case == "ablt" and "sing" in p.tag
    }
    return shown.pop() if len(shown) == 1 else ""


def _first_tag(word: str) -> Any:
    """The likeliest parse's tag of ``word``, or None."""
    parses = morph_parses(word)
    return parses[0].tag if parses else None


@lru_cache(maxsize=16384)
def _plural_past(word: str) -> bool:
    tag = _first_tag(word)
    return tag is not None and tag.POS == "VERB" and "past" in tag and "plur" in tag


@lru_cache(maxsize=16384)
def _feminine_noun(word: str) -> frozenset[Reading]:
    """«активистку», «жительнице»: an animate feminine noun in the singular, its case (a
    name after it may also be its possessor, in the genitive)."""
    tag = _first_tag(word)
    if tag is None or tag.POS != "NOUN" or not {"anim", "femn", "sing"} <= tag.grammemes:
        return frozenset()
    if {"Name", "Surn", "Patr"} & tag.grammemes:
        return frozenset()
    return frozenset({("femn", str(tag.case))} | {(g, "gent") for g in _GENDERS})


_ADJECTIVES = frozenset({"ADJF", "PRTF"})
_PREDICATES = frozenset({"VERB", "PRTS", "ADJS"})


def _after(text: str, m: Mention) -> frozenset[Reading]:
    """What the word right after ``m`` allows: a participle or «который» after a comma, a
    past-tense verb or short participle (the name is its subject, or a possessor after a
    noun: «Жена Зекиряева рассказала»), a predicate adjective, a plural verb after a lone
    surname (its object)."""
    after = _WORD_AFTER.match(text, m.end)
    if after is None:
        return frozenset()
    comma, word = after.group(1), _low(after.group(2))
    if comma:
        if word.startswith("котор"):
            return _by_gender(_gender_of(word, _ADJECTIVES))
        return _agreeing(word, _ADJECTIVES)
    if gender := _gender_of(word, _PREDICATES):
        possessor = _noun_before(text, m.start)
        return frozenset({(gender, "nomn")} | {(g, "gent") for g in _GENDERS if possessor})
    if gender := _instrumental_gender(word):
        return _by_gender(gender)
    if m.lone and _plural_past(word) and not _AND_BEFORE.search(text, 0, m.start):
        return frozenset((g, "accs") for g in _GENDERS)
    return frozenset()


def _constraints(text: str, m: Mention) -> list[frozenset[Reading]]:
    """The readings the words around ``m`` allow, the surest first."""
    out = [_after(text, m)]
    before = _WORD_BEFORE.search(text, max(0, m.start - 40), m.start)
    word = _low(before.group(1)) if before is not None else ""
    if before is not None and not before.group(1)[:1].isupper():
        # «58-летнего», «осуждённому»: an adjective or participle right before
        out.append(_agreeing(word, _ADJECTIVES) | _agreeing(word.rsplit("-", 1)[-1], _ADJECTIVES))
        out.append(_feminine_noun(word))
    if m.hint and (word in GOVERNING or _OBJECT_VERB.fullmatch(word) or _oblique_person(word)):
        # a preposition's or a verdict verb's case, or an animate noun's in the dative,
        # instrumental or locative («соседу Ильмию Ибраимову»); after another noun the name
        # may be in apposition or a possessor («адвокат по назначению Оксана …»), which only
        # orders the readings
        out.append(frozenset((g, c) for g in _GENDERS for c in m.hint))
    pronoun = _NEXT_PRONOUN.match(text, m.end)
    if pronoun is not None:
        out.append(_by_gender(_PRONOUNS[_low(pronoun.group(1))]))
    return [c for c in out if c]


@lru_cache(maxsize=16384)
def _oblique_person(word: str) -> bool:
    """«соседу», «жителю»: an animate common noun in the dative, instrumental or locative."""
    tag = _first_tag(word)
    return (
        tag is not None
        and tag.POS == "NOUN"
        and "anim" in tag
        and tag.case in ("datv", "ablt", "loct")
        and not {"Name", "Surn", "Patr"} & tag.grammemes
    )


def _noun_before(text: str, start: int) -> bool:
    """True when a common noun stands right before ``start`` («Жена», «адвокат»)."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    tag = _first_tag(_low(before.group(1))) if before is not None else None
    return (
        tag is not None
        and tag.POS == "NOUN"
        and not {"Name", "Surn", "Patr", "Geox"} & tag.grammemes
    )


def _by_gender(gender: str) -> frozenset[Reading]:
    return frozenset((gender, c) for c in _CASES) if gender else frozenset()


def narrowed(text: str, m: Mention) -> frozenset[Reading]:
    """The readings of mention ``m`` its words verify in and its context allows."""
    words = tuple(m.surface.split())
    roles = m.roles or (("surname",) if m.lone and len(words) == 1 else None)
    if roles is None or len(roles) != len(words):
        return frozenset()
    left = verified_readings(words, roles)
    for allowed in _constraints(text, m):
        if left & allowed:
            left &= allowed
    return left


def _genders(readings: Iterable[Reading]) -> frozenset[str]:
    return frozenset(g for g, _c in readings)


def _names(m: Mention, role: str) -> frozenset[str]:
    """Every nominative the mention's ``role`` part («surname», «given») may have."""
    words = tuple(m.surface.split())
    roles = m.roles or ("surname",)
    if len(roles) != len(words):
        return frozenset()
    found = frozenset(
        n for w, r in zip(words, roles, strict=True) if r == role for n in part_nominatives(w, r)
    )
    return found | m.variants if m.lone else found


def _groups(full: list[Mention]) -> list[list[Mention]]:
    """Full names that may name one person: a surname and a given name in common."""
    groups: list[tuple[set[str], set[str], list[Mention]]] = []
    for m in full:
        surnames, givens = set(_names(m, "surname")), set(_names(m, "given"))
        for g_surnames, g_givens, members in groups:
            if g_surnames & surnames and g_givens & givens:
                g_surnames |= surnames
                g_givens |= givens
                members.append(m)
                break
        else:
            groups.append((surnames, givens, [m]))
    return [members for _s, _g, members in groups]


def _lone_words(
    text: str, mentions: list[Mention], surnames: frozenset[str], hint: CaseHint
) -> list[Mention]:
    """The lone surnames of ``mentions`` and, as evidence only, every other capitalised word
    outside them that is a case form of one of ``surnames`` («Абдураимов признал …»)."""
    out = [m for m in mentions if m.lone]
    taken = [range(m.start, m.end) for m in mentions]
    for w in _CAPITALISED.finditer(text):
        if any(w.start() in r for r in taken) or not surname_variants(w.group()) & surnames:
            continue
        m = Mention(w.start(), w.end(), w.group(), (w.group(),), w.group(), "", lone=True)
        m.variants = surname_variants(w.group())
        m.hint = hint(text, w.start())
        out.append(m)
    return out


def settle_genders(text: str, mentions: list[Mention], hint: CaseHint) -> None:
    """Read the full names of ``mentions`` again in the gender the whole text gives their
    person (see the module docs); a name stays as it is without evidence. ``hint`` gives the
    cases the word before a position allows (for lone surnames found here)."""
    full = [m for m in mentions if not m.lone and m.roles and m.verified]
    if not full:
        return
    groups = _groups(full)
    surnames = [frozenset().union(*(_names(m, "surname") for m in g)) for g in groups]
    lone_of: list[list[Mention]] = [[] for _ in groups]
    seen_by: list[list[Mention]] = [[] for _ in groups]
    for m in _lone_words(text, mentions, frozenset().union(*surnames), hint):
        owners = [i for i, s in enumerate(surnames) if s & (m.variants | {_low(m.surface)})]
        for i in owners:
            seen_by[i].append(m)
        if len(owners) == 1:
            lone_of[owners[0]].append(m)
    written = frozenset(_low(w) for w in _CAPITALISED.findall(text))
    for index, (group, lone, seen) in enumerate(zip(groups, lone_of, seen_by, strict=True)):
        evidence = {g for m in group + lone if len(g := _genders(narrowed(text, m))) == 1}
        if len(evidence) != 1:
            continue
        (gender,) = next(iter(evidence))
        attested = frozenset(
            _low(w)
            for m in group + seen
            if (r := narrowed(text, m)) and all(c == "nomn" for _g, c in r)
            for w in m.surface.split()
        ) | (surnames[index] & written)
        for m in group:
            _reread(text, m, gender, attested)


def _reread(text: str, m: Mention, gender: str, attested: frozenset[str]) -> None:
    """Read ``m`` again in ``gender`` (its own context's cases as the hint)."""
    words = tuple(m.surface.split())
    own = narrowed(text, m)
    if own and gender not in _genders(own):
        return
    cases = frozenset(c for g, c in own if g == gender) or m.hint
    noms, ok = read_name(words, m.roles, cases, "", frozenset({gender}), attested)
    if not ok:
        return
    sidx = m.roles.index("surname") if "surname" in m.roles else len(noms) - 1
    gidx = next((n for n, r in enumerate(m.roles) if r == "given"), None)
    m.tokens = noms
    m.surname = noms[sidx]
    if gidx is not None and m.given:
        m.given = noms[gidx]
