"""Criminal Code article references: numbers ("ст. 207.3 УК") and offence names.

This is the extractor's own recogniser; ``habeas.law.parse_references`` may replace the
number part later. Administrative-code articles (КоАП 20.3.3) and other codes are skipped.
"""

from __future__ import annotations

import re

from habeas.extract.facts import Fact
from habeas.extract.lexicon import patterns

_ART_NUM = r"\d{2,3}(?:\.\d)?(?!\.?\d)"
_RU_HEAD = re.compile(
    r"(?<!\w)(?:ст\.|стать(?:я|и|е|ю|ей|ям|ями|ях)|ч\.\s*\d+\s*ст\.)\s*"
    r"(?P<nums>"
    + _ART_NUM
    + r"(?:\s*(?:,|и|или)\s*(?:ч\.\s*\d+\s*)?(?:ст\.\s*)?"
    + _ART_NUM
    + r")*)",
    re.I,
)
_EN_HEAD = re.compile(
    r"(?<!\w)(?:Art\.|Articles?)\s*"
    r"(?P<nums>" + _ART_NUM + r"(?:\([\dа-я]\))*"
    r"(?:\s*(?:,|and|or|,\s*and)\s*(?:part\s+\d+\s+of\s+)?(?:Article\s+)?"
    + _ART_NUM
    + r"(?:\([\dа-я]\))*)*)",
    re.I,
)
_NUM = re.compile(_ART_NUM)
_OTHER_CODE = re.compile(
    r"^[^.;]{0,40}?(?:КоАП|Кодекс\w*\s+об\s+административн|административн|УПК|Конституци|"
    r"Administrative|Code\s+of\s+Criminal\s+Procedure|Constitution|Convention|ЕСПЧ|УИК)",
    re.I,
)
_CRIMINAL_AFTER = re.compile(r"^[^.;]{0,25}?(?:УК|Уголовн|Criminal\s+Code)", re.I)
_ADMIN_BEFORE = re.compile(r"(?:административн\w*|КоАП|administrative)[^.;]{0,50}$", re.I)


def _plausible(num: str) -> bool:
    base = int(num.split(".")[0])
    return 105 <= base <= 361


def find_article_numbers(text: str, lang: str) -> list[Fact]:
    """Article numbers such as ``ст. 205.2``, ``статьям 280.3 и 207.3``, ``Article 207.3(2)``."""
    head = _RU_HEAD if lang == "ru" else _EN_HEAD
    out: list[Fact] = []
    for m in head.finditer(text):
        after = text[m.end() : m.end() + 60]
        if _OTHER_CODE.match(after) and not _CRIMINAL_AFTER.match(after):
            continue
        for n in _NUM.finditer(m.group("nums")):
            if _plausible(n.group()):
                start = m.start("nums") + n.start()
                out.append(Fact("article", (start, start + len(n.group())), n.group()))
    # Bare numbers followed by the code: "205.2 УК РФ", "207.3 of the Criminal Code"
    bare = re.compile(
        r"(?<![\w.])("
        + _ART_NUM
        + r")\s+(?:УК\b|Уголовного\s+кодекса|of\s+(?:the\s+)?(?:Russian\s+)?Criminal\s+Code)",
        re.I,
    )
    seen = {f.span for f in out}
    for m in bare.finditer(text):
        span = (m.start(1), m.end(1))
        if span not in seen and _plausible(m.group(1)):
            out.append(Fact("article", span, m.group(1)))
    return out


_DENIED_BEFORE = re.compile(
    r"(?:(?<!\w)а\s+не|(?<!\w)not|rather\s+than|instead\s+of|"
    # round 14: "Unlike treason, it does not require …", «в отличие от госизмены»
    r"(?<!\w)unlike(?:\s+the)?|as\s+opposed\s+to(?:\s+the)?|в\s+отличие\s+от)\s+$",
    re.I,
)
# round 14: the act a post praised ("approved of the partisan railway sabotage", «одобрил
# поджог»): the thing praised, not the charge
_PRAISED_BEFORE = re.compile(
    r"(?<!\w)(?:approv\w*(?:\s+of)?|prais\w*|glorif\w*|justif\w*|condon\w*|applaud\w*|"
    # round 17: not across a conjunction ("justifying terrorism and of spreading fakes")
    r"одобр\w*|оправд\w*|восхвал\w*|прославл\w*)\s+(?:(?!(?:and|or|и|или|а)\s)[\w-]+\s+){0,3}$",
    re.I,
)


# round 15: the topic of a publication ("a comment under a video about the explosion", «из-за
# комментария под видео о теракте»): what the post spoke of, not the charge
_TOPIC_BEFORE = re.compile(
    r"(?<!\w)(?:videos?|posts?|comments?|reports?|songs?|films?|footage|stor(?:y|ies)|"
    r"видео|ролик\w*|пост\w*|публикаци\w*|комментари\w*|репортаж\w*|сюжет\w*|фильм\w*|песн\w*)"
    r"\s+(?:about|on|of|о|об|про)\s+(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)


# round 18: an offence the text says is absent ("not a single mention of violence or plans of
# terrorist attacks", «нет ни слова о … терактах», "no evidence of sabotage")
_ABSENT_BEFORE = re.compile(
    r"(?:(?<!\w)(?:нет|не\s+было|никаких|ни)\s+(?:ни\s+)?(?:одного\s+|единого\s+)?"
    r"(?:слова|упоминани\w*|доказательств\w*|признак\w*)\s+(?:о|об|обо|на)|"
    r"(?<!\w)(?:no|not\s+a\s+(?:single\s+)?)\s*(?:(?:piece\s+of\s+)?evidence|mention|word|sign|proof|trace)"
    r"\s+(?:of|about))\s+(?:[\w-]+,?\s+){0,5}$",
    re.I,
)


def find_offence_names(text: str, lang: str) -> list[Fact]:
    """Offence names from the lexicon mapped to articles (``фейки об армии`` → 207.3)."""
    out: list[Fact] = []
    taken: list[tuple[int, int]] = []
    low = text.lower()
    for offence in patterns(lang).offences:
        if offence.needle and offence.needle not in low:
            continue
        for m in offence.pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if _ADMIN_BEFORE.search(text[max(0, m.start() - 80) : m.start()]):
                continue
            if (
                _DENIED_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
                or _PRAISED_BEFORE.search(text[max(0, m.start() - 60) : m.start()])
                or _TOPIC_BEFORE.search(text[max(0, m.start() - 50) : m.start()])
                or _ABSENT_BEFORE.search(text[max(0, m.start() - 90) : m.start()])
            ):
                # «это был протест, а не теракт», "a protest, not terrorism": denied
                taken.append((m.start(), m.end()))
                continue
            taken.append((m.start(), m.end()))
            out.append(Fact("article", (m.start(), m.end()), offence.article))
    return out


def find_articles(text: str, lang: str) -> list[Fact]:
    """All article facts, numbers first, then offence names (sorted by position)."""
    numbers = find_article_numbers(text, lang)
    found = find_offence_names(text, lang)
    names = [f for f in found if not _named_other_article(text, f, numbers, found)]
    facts = sorted(numbers + names, key=lambda f: f.span)
    old = {f.value for f in facts if _FROM_OLD.search(text[max(0, f.start - 140) : f.start])}
    facts = [f for f in facts if not _old_or_lesser(text, f)]
    if any(f.value not in old for f in facts):
        # round 18: the old charge of a re-qualification, told again in other words later
        # («Следствие настаивало, что листовки содержали заведомо ложные сведения»)
        facts = [f for f in facts if f.value not in old]
    facts = _drop_requalified(text, facts)
    return sorted(facts + _membership_by_pronoun(text, facts), key=lambda f: f.span)


# round 17: a charge re-qualified ("re-qualified the case from treason to …", «переквалифицировал
# обвинение с госизмены на …»): the offence after "from" / «с» is the old one
_REQUALIFY_VERB = (
    r"(?:переквалифицир\w*|изменил\w*\s+(?:обвинение|квалификацию|статью)|смягчил\w*\s+обвинение|"
    r"re-?qualif\w*|re-?classif\w*|downgrad\w*|reduced\s+the\s+charges?|changed\s+the\s+charges?)"
)
_FROM_OLD = re.compile(
    _REQUALIFY_VERB
    + r"(?:[^.;]|(?<=ст)\.|(?<=ч)\.){0,100}?(?<!\w)(?:с|со|from)\s+(?:(?!(?:на|to|into|as|under)\s)[«\"“]?[\w-]+[»\"”]?\s+){0,3}"
    r"\(?(?:(?:ч\.\s*\d+\s*)?ст\.\s*|(?:Part\s+\d+\s+of\s+)?Articles?\s+)?[«\"“]?$",
    re.I,
)
# a lesser offence the defence argued for ("the act was hooliganism at most", «это максимум
# хулиганство», "should have been charged as vandalism", «следовало квалифицировать как …»)
_LESSER_BEFORE = re.compile(
    r"(?:(?<!\w)(?:at\s+most|at\s+worst|no\s+more\s+than|максимум|в\s+худшем\s+случае|"
    r"не\s+более\s+чем|не\s+более\s+ч[её]м)\s+(?:an?\s+)?(?:[\w-]+\s+)?|"
    r"(?:should|ought\s+to|could)\s+(?:only\s+)?have\s+been\s+(?:charged|tried|treated|classified|"
    r"qualified|prosecuted)\s+(?:with|as|under)\s+(?:an?\s+)?(?:[\w-]+\s+)?|"
    r"(?:следовало|надо\s+было|нужно\s+было|должны\s+были)\s+(?:бы\s+)?(?:квалифицировать|"
    r"рассматривать|судить)\s+(?:[\w-]+\s+){0,2}?(?:как|по)\s+(?:[\w-]+\s+)?)$",
    re.I,
)
_LESSER_AFTER = re.compile(
    r"\S*\s+(?:at\s+most|at\s+worst)\b|\S*,?\s+(?:не\s+более|максимум)\b", re.I
)


def _old_or_lesser(text: str, fact: Fact) -> bool:
    """True for the old offence of a re-qualification and a lesser one the defence argued for."""
    before = text[max(0, fact.start - 140) : fact.start]
    return bool(
        _FROM_OLD.search(before)
        or _LESSER_BEFORE.search(before[-70:])
        or _LESSER_AFTER.match(text, fact.span[1])
    )


# a court re-qualifying the charge in a later sentence ("The judge re-qualified his actions under
# Article 167", «суд переквалифицировал его действия на ст. 167»): the charges told before it
# that are not the new one are the old ones
_REQUALIFIED = re.compile(
    r"(?<!\w)(?:переквалифицировал[аи]?|переквалифицирован[аоы]?|re-?qualified|reclassified|"
    r"re-classified|re-qualifying|requalifying|reclassifying)(?!\w)",
    re.I,
)


def _drop_requalified(text: str, facts: list[Fact]) -> list[Fact]:
    """``facts`` without the charges a later re-qualification replaced (see ``_REQUALIFIED``):
    the articles before the cue's sentence whose value the re-qualifying sentence does not
    name after the cue."""
    for m in _REQUALIFIED.finditer(text):
        stop = _sentence_end(text, m.end())
        new = {f.value for f in facts if m.end() <= f.start < stop}
        if not new:
            continue
        begin = _sentence_start(text, m.start())
        facts = [f for f in facts if f.start >= begin or f.value in new]
    return facts


_SENTENCE_BREAK = re.compile(
    r"(?<!\bст)(?<!\bч)(?<!\bп)(?<!\bг)(?<!\bArt)(?<!\bNo)[.!?](?=\s+[A-ZА-ЯЁ«\"“]|\s*$)|\n"
)


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_BREAK.search(text, pos)
    return m.start() if m else len(text)


def _sentence_start(text: str, pos: int) -> int:
    starts = [m.end() for m in _SENTENCE_BREAK.finditer(text, 0, pos)]
    return starts[-1] if starts else 0


# round 12: the articles on an organisation (organising it, or taking part in it) — a
# co-defendant's "taking part in it" repeats the same article
_ORGANISATION_ARTICLES = frozenset({"282.2", "282.1", "205.5", "205.4", "284.1", "210"})
_MEMBERSHIP_BY_PRONOUN = re.compile(
    r"(?:participat(?:ing|ion)|taking\s+part|membership|involvement)\s+(?:in|of)\s+"
    r"(?:it\b|them\b|(?:its|those|these|the\s+same|that|this|such)\s+(?:activit(?:y|ies)|meetings)|"
    r"(?:the\s+same|that|this)\s+(?:organi[sz]ation|group|cell|community)|"
    # round 15: "taking part in the cell's meetings", "membership of the group"
    r"the\s+(?:cell|group|organi[sz]ation|community)(?:['’]s\s+(?:meetings|activit(?:y|ies)|work))?\b)"
    r"|(?:участи\w*|членств\w*)\s+в\s+(?:ней\b|н[её]м\b|е[её]\s+(?:деятельност|работ|собрани)\w*|"
    # round 17: «в участии в организации», «участие в этой деятельности», «в деятельности ячейки»
    r"(?:этой|той\s+же|этом|том\s+же|такой)\s+(?:организаци|ячейк|групп|сообществ|деятельност)\w*|"
    r"(?:организаци|ячейк|сообществ)\w*(?![\w\s]{0,3}[«\"„A-ZА-ЯЁ])|"
    r"(?:деятельност|собрани|встреч)\w*\s+(?:этой\s+|той\s+же\s+)?(?:ячейк|групп|организаци|сообществ)\w*)"
    # round 18: a bare "participation" after the organiser's charge ("Lenur X and Eldar Y,
    # charged with participation, received …", «за «участие» в той же организации»)
    r"|(?:charged\s+with|accused\s+of|guilty\s+of|convicted\s+of|for)\s+[\"“]?"
    r"(?:participation|membership|taking\s+part)[\"”]?(?=\s*[,.;)—–]|\s+(?:and|but)\s)"
    r"|(?<!\w)(?:в|за)\s+[«\"]?(?:участи[еи]|членств[оае])[»\"]?"
    r"(?:\s+в\s+(?:той\s+же|этой\s+же|этой)\s+(?:организаци|ячейк|групп|сообществ)\w*|"
    r"(?=\s*[,.;)—–]|\s+(?:и|а)\s))",
    re.I,
)


def _membership_by_pronoun(text: str, facts: list[Fact]) -> list[Fact]:
    """ "A was convicted of organising group X (art. 282.2) … B of taking part in it": the
    pronoun's organisation is the latest one charged before it, within a few sentences
    («за участие в её деятельности», «в той же ячейке»)."""
    out: list[Fact] = []
    for m in _MEMBERSHIP_BY_PRONOUN.finditer(text):
        if any(f.start <= m.start() < f.span[1] for f in facts):
            continue
        before = [
            f
            for f in facts
            if f.span[1] <= m.start()
            and m.start() - f.span[1] <= 400
            and f.value in _ORGANISATION_ARTICLES
        ]
        if before:
            out.append(Fact("article", (m.start(), m.end()), before[-1].value))
    return out


# an opening bracket after an offence name and at most four words: «о диверсии (ч. 2 ст.
# 205.2 УК)», «о диверсии на Крымском мосту (…)»; not across a conjunction («за диверсию и
# призывы (ст. 280 УК)»: the bracket is the second charge's)
_BRACKET_AFTER = re.compile(r"(?:\s+(?!(?:и|или|а|and|or)\b)[\w-]+){0,4}?\s*\(", re.I)


def _named_other_article(text: str, name: Fact, numbers: list[Fact], names: list[Fact]) -> bool:
    """True when the bracket right after an offence name cites articles, none of them the
    name's: «одобрил диверсию (ст. 205.2 УК)», "praised the arson (Article 205.2)" — the
    wording tells the act, the number the charge. A bracket after a second offence name
    is that name's."""
    m = _BRACKET_AFTER.match(text, name.span[1])
    if not m or any(name.span[1] <= f.start < m.end() for f in names):
        # «за диверсию и оправдание терроризма (ст. 205.2)»: the bracket is the next name's
        return False
    close = text.find(")", m.end())
    if close < 0 or close - m.end() > 80:
        return False
    inside = [f.value for f in numbers if m.end() <= f.start < close]
    return bool(inside) and name.value not in inside


# round 15: after the first charge, the new one («Сначала возбудили дело о повреждении
# имущества, однако затем переквалифицировали на теракт», "initially charged with X, but later
# with Y")
_REPLACED_CHARGE = re.compile(
    r"(?<!\w)(?:однако|но|затем|позже|потом|впоследствии|переквалифи\w*|but|later|then|"
    r"subsequently|reclassifi\w*|changed)(?!\w)",
    re.I,
)


def first_charge(before: str, superseded: re.Pattern[str]) -> bool:
    """True when an offence after ``before`` (its sentence up to it) is a first charge since
    replaced: a ``superseded`` cue ("initially", «сначала возбудили дело») before it and no
    word of the new charge ("but later", «однако затем») between."""
    cue = None
    for cue in superseded.finditer(before):  # noqa: B007
        pass
    return cue is not None and not _REPLACED_CHARGE.search(before, cue.end())
