"""``extract_text``: from a document to candidate persons with their facts.

Steps: strip HTML/Markdown, detect the language, split sentences (razdel), find name
mentions and group them into persons, give each person a role, find facts (articles,
terms, dates, courts, facilities), decide which facts of each sentence are in play, attach
them to the defendants they are about (``habeas.extract.assign``: the nearest defendant
named before the fact in the sentence, or after it if none before, else the defendants of
the last sentence that named any), and let the trained model review the articles attached
(``habeas.extract.attachment``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz
from razdel import sentenize

from habeas.extract.alone import given_alone_mentions
from habeas.extract.articles import find_articles, first_charge
from habeas.extract.assign import ALSO, FactAttacher, apply_fact, is_female
from habeas.extract.attachment import review_articles
from habeas.extract.capitals import PATRONYMIC, surnames_in_capitals
from habeas.extract.couples import gendered_terms
from habeas.extract.dates import classify_dates
from habeas.extract.document import to_plain
from habeas.extract.facts import Fact
from habeas.extract.institutions import find_courts, find_facilities
from habeas.extract.kin import kin_given_mentions
from habeas.extract.known import (
    KnownCase,
    KnownIndex,
    builtin_index,
    builtin_names_en,
    new_event,
    split_gazetteer,
)
from habeas.extract.lead import COUNTED, lead_object_defendant
from habeas.extract.lexicon import LangPatterns, given_names_en, patterns, stopwords_en
from habeas.extract.model import (
    ChangeKind,
    ExtractionResult,
    Mention,
    PersonCandidate,
    Role,
    Span,
)
from habeas.extract.nominative import analyse, morph_parses
from habeas.extract.persons import (
    Person,
    cluster,
    coordinated,
    decide_role,
    drop_organisations,
    drop_passing,
    mark_cues,
    mark_defendants,
    mark_passing,
    organisation_names,
)
from habeas.extract.persons_en import SURNAME_SHAPE, find_mentions_en, latin_given
from habeas.extract.persons_ru import find_mentions_ru
from habeas.extract.terms import find_terms
from habeas.extract.unnamed import unnamed_clause, unnamed_subject

_CYR = re.compile(r"[А-Яа-яЁё]")
_LAT = re.compile(r"[A-Za-z]")
# the facts of one person's case, not of a hearing
_OWN_KINDS = ("article", "term", "regime", "fine", "suspended", "in_absentia", "change")
_PERSONAL = re.compile(r"(?<!\w)(?:he|she|him|his|her|он|она|его|её|ее|ему|ей)(?!\w)", re.I)


_CAPS_WORD = r"(?:[А-ЯЁ]{2,}(?:-[А-ЯЁ]{2,})?|[A-Z]{2,}(?:-[A-Z]{2,})?)"
_NAME_WORD = rf"(?:{_CAPS_WORD}|[А-ЯЁA-Z][а-яёa-z]+(?:-[А-ЯЁA-Z][а-яёa-z]+)?)"
# «АБЛАЕВ Ленур Ильмиевич», «ЗУЕВУ АНАСТАСИЮ СЕРГЕЕВНУ», "ISHMURATOV Ruslan Failevich": a
# court or prosecutor's release writes the name surname first, the surname (or all of it) in
# capitals, with the patronymic
_CAPS_NAME = re.compile(
    rf"(?<![\w-]){_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,1}}[ \t]+{PATRONYMIC}(?![\w-])",
    re.I,
)
_CAPS_ONLY = re.compile(rf"(?<![\w-]){_CAPS_WORD}(?![\w-])")


def names_in_capitals(text: str) -> str:
    """``text`` with the capitalised words of names written surname first with a patronymic
    («КУРТСЕИТОВ Рустем Энверович», «ЗУЕВУ АНАСТАСИЮ СЕРГЕЕВНУ») in title case; the length
    and every offset are unchanged, so spans found in it point into ``text``."""
    if not _CAPS_ONLY.search(text):
        return text
    out = list(text)
    for m in _CAPS_NAME.finditer(text):
        words = m.group().split()
        if not any(_CAPS_ONLY.fullmatch(w) for w in words):
            continue
        for w in _CAPS_ONLY.finditer(text, m.start(), m.end()):
            out[w.start() : w.end()] = w.group().title()
    return "".join(out)


# a digest or release list entry: a line opening with a surname in capitals and a given name
# («АБРАМОВ Кирилл Андреевич, Киров.», "KIRSANOV, Yegor (Novosibirsk).", "3. PETROV Ivan:")
_ENTRY_HEAD = re.compile(
    r"(?m)^[ \t]*(?:\d{1,3}[.)][ \t]*|[-•*–—][ \t]*)?"
    r"(?P<sur>[A-ZА-ЯЁ]{2,}(?:-[A-ZА-ЯЁ]{2,})?)(?P<comma>,?)[ \t]+"
    r"(?P<given>[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?)"
    rf"(?:[ \t]+(?P<patr>{PATRONYMIC}))?(?=[ \t]*(?:[,.(:—–-]|$))"
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _entry_given(surname: str, word: str, lang: str) -> bool:
    """True when ``word`` reads as a given name, or the capitals before it as a surname (the
    head of a list entry, not "MOSCOW, Reuters")."""
    if lang == "ru":
        info = analyse(word)
        # «САРАТОВ, Россия»: a dateline, the town and the country
        return info.given or (not info.place and analyse(surname.title()).surname)
    low = word.lower()
    if low in given_names_en():
        return True
    # "SARATOV, Russia (Reuters)": a dateline; a stop word is never the given name
    return low not in stopwords_en() and (
        latin_given(word) or bool(SURNAME_SHAPE.search(surname.lower()))
    )


def list_entries(text: str, lang: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """The heads of digest or release list entries: ``(start, end, name words)``, the
    surname put in title case, in the order written."""
    if not _CAPS_ONLY.search(text):
        return []
    out = []
    for m in _ENTRY_HEAD.finditer(text):
        if not _entry_given(m.group("sur"), m.group("given"), lang):
            continue
        words = [m.group("sur").title(), m.group("given")]
        if m.group("patr"):
            words.append(m.group("patr").title())
        out.append((m.start("sur"), m.end(), tuple(words)))
    return out


def _title_heads(text: str, heads: list[tuple[int, int, tuple[str, ...]]]) -> str:
    """``text`` with the capitals of list-entry heads in title case (same length)."""
    out = list(text)
    for s, e, _w in heads:
        for w in _CAPS_ONLY.finditer(text, s, e):
            out[w.start() : w.end()] = w.group().title()
    return "".join(out)


def _entry_mentions(
    text: str, lang: str, mentions: list[Mention], heads: list[tuple[int, int, tuple[str, ...]]]
) -> list[Mention]:
    """``mentions`` with the head of each list entry as one name ("KIRSANOV, Yegor" is the
    person Yegor Kirsanov, not a lone "Yegor")."""
    if not heads:
        return mentions
    kept = [m for m in mentions if not any(s < m.end and m.start < e for s, e, _ in heads)]
    for s, e, words in heads:
        same = [m for m in mentions if m.start == s and m.end == e]
        if same and lang == "ru":
            kept.append(same[0])
            continue
        kept.append(
            Mention(
                start=s,
                end=e,
                surface=text[s:e],
                tokens=words,
                surname=words[0],
                given=words[1],
            )
        )
    return sorted(kept, key=lambda m: m.start)


def _entry_defendants(
    text: str,
    mentions: list[Mention],
    heads: list[tuple[int, int, tuple[str, ...]]],
    facts: list[Fact],
) -> None:
    """A list entry whose block (to the next entry or a blank line) gives an article or a
    term is the record of a prisoner: its head is a defendant («ТЕРЕНТЬЕВ Вадим Олегович,
    Ярославль. Ч. 1 ст. 205.2 УК РФ. 2 г. 3 мес. общ. реж. Освободился 18 ноября …»)."""
    starts = sorted(s for s, _, _ in heads)
    for s, _e, _w in heads:
        later = [x for x in starts if x > s]
        blank = _BLANK_LINE.search(text, s)
        end = min([*later[:1], *([blank.start()] if blank else []), len(text)])
        if not any(s < f.start < end and f.kind in ("article", "term") for f in facts):
            continue
        for m in mentions:
            if m.start == s and m.role_cue is None:
                m.defendant_cue = True


# round 17: a digest entry in prose, a line opening with a name in title case and only an age
# and a town after it («Виктор Сальников, 58 лет, Пермь. В понедельник вышел …», "Ivan Petrov,
# 34, Kazan. Released on Monday …")
_PROSE_HEAD_TAIL = re.compile(
    r"(?:\s*,\s*(?:\d{1,2}(?:\s+(?:лет|года?))?|aged\s+\d{1,2}|"
    r"[A-ZА-ЯЁ][\w-]+(?:\s+(?:[A-ZА-ЯЁ][\w-]+|обл\.|област\w+|кра\w+|region))?)){1,3}"
    r"\s*(?:\.\s|[:—–]\s)"
)
_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?:\d{1,3}[.)][ \t]*|[-•*–—][ \t]*)?$")


def _prose_heads(text: str, mentions: list[Mention]) -> list[tuple[int, int, tuple[str, ...]]]:
    """The full names heading a digest entry written in prose (``_PROSE_HEAD_TAIL``)."""
    return [
        (m.start, m.end, m.tokens)
        for m in mentions
        if not m.lone
        and _LINE_START.search(text, max(0, m.start - 8), m.start)
        and _PROSE_HEAD_TAIL.match(text, m.end)
    ]


# a family named by the plural surname: «супругам Сафоновым», «братьев Лыковых»
_FAMILY_BEFORE = re.compile(
    r"(?:супруг\w*|сем(?:ья|ьи|ью|ье|ей|ьёй)|семейств\w*|брать(?:я|ев|ям|ями)|"
    r"с[её]ст[её]р|сёстр\w*|сестр(?:ы|ам|ами)|родител\w*|чет[аеуы]|чет[оы]й)\s+$",
    re.I,
)
_PLURAL_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын)(?:ы|ых|ым|ыми)$")


def _family_plurals(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` without a lone Russian surname in the plural that names a family
    («супругам Сафоновым», «Сафоновы проводили у себя встречи») when the text names one of
    its members in full: the couple is not a third person, and the wife's «Ольгу Сафонову»
    is not that plural's mention."""
    full = {m.surname.lower().replace("ё", "е") for m in mentions if not m.lone}
    if not full:
        return mentions
    out = []
    for m in mentions:
        if m.lone and _PLURAL_SURNAME.search(m.surface.lower()):
            surn = [p for p in morph_parses(m.surface) if "Surn" in p.tag]
            plural_only = bool(surn) and all("plur" in p.tag for p in surn)
            family = _FAMILY_BEFORE.search(text, max(0, m.start - 30), m.start) and any(
                "plur" in p.tag for p in surn
            )
            stem = re.sub(r"(?:ы|ых|ым|ыми)$", "", m.surface.lower().replace("ё", "е"))
            if (plural_only or family) and (stem in full or stem + "а" in full):
                continue
        out.append(m)
    return out


def detect_language(text: str) -> str:
    """``ru`` when Cyrillic letters are at least 30 % of the letters, else ``en``."""
    sample = text[:20000]
    cyr, lat = len(_CYR.findall(sample)), len(_LAT.findall(sample))
    return "ru" if cyr and cyr >= 0.3 * (cyr + lat) else "en"


# «2 л. 8 мес.», «3 г. 6 мес.»: an abbreviated term, not the end of a sentence
_TERM_ABBR_END = re.compile(r"\d\s*[лг]\.$")
_MONTHS_START = re.compile(r"\d{1,2}\s*мес")


def _sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    for para in re.finditer(r"[^\n]+", text):
        for s in sentenize(para.group()):
            start, stop = para.start() + s.start, para.start() + s.stop
            if (
                spans
                and _TERM_ABBR_END.search(text, spans[-1][0], spans[-1][1])
                and _MONTHS_START.match(text, start)
            ):
                spans[-1] = (spans[-1][0], stop)
                continue
            spans.append((start, stop))
    return spans


_VERDICT_ON_PRONOUN = re.compile(
    r"(?<!\w)(?:sentenced|convicted|jailed|fined|found|приговорил\w*|признал\w*|осудил\w*|"
    r"оштрафовал\w*)\s+(?:him|her|его|её|ее)\b",
    re.I,
)


def _pronoun_defendants(
    text: str, sentences: list[Span], by_sentence: list[list[Mention]], pats: LangPatterns
) -> None:
    """ "Shamil Gadzhiev, 26, recorded a video. He was charged under Article 148": a sentence
    that opens with a pronoun, names nobody and has a defendant cue makes a defendant of the
    one unlabelled person named in the sentence before, when no defendant was named earlier."""
    for i in range(1, len(sentences)):
        s, e = sentences[i]
        sent = text[s:e]
        # "Judge Irina Melnikova … found him guilty", «суд приговорил её к шести годам»: a
        # verdict whose object is a pronoun, in a sentence naming only people with a role
        object_pronoun = not any(m.role_cue is None for m in by_sentence[i]) and (
            _VERDICT_ON_PRONOUN.search(sent) is not None
        )
        if not object_pronoun and (by_sentence[i] or not pats.cues["pronoun"].search(sent)):
            continue
        if not pats.cues["defendant"].search(sent):
            continue
        if any(
            m.defendant_cue or m.role_cue is Role.DEFENDANT
            for group in by_sentence[: i - 1]
            for m in group
        ):
            # "Zolotnitskaya … Police detained …, including the artist Yelizaveta Bunina. Her
            # case is the fourth criminal prosecution …": with a defendant named before, the
            # pronoun is more likely hers
            continue
        prev = by_sentence[i - 1]
        free = [
            m
            for m in prev
            if m.role_cue is None
            and not m.speaker
            and not m.lone
            and not m.relative
            # «написал «Слава Украине»»: a quoted slogan is no person
            and text[max(0, m.start - 1) : m.start] not in ("«", '"', "“")
        ]
        if len(free) == 1 and (len(prev) == 1 or object_pronoun):
            free[0].defendant_cue = True


def _candidate(person: Person) -> PersonCandidate:
    best = person.best
    cand = PersonCandidate(name=person.name(), name_span=(best.start, best.end), role=person.role)
    for m in person.mentions:
        cand.add_span("name", (m.start, m.end))
    return cand


def extract_text(
    text: str,
    *,
    lang: str = "auto",
    published: date | None = None,
    gazetteer: Iterable[str | KnownCase | Mapping[str, Any]] = (),
    fmt: str = "auto",
    review: bool = True,
) -> ExtractionResult:
    """Extract candidate persons and facts from a report.

    Args:
        text: the document: plain text, HTML or Markdown (``fmt`` or detected).
        lang: ``ru``, ``en`` or ``auto`` (by the share of Cyrillic letters).
        published: publication date, used to resolve "on Friday", «вчера».
        gazetteer: names known to the registry ("Boris Kagarlitsky"), used to recognise
            names in English text, and known cases (``KnownCase`` or a mapping with
            ``names``, ``articles``, ``years``): a known person named in a text with a
            defendant of its own is a context mention unless the text tells a new event of
            theirs (``habeas.extract.known``). ``data/known_cases.toml`` is always used.
        fmt: ``text``, ``html``, ``markdown`` or ``auto``.
        review: let the trained attachment model (``habeas.extract.attachment``) drop the
            articles it judges the rules gave to the wrong defendant; ``False`` gives the
            rules' output alone (what the model is trained on).

    Returns:
        An ``ExtractionResult``; spans point into ``result.text``, the plain text.

    Example:
        >>> r = extract_text("Суд приговорил Ивана Петрова к 6 годам колонии общего режима.")
        >>> r.persons[0].name, r.persons[0].sentence.years
        ('Иван Петров', 6)
    """
    plain, _title = to_plain(text, fmt)
    if lang not in ("ru", "en"):
        lang = detect_language(plain)
    pats = patterns(lang)
    source = plain
    plain = surnames_in_capitals(names_in_capitals(plain))
    names, known_cases = split_gazetteer(gazetteer)
    heads = list_entries(source, lang)
    if heads and lang == "ru":
        plain = _title_heads(plain, heads)
    mentions = (
        find_mentions_ru(plain)
        if lang == "ru"
        else find_mentions_en(plain, [*names, *builtin_names_en()])
    )
    mentions = kin_given_mentions(plain, lang, _entry_mentions(plain, lang, mentions, heads))
    mentions = given_alone_mentions(plain, lang, mentions)
    if lang == "ru":
        mentions = _family_plurals(plain, mentions)
    mark_cues(plain, mentions, pats)
    mark_passing(plain, mentions, pats)
    organisations = organisation_names(plain, mentions, pats)
    surnames = {m.surname.lower().replace("ё", "е") for m in mentions if not m.lone}
    mentions = [
        m
        for m in mentions
        if not m.lone or m.role_cue is not None or m.variants & surnames or _fuzzy_in(m, surnames)
    ]
    sentences = _sentences(plain)
    by_sentence: list[list[Mention]] = [[] for _ in sentences]
    idx = 0
    for m in sorted(mentions, key=lambda m: m.start):
        while idx < len(sentences) - 1 and m.start >= sentences[idx][1]:
            idx += 1
        by_sentence[idx].append(m)
    local = [
        find_terms(plain, s, e, lang) + classify_dates(plain, s, e, lang, published)
        for s, e in sentences
    ]
    for (s, e), group, facts in zip(sentences, by_sentence, local, strict=True):
        positions = [f.start for f in facts if f.kind in ("term", "fine")]
        mark_defendants(plain, s, e, group, pats, positions)
    entries = heads + _prose_heads(plain, mentions)
    if entries:
        facts_all = find_articles(plain, lang) + [f for fs in local for f in fs]
        _entry_defendants(plain, mentions, entries, facts_all)
    _pronoun_defendants(plain, sentences, by_sentence, pats)
    lead_object_defendant(plain, sentences, by_sentence, pats)
    persons = drop_organisations(cluster(mentions), organisations)
    clustered = {id(m) for p in persons for m in p.mentions}
    by_sentence = [[m for m in group if id(m) in clustered] for group in by_sentence]
    _earlier_cases(plain, sentences, by_sentence, local, published, pats)
    for (s, e), group in zip(sentences, by_sentence, strict=True):
        if any(m.defendant_cue or m.role_cue is Role.DEFENDANT for m in group):
            cue = pats.cues["unnamed_object"].search(plain, s, e)
            if cue and all(m.start >= cue.end() for m in group):
                # "… sentenced a local engineer to three years …, the group founded by
                # Alexei Navalny": the verdict is not of the names after its object
                for m in group:
                    m.defendant_cue = False
            break
    for p in persons:
        p.role = decide_role(p)
    _drop_misspelt_clients(persons)
    passing = drop_passing(persons)
    owner = {id(m): id(p) for p in persons for m in p.mentions}
    cands = {id(p): _candidate(p) for p in persons}
    global_facts = (
        find_articles(plain, lang) + find_courts(plain, lang) + find_facilities(plain, lang)
    )
    indexes = [builtin_index(), *([KnownIndex(known_cases)] if known_cases else [])]
    context, quiet, cases = _known_context(
        plain, persons, sentences, by_sentence, local, global_facts, published, indexes
    )
    after_known: KnownCase | None = None
    after_unnamed = False
    passing |= context
    aside = context | quiet
    attacher = FactAttacher(plain, persons, cands, pats)
    many_offences = len({f.value for f in global_facts if f.kind == "article"}) > 1
    kept: list[Fact] = []
    for (s, e), group, facts in zip(sentences, by_sentence, local, strict=True):
        here = [f for f in global_facts if s <= f.start < e]
        if many_offences:
            # «Изначально её обвиняли в госизмене, но …»: the first charge, since replaced
            here = [
                f
                for f in here
                if f.kind != "article"
                or not first_charge(plain[s : f.start], pats.cues["superseded"])
            ]
        if not group and (
            pats.cues["background"].search(plain[s:e])
            or pats.cues["law"].search(plain[s:e])
            and not _PERSONAL.search(plain[s:e])
        ):
            # "Rights groups count more than 800 treason cases": offences of nobody's charge
            here = [f for f in here if f.kind != "article"]
        here = [c for f in here if (c := _court_role(plain, s, f, pats)) is not None]
        kept.extend(here)
        here = [f for f in here if f.kind != "named_court"]
        same = [
            (s + m.start(), s + m.end()) for m in pats.cues["same_offence"].finditer(plain[s:e])
        ]
        cue = None if attacher.seen else pats.cues["unnamed_object"].search(plain, s, e)
        if cue and all(m.start >= cue.end() for m in group):
            # "… sentenced a local engineer to three years …, the group founded by Alexei
            # Navalny": a verdict of an unnamed person, before anyone is named; the names
            # after it in the sentence are not its object
            held = sorted(
                [f for f in here + facts if f.kind not in ("court", "named_court")],
                key=lambda f: f.span,
            )
            here = [f for f in here if f.kind in ("court", "named_court")]
            facts = []
            attacher.carry_all = bool(COUNTED.search(cue.group()))
        else:
            held = []
        if attacher.seen and group and all(owner.get(id(m)) in aside for m in group):
            # «Политик Илья Яшин получил по этой статье восемь с половиной лет» after the
            # text's defendant is named: a sentence naming only known persons told for
            # context; its facts are theirs (a lead sentence naming only the known person,
            # "… sentenced a teacher for donations to Alexei Navalny's foundation", is not)
            here = [f for f in here if f.kind in ("court", "named_court", "appeal_court")]
            facts = []
        for m in group:
            if owner.get(id(m)) not in quiet or not (
                attacher.seen
                or any(x.end <= m.start and owner.get(id(x)) not in aside for x in group)
            ):
                continue
            # "Ushakov shared a cell with Evan Gershkovich while the reporter awaited trial
            # for espionage": after a known person named for context, the rest of the
            # clause (to a comma, a dash, "and" or the next name) is theirs; not in a lead
            # sentence before any defendant is named
            who = _WHO_AFTER.match(plain, m.end, e)
            stop = _QUIET_END.search(plain, who.end() if who else m.end, e)
            cut = stop.start() if stop else e
            if any(m.end <= x.start < cut and owner.get(id(x)) not in aside for x in group):
                # "Yulia Navalnaya condemned the five-year sentence given to Ushakov": the
                # facts before another name in the clause may be that person's
                continue
            here = [f for f in here if not m.end <= f.start < cut]
            facts = [f for f in facts if not m.end <= f.start < cut]
        hidden = unnamed_clause(plain, (s, e), group, pats) if attacher.seen else None
        if hidden is None and attacher.seen and not group:
            hidden = unnamed_subject(plain, (s, e), mentions, pats)
        if hidden is not None:
            here = [f for f in here if _court_kind(f) or not hidden[0] <= f.start < hidden[1]]
            facts = [f for f in facts if not hidden[0] <= f.start < hidden[1]]
        if group:
            after_unnamed = False
        elif after_unnamed:
            # round 15: «Задержан 17-летний школьник, его имя не называется. Подростка
            # обвиняют в …»: the charge and sentence of the next sentences naming nobody are
            # still his (a court or a date may be every defendant's)
            here = [f for f in here if f.kind not in _OWN_KINDS]
            facts = [f for f in facts if f.kind not in _OWN_KINDS]
        if hidden is not None and not group:
            after_unnamed = True
        # "A former coordinator of Alexei Navalny's office was sentenced to four years": the
        # owner of a thing is not the clause's subject, so its facts stay in play
        told = [m for m in group if owner.get(id(m)) in passing and not m.possessive]
        if told:
            # "…, like Boris Kagarlitsky, who was jailed for five years in 2024": the facts of
            # the passing name's clause (to the next name) are that other case's
            ends = {id(m): min([x.start for x in group if x.start > m.end] + [e]) for m in told}
            # round 14: a name after a passing cue ("when … during the trial of X") owns
            # nothing before the cue
            starts = {
                id(m): _clause_start(plain, group, m, s, owner)
                if owner.get(id(m)) in context and not m.passing
                else m.start
                for m in told
            }
            here = [
                f for f in here if not any(starts[id(m)] <= f.start < ends[id(m)] for m in told)
            ]
            facts = [
                f for f in facts if not any(starts[id(m)] <= f.start < ends[id(m)] for m in told)
            ]
        if group:
            last = owner.get(id(max(group, key=lambda m: m.start)))
            after_known = cases.get(last) if last in aside else None
        elif after_known is not None and _old_event(plain[s:e], facts, after_known, published):
            # "… resembles the case of Boris Kagarlitsky. In December 2023 a military court
            # fined him …, but in February 2024 the appeal court replaced the fine with five
            # years": a sentence naming nobody right after a known person set aside, telling
            # an event of the known case's years, is still about them
            here = [f for f in here if f.kind in ("court", "named_court", "appeal_court")]
            facts = []
        attacher.sentence(group, sorted(here + facts, key=lambda f: f.span), same, s, e)
        attacher.carry = held or attacher.carry
        if told and id(max(group, key=lambda m: m.start)) in {id(m) for m in told}:
            # "FBK was founded by Navalny. The opposition politician died in an Arctic penal
            # colony": the next sentences naming nobody are still about him
            attacher.focus = []
            attacher.dead = True
    _finish(plain, persons, cands, attacher.pending + attacher.carry, kept)
    found = [cands[id(p)] for p in persons if p.role is not None]
    result = ExtractionResult(text=source, lang=lang, persons=found, published=published)
    if review:
        review_articles(result)
    return result


_YEAR_RX = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _court_kind(fact: Fact) -> bool:
    return fact.kind in ("court", "named_court", "appeal_court")


def _earlier_cases(
    text: str,
    sentences: list[Span],
    by_sentence: list[list[Mention]],
    local: list[list[Fact]],
    published: date | None,
    pats: LangPatterns,
) -> None:
    """ "The case resembles that of Ksenia X, who was sentenced to 12 years in August 2024",
    «в мае 2024 года тот же суд приговорил к 14 годам Анатолия Y»: once a defendant has been
    named, a defendant cue of another person in a sentence with a term whose every year is
    before the year of publication, and no date near it, tells an earlier case; the mention
    is passing (``drop_passing`` then weighs the person's other mentions). A year told of an
    arrest («был задержан в мае 2025 года») is not the year of a verdict."""
    if published is None:
        return
    named: set[str] = set()
    earlier: set[str] = set()
    for (s, e), group, facts in zip(sentences, by_sentence, local, strict=True):
        years = [
            int(y.group())
            for y in _YEAR_RX.finditer(text, s, e)
            if not pats.cues["detained"].search(text, max(s, y.start() - 30), y.start())
        ]
        recent = any(
            f.kind == "date" and abs((published - date.fromisoformat(str(f.value[1]))).days) < 120
            for f in facts
        )
        old = (
            bool(years)
            and max(years) < published.year
            and not recent
            and any(f.kind == "term" for f in facts)
        )
        for m in group:
            key = m.surname.lower().replace("ё", "е")
            if not (m.defendant_cue or m.role_cue is Role.DEFENDANT):
                continue
            if old and named and key not in named:
                m.passing = True
                earlier.add(key)
            elif key in earlier and years and max(years) < published.year and not recent:
                # "… Karelina was freed in April 2025": the same earlier case, told on
                m.passing = True
            elif not old:
                named.add(key)


def _old_event(sent: str, facts: list[Fact], case: KnownCase, published: date | None) -> bool:
    """True when ``sent`` names a year, every year it names is no later than the known
    case's last verdict year (or the year after it, an appeal), and it tells no new event
    of theirs (``known.new_event``)."""
    years = [int(y) for y in _YEAR_RX.findall(sent)]
    if not years or not case.years or max(years) > max(case.years) + 1:
        return False
    dates = [f.value[1] for f in facts if f.kind == "date"]
    return not new_event(case, sent, dates, [], published)


def _clause_start(
    text: str, group: list[Mention], m: Mention, sent_start: int, owner: dict[int, int]
) -> int:
    """Where the clause of a context mention begins: the sentence's start when nobody else
    is named before it in the sentence («в 2023 году к восьми годам заочно приговорили
    писателя X»), else the last clause break after the name before it («…к семи годам, а
    в 2023 году к восьми годам приговорили X»), else the mention itself."""
    before = [x for x in group if x.end <= m.start and owner.get(id(x)) != owner.get(id(m))]
    if not before:
        return sent_start
    prev_end = max(x.end for x in before)
    breaks = list(_CLAUSE_BREAK.finditer(text, prev_end, m.start))
    return breaks[-1].end() if breaks else m.start


_CLAUSE_BREAK = re.compile(r"[,;:—–(]")
# the end of a known person's clause after the name: a break or a coordinated predicate
_QUIET_END = re.compile(r"[,;:—–()]|\s(?:and|but|и|а|но)\s")
# ", who was tried for espionage", «, которого судили за шпионаж»: the name's own clause
_WHO_AFTER = re.compile(r"\s*,\s*(?:who|whom|which|котор\w+)\b", re.I)


def _known_context(
    text: str,
    persons: list[Person],
    sentences: list[Span],
    by_sentence: list[list[Mention]],
    local: list[list[Fact]],
    global_facts: list[Fact],
    published: date | None,
    indexes: list[KnownIndex],
) -> tuple[set[int], set[int], dict[int, KnownCase]]:
    """Known persons (``habeas.extract.known``) named for context, in a text with a
    defendant of its own: the defendants among them that the text tells no new event of
    (in a clause where they take a defendant cue) lose the role; the ids of those, and of
    the known persons with no role, are returned (the facts of their clauses, and of a
    sentence naming only such persons, go to nobody), with the known case of each."""
    defendants = [p for p in persons if p.role is Role.DEFENDANT]
    if not defendants:
        return set(), set(), {}
    where = {id(m): i for i, group in enumerate(by_sentence) for m in group}
    context: set[int] = set()
    quiet: set[int] = set()
    cases: dict[int, KnownCase] = {}
    for p in persons:
        if p.role not in (None, Role.DEFENDANT):
            continue
        full = [m for m in p.mentions if not m.lone]
        # nominative readings and written forms (a foreign name whose reading does not
        # verify keeps its written case form: «Пола Уилана»)
        names = [w for m in full for w in (m.tokens, tuple(m.surface.split()))]
        lone = [w for m in p.mentions if m.lone for w in (m.surname, *m.variants)]
        case = next((c for ix in indexes if (c := ix.lookup_words(names, lone)) is not None), None)
        if case is None:
            continue
        cases[id(p)] = case
        if p.role is None:
            quiet.add(id(p))
            continue
        fresh = False
        for m in p.mentions:
            i = where.get(id(m))
            if i is None or m.passing or not (m.defendant_cue or m.role_cue is Role.DEFENDANT):
                continue
            lo, hi = _clause(text, by_sentence[i], m, sentences[i])
            dates = [f.value[1] for f in local[i] if f.kind == "date" and lo <= f.start < hi]
            articles = [
                f.value
                for f in global_facts
                if f.kind == "article"
                and lo <= f.start < hi
                and any(c.isdigit() for c in text[f.span[0] : f.span[1]])
            ]
            if new_event(case, text[lo:hi], dates, articles, published):
                fresh = True
                break
        if not fresh:
            context.add(id(p))
    if all(id(p) in context for p in defendants):
        # no defendant of its own: the text is about them (or about nobody else)
        return set(), set(), {}
    own = max((len(p.mentions) for p in defendants if id(p) not in context), default=0)
    for p in defendants:
        told = len([m for m in p.mentions if not m.passing])
        if id(p) in context and told >= 3 and told > own:
            # named more often than any defendant of the text's own: the text is about
            # them ("Boris Kagarlitsky has been moved to another colony … Kagarlitsky …"); a
            # possessive ("Navalny's network") is not a mention of them as a person
            context.discard(id(p))
    for p in defendants:
        if id(p) in context:
            p.role = None
    return context, quiet, cases


def _clause(text: str, group: list[Mention], m: Mention, sentence: Span) -> Span:
    """The part of the sentence that is about ``m`` and the names coordinated with it:
    from the end of the name before them (or the sentence's start) to the next name (or
    the sentence's end)."""
    names = coordinated(text, group, m)
    first, last = names[0], names[-1]
    before = [x.end for x in group if x.end <= first.start]
    after = [x.start for x in group if x.start >= last.end]
    return (max(before, default=sentence[0]), min(after, default=sentence[1]))


# a court's name with no town after it: "Leninsky District Court", «Ленинский районный суд»
_ENDS_WITH_COURT = re.compile(r"(?:Court|суд)$")
_CLAUSE_END = re.compile(r"[,;:—–(]")
# "a court in Perm", «суд в Перми»: a court named only by its town
_VAGUE_COURT = re.compile(
    r"^(?:(?:military|garrison|district|city|regional|военн\w*|районн\w*|городск\w*)\s+)?"
    r"(?:court|суд\w*)\s+(?:in|в|во)\s+(?:the\s+)?(?P<town>[A-ZА-ЯЁ][\w-]+)",
    re.I,
)


_COURT_AS_PLACE = re.compile(
    r"(?:(?:у|возле|около|рядом\s+со?|перед)\s+здани\w+|(?:outside|near|in\s+front\s+of)(?:\s+the)?"
    r"(?:\s+building\s+of(?:\s+the)?)?)\s*$",
    re.I,
)


def _court_role(text: str, sent_start: int, fact: Fact, pats: LangPatterns) -> Fact | None:
    """A court fact as the verdict court (``court``), an appeal court (``appeal_court``) or
    None for a court that has not ruled ("the defence would still go to the Supreme Court").

    By the cues around the court in its sentence: an appeal cue in the court's name or in its
    clause before it, else the first verdict or appeal cue after it, else the nearest before.
    """
    if fact.kind != "court":
        return fact
    cues = pats.cues
    start, end = fact.span
    before = text[sent_start:start]
    if _COURT_AS_PLACE.search(before):
        # «у здания Баймакского суда собрались тысячи человек», "outside the Tverskoy court":
        # the building as a place, not a ruling
        return Fact("named_court", fact.span, fact.value)
    cut = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    clause = before[cut:]
    future = None
    for future in cues["future"].finditer(clause):  # noqa: B007
        pass
    if future is not None and not cues["verdict"].search(clause[future.end() :]):
        return None
    appeal = _appeal_rx(pats)
    if appeal.search(text[start:end]) or appeal.search(clause):
        return Fact("appeal_court", fact.span, fact.value)
    after = text[end:]
    stop = after.find(". ")
    after = after if stop < 0 else after[:stop]
    first = min(
        (
            (m.start(), kind)
            for kind, rx in (("v", cues["verdict"]), ("a", appeal))
            for m in rx.finditer(after)
        ),
        default=None,
    )
    if first is None:
        last = max(
            (
                (m.end(), kind)
                for kind, rx in (("v", cues["verdict"]), ("a", appeal))
                for m in rx.finditer(before)
            ),
            default=None,
        )
        first = last
    if first is None and not cues["trial"].search(text[sent_start:].split(". ")[0]):
        # «Верховный суд запретил организацию», "the court ordered him held in custody": no
        # verdict in its sentence; kept only to name a court given elsewhere by its town
        return Fact("named_court", fact.span, fact.value)
    if first is not None and first[1] == "a":
        return Fact("appeal_court", fact.span, fact.value)
    return fact


def _appeal_rx(pats: LangPatterns) -> re.Pattern[str]:
    return _appeal_rx_lang(pats.lang)


@lru_cache(maxsize=4)
def _appeal_rx_lang(lang: str) -> re.Pattern[str]:
    pats = patterns(lang)
    return re.compile(f"{pats.cues['appeal'].pattern}|{pats.cues['upheld'].pattern}", re.I)


def _drop_misspelt_clients(persons: list[Person]) -> None:
    """«Адвокат Овчиникова заявил …» after «Глеба Овчинникова»: a lone surname after a role
    noun that is a misspelling of a defendant's surname is the client, in the genitive, not a
    second person holding the role."""
    surnames = {
        m.surname.lower()
        for p in persons
        if p.role is Role.DEFENDANT
        for m in p.mentions
        if m.surname
    }
    for p in persons:
        if (
            p.role not in (None, Role.DEFENDANT)
            and all(m.lone for m in p.mentions)
            and all(
                _fuzzy_in(m, surnames) or m.variants & surnames or m.surname.lower() in surnames
                for m in p.mentions
            )
        ):
            p.role = None


def _fuzzy_in(m: Mention, surnames: set[str]) -> bool:
    key = m.surname.lower()
    return len(key) > 5 and any(len(s) > 5 and fuzz.ratio(key, s) >= 88 for s in surnames)


# an offence charged in addition to another: «также вменили», «дополнительно», "also charged"


# round 17: a name told as one more defendant of the same case ("The fourth defendant,
# 52-year-old X, was given two years suspended", «Ещё один фигурант дела, X, получил …»)
_CO_DEFENDANT_BEFORE = re.compile(
    r"(?<!\w)(?:(?:second|third|fourth|fifth|sixth|other|last|remaining|another)\s+"
    r"(?:defendant|co-defendant|accused|member\s+of\s+the\s+group)|co-defendants?|"
    r"(?:втор|трет|четв[её]рт|пят|последн|ещ[её]\s+одн|друг)\w*\s+"
    r"(?:фигурант|обвиняем|подсудим|осужд[её]нн)\w*(?:\s+(?:дела|по\s+делу))?|подельни\w*)"
    r"[\s,—–-]*(?:(?:an?\s+)?\d{1,2}-(?:year-old|летн\w+)\s+)?$",
    re.I,
)


def _co_defendant_articles(text: str, defendants: list[PersonCandidate]) -> None:
    """A defendant with no article of their own, named as one more defendant of the case
    (``_CO_DEFENDANT_BEFORE``), gets the articles every other defendant shares."""
    for cand in defendants:
        if cand.articles:
            continue
        spans = [
            span
            for span in cand.spans.get("name", [])
            if _CO_DEFENDANT_BEFORE.search(text, max(0, span[0] - 60), span[0])
        ]
        others = [c.articles for c in defendants if c is not cand]
        if not spans or not others or not all(others):
            continue
        shared = [a for a in others[0] if all(a in arts for arts in others[1:])]
        for article in shared:
            apply_fact(cand, Fact("article", spans[0], article))


def _finish(
    text: str,
    persons: list[Person],
    cands: dict[int, PersonCandidate],
    pending: list[Fact],
    facts: list[Fact],
) -> None:
    """Document-level defaults: pending facts to a sole defendant, the only court and
    the only judge to every defendant."""
    defendants = [cands[id(p)] for p in persons if p.role is Role.DEFENDANT]
    judges = [cands[id(p)] for p in persons if p.role is Role.JUDGE]
    _co_defendant_articles(text, defendants)
    if len(defendants) == 1:
        for fact in pending:
            apply_fact(defendants[0], fact)
    elif defendants:
        # "… sentenced three men on charges of membership in Hizb ut-Tahrir. A got …, B and
        # C …": an offence named before any defendant is every defendant's with none of
        # their own
        # "… признал их виновными в массовых беспорядках. … Галиеву, которому также вменили
        # насилие (ст. 318)": an offence "also"/«также» charged adds to the group's offence
        bare = [
            c
            for c in defendants
            if not c.articles
            or any(
                ALSO.search(text[max(0, a - 70) : a].split(".")[-1])
                for a, _ in c.spans.get("article", [])
            )
        ]
        # round 15: "giving the husband six years … and his wife a two-year suspended term"
        people = [p for p in persons if p.role is Role.DEFENDANT]
        placed = gendered_terms(text, pending, people, is_female)
        for person, fact in placed:
            apply_fact(cands[id(person)], fact)
        taken = {id(f) for _, f in placed}
        pending = [f for f in pending if id(f) not in taken]
        verdicts = {f.value for f in pending if f.kind == "date" and f.value[0] == "verdict"}
        appeals = {f.value for f in pending if f.kind == "date" and f.value[0] == "appeal"}
        arrests = {f.value for f in pending if f.kind == "date" and f.value[0] == "detained"}
        for fact in pending:
            if fact.kind == "date" and fact.value[0] == "detained" and len(arrests) == 1:
                # round 17: "Early on Wednesday officers searched four homes. Two men were
                # taken away: A … and B …": one detention before the defendants are named is
                # that of every defendant with none of their own
                for cand in defendants:
                    if cand.dates.get("detained") is None:
                        apply_fact(cand, fact)
            elif fact.kind == "article":
                for cand in bare:
                    apply_fact(cand, fact)
            elif fact.kind == "court" and len({f.value for f in pending if f.kind == "court"}) == 1:
                # «В апреле Баймакский районный суд признал их виновными … Ильнуру Хасанову
                # назначили …»: the one verdict court named before the defendants
                for cand in defendants:
                    apply_fact(cand, fact)
            elif (
                fact.kind == "date"
                and fact.value[0] in ("verdict", "appeal")
                and len(verdicts if fact.value[0] == "verdict" else appeals) == 1
                or fact.kind == "change"
                and fact.value.kind is ChangeKind.UPHELD
            ):
                # «Суд 2 декабря вынес приговор трём верующим. … Сергея Жмурова, …», «Верховный
                # суд позавчера оставил без изменения приговор четырём участникам …»: one
                # verdict or appeal date (or an upholding) before the defendants are named is
                # every defendant's
                for cand in defendants:
                    apply_fact(cand, fact)
    courts = {f.value for f in facts if f.kind == "court"}
    verdict_dates = {c.dates.get("verdict") for c in defendants} - {None}
    if len(verdict_dates) == 1 and len(courts) <= 1:
        # «Московский городской суд 8 апреля приговорил A …. Его знакомую B суд признал
        # виновной …»: one verdict date and one court in the text: the date of every verdict
        with_date = next(c for c in defendants if c.dates.get("verdict") is not None)
        for cand in defendants:
            if cand.dates.get("verdict") is None:
                cand.dates["verdict"] = with_date.dates["verdict"]
                for span in with_date.spans.get("dates.verdict", []):
                    cand.add_span("dates.verdict", span)
    named = [
        f.value
        for f in facts
        if f.kind in ("court", "named_court") and not _VAGUE_COURT.match(f.value)
    ]
    for cand in defendants:
        vague = _VAGUE_COURT.match(cand.court or "")
        if vague and len(set(named)) == 1:
            # "A court in Barnaul sentenced …" and later "the Industrialny District Court":
            # the court's full name, with the town when the name lacks it
            town = vague.group("town")
            full = named[0]
            cand.court = full if town[:4].lower() in full.lower() else f"{full} ({town})"
        towns = {
            m.group("town")
            for f in facts
            if f.kind in ("court", "named_court") and (m := _VAGUE_COURT.match(f.value))
        }
        if (
            cand.court
            and len(towns) == 1
            and len(set(named)) == 1
            and cand.court == named[0]
            and _ENDS_WITH_COURT.search(cand.court)
        ):
            # "A court in Kursk on Wednesday sentenced … The Leninsky District Court found
            # X guilty": the full name lacks the town the vague mention gives
            cand.court = f"{cand.court} ({next(iter(towns))})"
        if cand.court is None and len(courts) == 1:
            court = next(f for f in facts if f.kind == "court")
            apply_fact(cand, court)
        if cand.judge is None and len(judges) == 1:
            cand.judge = judges[0].name
            cand.add_span("judge", judges[0].name_span)
