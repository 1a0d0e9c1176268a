"""Grouping name mentions into persons and deciding each person's role."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from habeas.extract.lexicon import LangPatterns
from habeas.extract.model import Mention, Role

_BETWEEN = {
    # «следователь регионального управления ФСБ Максим Дробышев»: the agency after a title
    "ru": r"(?:\s+(?:его|её|ее|их|федеральн\w+|мирово\w+|районн\w+|района|области|края|города|"
    r"республики|защиты|обвинения|стороны|по\s+назначению|"
    r"регионально\w+|областно\w+|краево\w+|городско\w+|управлени\w+|отдел\w*|следственно\w+|"
    r"комитет\w*|ФСБ|УФСБ|СК|ГСУ|МВД|ЦПЭ|полиции|прокуратур\w+|"
    # «помощник прокурора Октябрьского района г. Ижевска Ольга Бурцева»: the office's place
    r"[А-ЯЁ][а-яё-]+(?:ого|ой|ского|ской)\s+(?:района|области|края|округа)|"
    r"(?:г\.|города)\s*[А-ЯЁ][а-яё-]+|"
    # round 8: «судья Коминтерновского районного суда Воронежа Геннадий Рыков»: the court
    r"(?:[А-ЯЁ][а-яё-]+(?:ого|ой|ей)\s+)?(?:[а-яё-]+(?:ого|ой)\s+){0,3}(?:суда|Мосгорсуда)"
    r"(?:\s+[А-ЯЁ][а-яё-]+)?))*\s*,?\s*",
    "en": r"(?:\s+(?:his|her|their|the|a|an|defen[cs]e|prosecution|key|presiding|federal|state|chief|human[- ]rights|"
    r"major|captain|colonel|lieutenant|general|sergeant|senior|junior|assistant|deputy|"
    # round 13: "The state prosecutor was Lieutenant Colonel of Justice Andrei Lyubimov"
    r"was|is|of\s+justice|"
    # "senior assistant prosecutor of the Leninsky district Marina Lysenko": the office's place
    r"of\s+the\s+[A-Z][\w-]+\s+(?:district|region|city|territory|republic)))*\s*,?\s*",
}
_AFTER = {
    "ru": r"^\s*,\s*(?:(?:его|её|ее|их|который|которая)\s+)?(?:{roles})",
    "en": r"^\s*,\s*(?:(?:his|her|their|the|a|an|[A-Z]\w+['’]s|defen[cs]e|human[- ]rights|senior|"
    r"junior|chief|lead|leading|former|regional|local|federal|military)\s+)*(?:{roles})",
}
# round 15: ", the regional prosecutor's office announced": an office, not the name's title
_OFFICE_AFTER = r"(?!['’]s\s+office|\s+office|\s+general['’]s)"
# "A and B", "A, B и C", and with a relation between: "A and her partner B", «A и его жена B»
# (round 11: also past an age in apposition, "A, 23, B, 19, and C", «A (27 лет) и B»)
_COORD = re.compile(
    r"^\s*(?:(?:,\s*|\()\d{1,2}(?:\s+(?:год|года|лет))?\)?\s*)?(?:,|и|and|,\s*and|,\s*и|&)"
    # round 14: "A, 63, and his wife, B, 59,": a comma after the relation
    # round 17: "A, 55, and a fellow believer, B, 62,": an article before the description
    r"(?:\s+(?:his|her|their|its|an?|the|another|его|её|ее|их|[A-Z][\w-]*['’]s)(?:\s+[a-zа-яё-]+){1,2}\s*,?)?"
    # round 15: an age before the next name («A и 40-летнему B», "A and 40-year-old B")
    r"(?:\s+\d{1,2}-(?:летн[а-яё]+|year-old))?\s*$"
)


# numbers after a kin word make it a description, not a relation: "a mother of two",
# «мать двоих детей»
_NOT_KIN = re.compile(
    r"\s+(?:of\s+)?(?:two|three|four|five|six|several|many|\d+|двоих|троих|четверых|"
    r"пятерых|многих|нескольких)\b",
    re.I,
)
# a possessor before the kin word: "Lykov's", "his", «его» (one word may stand between:
# "Osokin's former wife")
_POSSESSOR = r"(?:[\w-]+['’]s|his|her|their|the|его|её|ее|их)"
_POSSESSED = re.compile(rf"(?<!\w){_POSSESSOR}\s+(?:[\w-]+\s+)?$", re.I)
# after the kin word and before the name: "of the accused, ", « осуждённого, », « Свиридова »
_KIN_WORDS = re.compile(r"^(?:\s+of)?(?:\s+[\w'’-]+){1,3}\s*,?\s*$", re.I)
_KIN_BARE = re.compile(r"^\s*,?\s*$")
_KIN_OF = re.compile(r"^\s+of(?:\s+[\w'’-]+){1,3}\s*,?\s*$", re.I)
# a word right before a bare kin word is an adjective: «многодетную мать Анну»
# (round 15: in Russian only an adjective's ending, not a verb: «приехала супруга Меметова Лиля»)
_ADJECTIVE_BEFORE = re.compile(
    r"(?:[a-z]|(?:[ауыиое]я|[ую]ю|[оыи]й|[оеы]е|[ыи][хм]|[ое]го|[ое]му)(?<=[а-яё]{3}))\s?$", re.I
)
_APPOSITION_START = re.compile(rf"^\s*,\s*(?P<possessor>{_POSSESSOR}\s+)?", re.I)
_AFTER_KIN = re.compile(r"(?:\s+of)?\s+[\w'’-]+", re.I)
_OWNER_START = re.compile(r"^['’]s\s+(?:([\w-]+)\s+)?", re.I)


_ADMIN_DETENTION = re.compile(
    r"административн|administrative|unauthori[sz]ed\s+(?:gathering|picket|protest|rally|event)|"
    r"несогласованн\w+\s+(?:акци|пикет|митинг|мероприят|собрани)",
    re.I,
)
_CRIMINAL = re.compile(r"уголовн|criminal|sentenc|приговор|convict|осужд|осуд", re.I)
_CLOSED = re.compile(r"^\s*[,—–]")
_INCLUDING = re.compile(
    r"(?<!\w)(?:including|among\s+them|such\s+as|в\s+том\s+числе|среди\s+них|включая)", re.I
)
# after a role noun: "witnesses, including the election expert ", «свидетелей, в том числе »
_LIST_TAIL = re.compile(
    rf"^(?:\s+[\w'’-]+){{0,3}}?\s*,\s*{_INCLUDING.pattern}(?:\s+[\w'’-]+){{0,3}}?\s*,?\s*$",
    re.I,
)
# after a role noun: ", Bortsov's former flatmate ", « обвинения — бывший коллега Ракитиной »
# (round 15: not a relative clause about the role noun's own name: "Lawyer X, who represents A
# and B, said …", «Адвокат X, который защищает A и B»)
_DESC_TAIL = re.compile(
    r"^(?:\s+[\w'’-]+){0,3}?\s*[,—–]\s*(?!(?:who|whom|which|that|котор\w+|кто)\b)"
    r"(?:[\w'’-]+\s+){1,4}$",
    re.I,
)
# a lone capitalised word after a place preposition is a town: "from Krasnodar", «из Казани»
_PLACE_BEFORE = re.compile(r"(?<!\w)(?:from|in|near|at|из|в|во|под|около)\s+$", re.I)


# round 15: "According to the investigators, Pavel exchanged messages …": the role noun is the
# source of a report and the name the subject of what it says (not "According to his lawyer,
# Ivan Petrov, …", an apposition closed by a comma)
_CLAUSE_GOES_ON = re.compile(r"^\s+[\w\"“«‘']")
_SOURCE_BEFORE = re.compile(r"(?<!\w)according\s+to\s+(?:the\s+|his\s+|her\s+|their\s+)?$", re.I)


def _source_subject(head: str, after: str) -> bool:
    """True when the role noun ending ``head`` follows "according to" and the clause goes on
    after the name (the name is its subject, not an apposition closed by punctuation)."""
    return bool(_SOURCE_BEFORE.search(head)) and bool(_CLAUSE_GOES_ON.match(after))


def _listed_role(pats: LangPatterns, before: str, after: str) -> Role | None:
    """A role noun heading a list the name is in ("the defence's witnesses, including the
    election expert Roman Udaltsov", «свидетелей, в том числе эксперта …»), or a role noun
    then a description in apposition closed after the name ("A key witness, Bortsov's former
    flatmate Stanislav Yegorov, told …", «Главный свидетель обвинения — бывший коллега
    Ракитиной Герман Ульянов — …»). Not for defendants."""
    including = _INCLUDING.search(before) is not None
    closed = _CLOSED.match(after) is not None
    if not (including or closed):
        return None
    for role, rx in pats.roles.items():
        if role is Role.DEFENDANT:
            continue
        for m in rx.finditer(before):
            tail = before[m.end() :]
            if (including and _LIST_TAIL.match(tail)) or (closed and _DESC_TAIL.match(tail)):
                return role
    return None


def _kin_at(kin: re.Pattern[str], text: str, pos: int) -> re.Match[str] | None:
    """The kin word starting at ``pos`` in ``text`` (a whole word), else None."""
    m = kin.match(text, pos)
    if m is None or (m.end() < len(text) and text[m.end()].isalnum()):
        return None
    if _NOT_KIN.match(text, m.end()):
        return None
    return m


def _relative_before(kin: re.Pattern[str], before: str) -> bool:
    """ "Lykov's mother, ", "the wife of the accused, ", «Мать осуждённого, », «жена Свиридова »,
    «его мать »: a kin word naming the name that follows as a relative; not «многодетную мать
    Анну» (a description: no possessor, no genitive)."""
    for m in kin.finditer(before):
        if m.end() < len(before) and before[m.end()].isalnum() or _NOT_KIN.match(before, m.end()):
            continue
        tail = before[m.end() :]
        head = before[: m.start()]
        if _POSSESSED.search(head) and (_KIN_BARE.match(tail) or _KIN_OF.match(tail)):
            return True
        if _KIN_WORDS.match(tail):
            return True
        if _KIN_BARE.match(tail) and not _ADJECTIVE_BEFORE.search(head):
            return True
    return False


def _relative_after(kin: re.Pattern[str], after: str) -> bool:
    """ "Nina Lykova, his mother,", «Валентина Лошкарёва, мать осуждённого,»."""
    start = _APPOSITION_START.match(after)
    if start is None:
        return False
    m = _kin_at(kin, after, start.end())
    if m is None:
        return False
    return bool(start.group("possessor")) or bool(_AFTER_KIN.match(after, m.end()))


def _kin_owner(kin: re.Pattern[str], before: str, after: str, lone_ru: bool) -> bool:
    """ "Lykov's mother", and for a Russian lone surname «мать Лыкова»: the name only says
    whose relative is named."""
    start = _OWNER_START.match(after)
    if start is not None and any(
        # round 15: "Seytmemetov's wife said": the kin word right after "'s" (the optional
        # word of "Osokin's former wife" is not the kin word itself)
        _kin_at(kin, after, pos) is not None
        for pos in {start.start(1), start.end()} - {-1}
    ):
        return True
    if lone_ru:
        stripped = before.rstrip()
        return any(m.end() == len(stripped) for m in kin.finditer(stripped))
    return False


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


_SKOY = re.compile(r"([сц]к)ой$")


def _same(person: Person, m: Mention) -> bool:
    key = person.surname_key
    if m.lone:
        if key in {_key(v) for v in m.variants} or key == _key(m.surname):
            return True
        # «Виктору Ланскому» reads as «Ланский» or «Ланской» (the oblique forms are the
        # same): a lone «Ланской» is his, not his wife's (whose dative it also is)
        if _SKOY.sub(r"\1ий", key) in {_SKOY.sub(r"\1ий", _key(v)) for v in m.variants}:
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
        role: re.compile(_AFTER[lang].format(roles=rx.pattern) + _OFFICE_AFTER, re.I)
        for role, rx in pats.roles.items()
    }
    speaker_before = re.compile(f"(?:{pats.cues['speaker'].pattern})\\s*,?\\s*$", re.I)
    speaker_after = re.compile(f"^[\\s,]*(?:{pats.cues['speaker'].pattern})", re.I)
    witness = pats.cues["witness_predicate"]
    client_rx = pats.cues.get("client")
    kin = pats.cues.get("relative")
    ordered = sorted(mentions, key=lambda m: m.start)
    for n, m in enumerate(ordered):
        before = text[max(0, m.start - 60) : m.start]
        after = text[m.end : m.end + 60]
        for role, rx in role_rx.items():
            hit = rx.search(before)
            if hit and not _source_subject(before[: hit.start()], after):
                m.role_cue = role
                break
        else:
            listed = _listed_role(pats, before, after)
            if listed is not None:
                m.role_cue = listed
            else:
                # "an observer from Krasnodar, a political prisoner": the apposition is the
                # head noun's, not a town's after a preposition
                if not (m.lone and _PLACE_BEFORE.search(before)):
                    for role, rx in after_rx.items():
                        if rx.search(after):
                            m.role_cue = role
                            break
        # «Адвокат осуждённого Валентина Шубина»: a role noun, then the client in the genitive,
        # then a name in the nominative: the name is the lawyer's (a client's name would be
        # in the genitive: «адвокат осуждённого Ивана Петрова»)
        # (round 6: also with a description for the client, «адвокат активистки Денис Шкляр»)
        if m.role_cue in (Role.DEFENDANT, None) and _nominative(m) and client_rx is not None:
            for role in (Role.LAWYER, Role.OFFICIAL):
                if role in pats.roles and re.search(
                    f"(?:{pats.roles[role].pattern})\\s+(?:{client_rx.pattern})\\s*,?\\s*$",
                    before,
                    re.I,
                ):
                    m.role_cue = role
                    break
        if kin is not None and _kin_owner(kin, before, after, m.lone and lang == "ru"):
            # "Demin's brother Pavel Demin was also charged", «Брат Демина Павел»: the name
            # only says whose relative; a fact of the sentence is not the named one's
            m.kin_of = True
        if (
            kin is not None
            and not m.lone
            and (_relative_before(kin, before) or _relative_after(kin, after))
        ):
            # "Lykov's mother, Nina Lykova", «Мать осуждённого, Валентина Лошкарёва»: a
            # relative; «осуждённого» is the son's role word, not hers
            m.relative = True
            if m.role_cue is Role.DEFENDANT:
                m.role_cue = None
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


# after a passing cue, up to five words of description before the name ("like the Marxist
# sociologist Boris Kagarlitsky", «в частности, Владимир Кара-Мурза»)
_PASSING_TAIL = r"[\s,]+(?:[\w'’.-]+[\s,]+){0,5}$"
# ", who was sentenced to seven years in 2023": a verdict of another year, told in passing
_WHO_IN_YEAR = re.compile(
    r"^\s*,\s*(?:who|which|котор(?:ый|ая|ого|ой|ому|ую))\b[^.;]{0,160}?"
    r"\b(?:19|20)\d\d\b",
    re.I,
)
# after a relative clause, the main clause's predicate of the same name
_MAIN_PREDICATE_AFTER = re.compile(
    r",\s+(?:and\s+)?(?:(?:was|were|is|are|has|have|had|will|got|received|faces|"
    r"был[аи]?|будет|получил\w*|приговор\w*|осужд\w*|осудил\w*)\b|[a-z]+ed\b)",
    re.I,
)
# "Alexei Navalny's Anti-Corruption Foundation", "Pussy Riot's 'punk prayer'": a name as the
# owner of a thing (kin words are handled as relatives)
_OWNS_THING = re.compile(r"['’]s\s+[\"“'‘«]?[\w-]+")


@lru_cache(maxsize=4)
def _possessor_rx(source: str) -> re.Pattern[str]:
    """The thing noun right before a name («команду Алексея Навального»)."""
    return re.compile(rf"(?<![\w-])(?:{source})\s+$", re.I)


@lru_cache(maxsize=4)
def _passing_rx(lang: str, source: str) -> re.Pattern[str]:
    return re.compile(f"(?:{source}){_PASSING_TAIL}", re.I)


def mark_passing(text: str, mentions: list[Mention], pats: LangPatterns) -> None:
    """Flag mentions of another case told in passing: a name after a comparison cue in its
    clause (`cues.passing`: "like X", "the same article as X", «как и X», «в частности, X»,
    and the names coordinated after it), a name followed by a relative clause with a verdict
    in a given year (", who was sentenced to seven years in 2023"), and an English possessive
    of a thing ("X's Anti-Corruption Foundation"). ``drop_passing`` decides on persons."""
    cue = pats.cues.get("passing")
    if cue is None:
        return
    rx = _passing_rx(pats.lang, cue.pattern)
    kin = pats.cues.get("relative")
    possessor = pats.cues.get("possessor")
    owned = _possessor_rx(possessor.pattern) if possessor is not None else None
    ordered = sorted(mentions, key=lambda m: m.start)
    for m in ordered:
        # round 14: 120 characters, for a long cue ("when thousands gathered outside the
        # courthouse during the trial of the activist X")
        before = text[max(0, m.start - 120) : m.start]
        # the clause only: not across a sentence end
        before = re.split(r"[.!?;:]\s", before)[-1]
        after = text[m.end : m.end + 200]
        who = _WHO_IN_YEAR.match(after)
        main = (
            _MAIN_PREDICATE_AFTER.search(rest := after[who.end() :].split(". ")[0])
            if who is not None
            else None
        )
        if main is not None and pats.cues["defendant"].search(rest[main.start() :]):
            # "Ivan Petrov, who was detained in March 2025, was sentenced on Tuesday": the
            # clause closes and a verdict predicate follows; he is this text's defendant (not
            # "X of Pussy Riot, who was jailed in 2012, posted a message")
            who = None
        told = bool(
            rx.search(before) or (who is not None and pats.cues["defendant"].search(who.group()))
        )
        owns = (
            pats.lang == "en"
            and (_owns_thing(text, m, kin) or (m.lone and _ATTRIBUTIVE.match(text, m.end)))
        ) or (
            owned is not None
            and owned.search(before) is not None
            and (pats.lang == "en" or not _nominative(m))
        )
        m.passing = told or owns
        m.possessive = owns and not told
    for m in ordered:
        if m.passing:
            for x in coordinated(text, ordered, m):
                if x.start > m.start:
                    x.passing = True


@lru_cache(maxsize=4)
def _organisation_rx(lang: str, source: str) -> re.Pattern[str]:
    return re.compile(f'(?:{source})\\s*[«"“]?\\s*$', re.I)


def organisation_names(text: str, mentions: list[Mention], pats: LangPatterns) -> set[str]:
    """The names written right after an organisation noun (`cues.organisation`: «партия
    «Хизб ут-Тахрир»», "the band Pussy Riot"), lower-cased: organisations, not persons."""
    cue = pats.cues.get("organisation")
    if cue is None:
        return set()
    rx = _organisation_rx(pats.lang, cue.pattern)
    return {
        " ".join(m.tokens).lower()
        for m in mentions
        if rx.search(text[max(0, m.start - 40) : m.start])
        and not _dative_apposition(m)
        and not _HEAD_OF.search(text[max(0, m.start - 60) : m.start])
        or _ARABIC_ARTICLE.match(text, m.end)
    }


# round 17: a person noun before the organisation word ("Основатель фонда Алексей Навальный",
# «глава движения Иван Петров»): the name after it is that person, in apposition, with no quote
# between
_HEAD_OF = re.compile(
    r"(?<!\w)(?:(?:основател|создател|руководител|председател|координатор|лидер)\w*|"
    r"глав(?:а|ы|е|у|ой)|founders?|heads?|directors?|chair\w*|leaders?|coordinators?)"
    r"\s+[а-яёa-z]+\s*$",
    re.I,
)


# round 15: «по «делу Хизб ут-Тахрир»», "the Hizb ut-Tahrir case": a word before an Arabic
# article joined to the next word is the start of an organisation's name, not a person's
_ARABIC_ARTICLE = re.compile(r"\s+(?:ут|ат|аль|ад|ан|ас|уд|ut|at|al|ad|an|as|ud)-[A-ZА-ЯЁ]")


def _dative_apposition(m: Mention) -> bool:
    """«организатору ячейки Ивану Петрову»: a full name in the dative stands in apposition to
    the noun before the organisation word; an organisation's own name is not declined so."""
    words = m.surface.split()
    if len(words) < 2:
        return False
    # round 13: the feminine dative, «координатору проекта Марине Голубевой»
    return words[-1].endswith(_DATIVE_SURNAME) or (
        words[-2].endswith("е") and words[-1].endswith(_DATIVE_SURNAME_F)
    )


_DATIVE_SURNAME = ("ову", "еву", "ёву", "ину", "ыну", "скому", "цкому")
_DATIVE_SURNAME_F = ("овой", "евой", "ёвой", "иной", "ыной", "ской", "цкой")


def drop_organisations(persons: list[Person], names: set[str]) -> list[Person]:
    """``persons`` without those any of whose mentions is one of the organisation ``names``
    (``organisation_names``), in every mention."""
    if not names:
        return persons
    return [p for p in persons if not any(" ".join(m.tokens).lower() in names for m in p.mentions)]


def _owns_thing(text: str, m: Mention, kin: re.Pattern[str] | None) -> bool:
    """ "Alexei Navalny's Anti-Corruption Foundation": the name owns a thing, not a relative
    ("Lykov's mother") or a role ("Zimina's lawyer", "Rogov's case")."""
    pos = m.end - 2 if text[m.end - 2 : m.end] in ("'s", "’s") else m.end
    o = _OWNS_THING.match(text, pos)
    if o is None:
        return False
    word = o.group().split()[-1].lstrip("\"“'‘«")
    if kin is not None and kin.match(word):
        return False
    return not _OWN_AFFAIRS.match(word)


# round 13: a lone surname used as a modifier, "former Navalny campaign volunteer X", "a
# Navalny ally": the person is the owner of a thing, named in passing
_ATTRIBUTIVE = re.compile(
    r"\s+(?:campaign|team|ally|allies|supporters?|volunteers?|foundation|office|headquarters|"
    r"network|structures|movement|associates?|aides?|camp|era|regime|administration|"
    r"government)\b"
)


# what a defendant's own possessive names: "Zimina's lawyer", "Rogov's case", "his sentence"
_OWN_AFFAIRS = re.compile(
    r"(?:lawyer|attorney|defen[cs]e|case|trial|sentence|term|arrest|detention|verdict|appeal|"
    r"conviction|lawyers|family|relatives|supporters|friends|colleagues|co-?defendants?|"
    r"prosecution|release|health|post|posts|video|home|flat|apartment)s?$",
    re.I,
)


def drop_passing(persons: list[Person]) -> set[int]:
    """Persons named only in passing (every mention carrying a defendant cue is flagged by
    ``mark_passing``) lose the defendant role when the text has a defendant of its own; the
    ids of those persons are returned (their clauses' facts are not the text's case)."""

    def cued(m: Mention) -> bool:
        return m.defendant_cue or m.role_cue is Role.DEFENDANT

    passing = {
        id(p)
        for p in persons
        if p.role is Role.DEFENDANT
        and any(m.passing for m in p.mentions)
        and all(m.passing for m in p.mentions if cued(m) or not m.lone)
    }
    if not any(p.role is Role.DEFENDANT and id(p) not in passing for p in persons):
        return set()
    for p in persons:
        if id(p) in passing:
            p.role = None
    return passing


def _nominative(m: Mention) -> bool:
    """True when the name is written in the nominative (its words are its nominative forms)."""
    written = m.surface.lower().replace("ё", "е").split()
    return written == [t.lower().replace("ё", "е") for t in m.tokens]


# round 17: a cue closing on a colon, then a list ("Two men were taken away: A, 41, a builder,
# and B, 35, who runs a bakery", «Задержаны двое: A, 41 год, и B»): every name heading an item
_CUE_COLON = re.compile(r"[^.;:!?]{0,40}?:\s")
_ITEM_BEFORE = re.compile(r"(?:[:;,]\s*(?:(?:and|и|а\s+также)\s+)?|\s(?:and|и)\s+)$", re.I)


def _colon_list(text: str, cue_end: int, end: int, mentions: list[Mention]) -> list[Mention]:
    """The names heading the items of a list after a colon right after a cue."""
    colon = _CUE_COLON.match(text, cue_end, end)
    if colon is None or any(cue_end <= m.start < colon.end() for m in mentions):
        return []
    out: list[Mention] = []
    prev = colon.end() - 2
    for m in sorted((m for m in mentions if m.start >= colon.end() - 1), key=lambda m: m.start):
        if _ITEM_BEFORE.search(text, prev, m.start):
            out.append(m)
        prev = m.end
    return out


def mark_defendants(
    text: str, start: int, end: int, mentions: list[Mention], pats: LangPatterns, terms: list[int]
) -> None:
    """Give each defendant cue in the sentence to the nearest unlabelled name (and the
    names coordinated with it: "Иванов и Петров"); a sentence term (at the offsets in
    ``terms``) marks the nearest unlabelled name before it ("Петров — 5 лет"). A relative
    ("Lykov's mother, Nina Lykova") is never that nearest name."""
    free = [m for m in mentions if m.role_cue is None and not m.speaker]
    # a relative is never the nearest name a cue goes to, only one coordinated with it
    # ("A and his wife B were sentenced")
    anchors = [m for m in free if not m.relative]
    if not free:
        return
    for pos in terms:
        for m in free:
            if m.relative and m.end <= pos and _ELIDED_TERM.fullmatch(text, m.end, pos):
                # «…, его жену Ольгу Сафонову — к 2,5 годам условно», "and his wife, Anna X,
                # to three years": a term right after the relative is her own (the verdict
                # verb elided)
                m.defendant_cue = True
        before = [m for m in anchors if m.end <= pos]
        if not anchors:
            break
        if before:
            # "Sharipov and Mukhametov were given three years … each": the names coordinated
            # with the nearest one are sentenced too
            for m in coordinated(text, free, max(before, key=lambda m: m.end)):
                m.defendant_cue = True
    sent = text[start:end]
    relatives = [m for m in free if m.relative]
    admin = _ADMIN_DETENTION.search(sent) and not _CRIMINAL.search(sent)
    for cue in pats.cues["defendant"].finditer(sent):
        pos = start + cue.start()
        if admin and pats.cues["detained"].match(cue.group()):
            # "Police detained two of them, including the artist Yelizaveta Bunina, for what
            # they called an unauthorised gathering": an administrative detention
            continue
        own = [
            m
            for m in relatives
            if _predicate_of(text, m, pos, start + cue.end(), pats.cues["relative"])
        ]
        # "His younger brother, Rinat Gabdrakhmanov, was fined", «Её мужа Всеволода Гиренко,
        # обвинявшегося по тому же делу»: a cue that is the relative's own predicate
        if not own and not anchors:
            continue
        nearest = (
            own[0] if own else min(anchors, key=lambda m: min(abs(m.start - pos), abs(m.end - pos)))
        )
        for m in coordinated(text, free, nearest):
            m.defendant_cue = True
        for m in _colon_list(text, start + cue.end(), end, anchors):
            m.defendant_cue = True
    for m in relatives:
        # "His co-defendants, Lidiya Fomicheva and her husband Gleb Fomichev, received …": a
        # relative coordinated with a named defendant is in that list
        if not m.defendant_cue and any(
            x.role_cue is Role.DEFENDANT for x in coordinated(text, mentions, m) if x is not m
        ):
            m.defendant_cue = True


# between a relative's name and a term that is hers: a dash, "к"/"to" ("Ольгу X — к 2,5 годам")
# (round 11: also past an age, "his wife, Olga X, 47, to seven years", «Ольгу X (45 лет) — к»)
_ELIDED_TERM = re.compile(
    r"[\s,]*(?:\(?\d{1,2}(?:\s+(?:год|года|лет))?\)?[\s,]*)?(?:[—–-][\s]*)?(?:к|to)\s+",
    re.I,
)


# between a name and its own predicate: only auxiliaries ("X, who was later sentenced",
# "X was fined", «X, обвинявшегося»)
# (round 15: also past her age, "His wife, Larisa X, 49, received a suspended sentence")
_OWN_PREDICATE_AFTER = re.compile(
    r"^[\s,]*(?:\(?\d{1,2}(?:\s+(?:год|года|лет))?\)?[\s,]*)?"
    r"(?:(?:who|which|который|которая|которого|которой|которому|которую)\s+)?"
    r"(?:(?:was|were|is|are|has|have|had|been|being|later|also|then|himself|herself|"
    r"был|была|были|тоже|также|позже|затем|сам|сама|"
    # round 15: «его жене Татьяне X суд назначил три года»: the court as the verb's subject
    r"суд|судья)\s+)*$",
    re.I,
)
# a verdict verb whose object is the relative: "sentenced his wife, Anna X,", «приговорил его
# жену Анну X»
# (round 15: only possessives before the kin word, so a noun cue is no verb: «приговора
# приехала супруга Меметова Лиля»)
_OWN_PREDICATE_BEFORE = re.compile(
    r"^\s*(?:(?:his|her|their|the|его|её|ее|их|сво\w+|former|бывш\w+|own)\s+){0,2}[\w'’-]+[\s,]*$",
    re.I,
)


def _predicate_of(
    text: str, m: Mention, cue_start: int, cue_end: int, kin: re.Pattern[str]
) -> bool:
    """True when the cue at ``cue_start``–``cue_end`` is the mention's own predicate: right
    after it with only auxiliaries between, or right before it with at most three words
    holding the kin word between ("sentenced his wife, Anna X"; not «Мать осуждённого Нина
    X», where the cue is the son's role noun)."""
    if cue_start >= m.end:
        return bool(_OWN_PREDICATE_AFTER.match(text[m.end : cue_start]))
    if cue_end <= m.start:
        between = text[cue_end : m.start]
        return bool(_OWN_PREDICATE_BEFORE.match(between)) and kin.search(between) is not None
    return False


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
