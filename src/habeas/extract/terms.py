"""Sentences: prison terms, regimes, fines, suspended and in-absentia flags, later changes.

Terms that were only requested by the prosecutor or threatened by the law ("faces up
to 10 years"), probation periods and add-on bans are not sentences and are skipped.
A term after an appeal cue ("reduced to five years") becomes a ``Change``.
"""

from __future__ import annotations

import re

from habeas.extract.facts import Fact
from habeas.extract.lexicon import patterns
from habeas.extract.model import Change, ChangeKind, Term
from habeas.extract.numbers import EN_NUMBER, RU_NUMBER, parse_amount, parse_number

# the first part of «пятилетний», «двенадцатилетний», «двадцатипятилетний»
_RU_ADJ = {
    "одно": 1,
    "двух": 2,
    "трёх": 3,
    "трех": 3,
    "четырёх": 4,
    "четырех": 4,
    "пяти": 5,
    "шести": 6,
    "семи": 7,
    "восьми": 8,
    "девяти": 9,
    "десяти": 10,
    "одиннадцати": 11,
    "двенадцати": 12,
    "тринадцати": 13,
    "четырнадцати": 14,
    "пятнадцати": 15,
    "шестнадцати": 16,
    "семнадцати": 17,
    "восемнадцати": 18,
    "девятнадцати": 19,
    "двадцати": 20,
}
_RU_ADJ_NUMBER = "(?:двадцати)?(?:" + "|".join(sorted(_RU_ADJ, key=len, reverse=True)) + ")"
_RU_TERM = re.compile(
    rf"(?<![\w-])(?:(?P<y>{RU_NUMBER})(?:\s*\((?:[а-яё\s-]+|\d{{1,2}})\))?(?P<half>\s+с\s+половиной)?\s+(?:год(?:а|у|ом|ам|ами|ах)?\b|лет\b"
    # «3 г. 6 мес.» (a court's release): «г.» is a year only before months
    # or before an abbreviated regime («3 г. общ. реж.», «2 г. стр. режима»)
    # or before the kind of penalty («4 г. лишения свободы», «2 г. колонии»), never after a
    # calendar year («в 2024 г. колонию …»)
    # «2 л. 8 мес.»: «л.» for «лет» only before months
    rf"|л\.(?=\s*(?:и\s+)?\d{{1,2}}\s*мес\.?)"
    rf"|(?<!\d\d\d\s)г\.(?=\s*(?:и\s+)?\d{{1,2}}\s*мес|\s*(?:общ|стр|особ)\w*\.?\s*реж"
    rf"|\s*лишени\w*\s+свобод|\s*(?:воспитательн\w+\s+)?колони))"
    rf"(?:\s*(?:и\s+)?(?P<m>{RU_NUMBER})(?:\s*\((?:[а-яё\s-]+|\d{{1,2}})\))?\s*(?:месяц\w*|мес\.))?"
    # round 17: «год и шесть месяцев», «к году и трём месяцам»: one year and months
    rf"|(?<![\w-])(?P<one_m>год|году)\s+и\s+(?P<m3>{RU_NUMBER})\s+месяц\w*"
    rf"|(?P<m2>{RU_NUMBER})\s+месяц\w*|(?<=к\s)(?P<one>году)\b"
    # «пятилетний срок», «к восьмилетнему заключению»: the number in an adjective
    rf"|(?P<adj>{_RU_ADJ_NUMBER})летн\w+(?=\s+(?:срок|заключени|лишени|наказани|приговор)))",
    re.I,
)
_EN_TERM = re.compile(
    rf"(?<![\w-])(?:(?P<y>{EN_NUMBER})(?:\s*\((?:[a-z\s-]+|\d{{1,2}})\))?(?P<half>[\s-]+and[\s-]+a[\s-]+half|\s*1/2|\s*½)?"
    # "3 yrs 6 mos" (a prisoners' list): the abbreviations as the words
    # "was given six more years", "an additional three years" for a new offence
    rf"(?:\s+(?:more|additional|extra))?(?:[- ]years?\b|\s?yrs?\b\.?)"
    # round 15: "a year and a half", "5 (five) years and 6 (six) months"
    rf"(?P<half2>\s+and\s+a\s+half\b)?"
    rf"(?:,?\s*(?:and\s+)?(?P<m>{EN_NUMBER})(?:\s*\((?:[a-z\s-]+|\d{{1,2}})\))?(?:[- ]months?\b|\s?(?:mos|mths?)\b\.?))?"
    rf"|(?P<m2>{EN_NUMBER})(?:[- ]months?\b|\s?(?:mos|mths?)\b\.?))",
    re.I,
)
_FROM_TO = {
    "ru": re.compile(
        rf"(?<!\w)с\s+(?P<y>{RU_NUMBER})(?P<half>\s+с\s+половиной)?(?:\s+(?:лет|года?))?"
        rf"(?:\s+(?:и\s+)?(?P<m>{RU_NUMBER})\s+месяц\w*)?"
        rf"\s+до\s+{RU_NUMBER}(?:\s+с\s+половиной)?\s+(?:лет|года?)\b",
        re.I,
    ),
    "en": re.compile(
        rf"(?<!\w)from\s+(?P<y>{EN_NUMBER})(?P<half>[\s-]+and[\s-]+a[\s-]+half)?(?:[- ]years?)?"
        rf"(?:,?\s+(?:and\s+)?(?P<m>{EN_NUMBER})[- ]months?)?"
        rf"\s+to\s+{EN_NUMBER}(?:[\s-]+and[\s-]+a[\s-]+half)?[- ]years?\b",
        re.I,
    ),
}
_RU_HALF = r"(?:\s+с\s+половиной)?"
_EN_HALF = r"(?:[\s-]+and[\s-]+a[\s-]+half|\s*1/2|\s*½)?"
# «к семи, пяти и четырём с половиной годам», "to 15, 13 and 9 years": every number but the
# last (which the term pattern reads with its unit) is a term too
_COORD_TERM = {
    "ru": re.compile(
        rf"(?<![\w-])(?P<y>{RU_NUMBER})(?P<half>\s+с\s+половиной)?"
        rf"(?=(?:\s*,\s*{RU_NUMBER}{_RU_HALF})*\s+и\s+{RU_NUMBER}{_RU_HALF}\s+(?:год\w*|лет)\b)",
        re.I,
    ),
    "en": re.compile(
        rf"(?<![\w-])(?P<y>{EN_NUMBER})(?P<half>[\s-]+and[\s-]+a[\s-]+half|\s*1/2|\s*½)?"
        rf"(?=(?:\s*,\s*{EN_NUMBER}{_EN_HALF})*,?\s+and\s+{EN_NUMBER}{_EN_HALF}[- ]years?\b)",
        re.I,
    ),
}
# round 14: a term elided after a name ("Zaitsev was given 11 years and Okunev 10", «Лыткин
# получил шесть лет, Оленев — четыре»): a number with no unit right after the next name, at
# the end of a clause
_GAPPED = {
    "ru": re.compile(
        rf"(?:\s*,\s*(?:а\s+)?|\s+и\s+|\s*;\s*)(?:[А-ЯЁ][а-яё-]+\s+){{1,2}}(?:[—–-]\s*)?"
        rf"(?P<y>{RU_NUMBER})(?P<half>\s+с\s+половиной)?(?![.,]\d)(?=\s*(?:[,;.)]|$))"
    ),
    "en": re.compile(
        rf"(?:\s*,\s*(?:and\s+|while\s+)?|\s+and\s+|\s*;\s*)(?:[A-Z][\w'’-]+\s+){{1,2}}"
        rf"(?:[—–-]\s*)?(?P<y>{EN_NUMBER})(?P<half>[\s-]+and[\s-]+a[\s-]+half)?(?![.,]\d)"
        rf"(?=\s*(?:[,;.)]|$|\s+(?:each|respectively)\b))"
    ),
}
_NOT_TERM_AFTER = {
    "ru": re.compile(
        r"^\s*(?:назад|спустя|до\s+этого|от\s+роду)|^-?летн|^\s*с\s+лишним\s+назад", re.I
    ),
    "en": re.compile(
        r"^[- ](?:old|ago|earlier|later|before)\b|^\s+(?:ago|old|earlier|later)\b", re.I
    ),
}
_NOT_TERM_BEFORE = {
    "ru": re.compile(
        r"(?:возрасте|течение|последни[ех]|уже|через|спустя|около|почти|более|больше|свыше|впервые\s+за|"
        # «боялись, что он не выдержит даже года в колонии»: a feared span, not a term
        r"первы[ех]|оставшиеся|даже|"
        # «умер в колонии, отбывая 19-летний срок»: the sentence of an earlier case
        r"отбывая(?:\s+сво\w+)?|отбывавш\w+(?:\s+сво\w+)?)\s*$",
        re.I,
    ),
    "en": re.compile(
        r"(?:aged|age\s+of|for\s+the\s+past|over\s+the\s+past|within|after|than|about|almost|nearly|spent|last|"
        # "would not last even a year behind bars": a feared span, not a term
        r"even|"
        # "convicted in absentia … in the past two years": a span of time, not a term
        r"past|previous|next|"
        # "to serve the first three years of his term in a prison": the prison part
        r"first|initial|remaining|"
        # "a man already serving a four-year term for robbery was given six more years": the
        # earlier sentence, not the verdict of the text
        r"already\s+serving\s+(?:a|an|his|her|their)|"
        # "died in prison while serving a 19-year sentence": the sentence of an earlier case
        r"(?:while|when)\s+serving\s+(?:a|an|his|her|their))\s*$",
        re.I,
    ),
}
# round 15: the prison part of a term told with it ("got 15 years, each with three years in
# prison", «к 10 годам, из них три года в тюрьме»): not a term of its own
_PRISON_PART = {
    "ru": (re.compile(r"из\s+(?:них|которых)\s*$", re.I), re.compile(r"^\s+в\s+тюрьм", re.I)),
    "en": (
        re.compile(r"(?:(?:each\s+)?with|of\s+which|including)\s*$", re.I),
        re.compile(r"^\s+(?:of\s+it\s+)?(?:to\s+be\s+served\s+)?in\s+(?:a\s+)?prison\b", re.I),
    ),
}
# «Ильдара Кутлугильдина, 38 лет, признали …», «Анна Петрова (27 лет)»: an age in apposition
# to a name (a capitalised word, then a comma or a bracket), closed by a comma or a bracket
_AGE_APPOSITION = {
    "ru": (re.compile(r"[А-ЯЁ][а-яё]+\s*(?:,|\()\s*$"), re.compile(r"^\s*[,)]")),
}
# "… the four-year term he is now serving", «четырёхлетний срок, который он уже отбывает»: a
# sentence from an earlier case that the person is serving when a new one is passed
_SERVED_AFTER = {
    "ru": re.compile(
        r"\s*(?:срок\w*|наказани\w*)?,?\s+котор\w+\s+(?:он|она)\s+(?:уже|сейчас|ещё|еще)\s+отбыва",
        re.I,
    ),
    "en": re.compile(
        r"\s+(?:prison\s+)?(?:term|sentence)\s+(?:that\s+|which\s+)?(?:he|she)\s+(?:is|was)\s+"
        r"(?:now|already|still)\s+serving",
        re.I,
    ),
}
_REGIMES = {
    "ru": [
        # also the nominative of a list («общий режим») and the abbreviations («общ. реж.»)
        (re.compile(r"общ(?:его|ем|ий|\.)\s*реж(?:им\w*|\.|\b)", re.I), "general"),
        (re.compile(r"стр(?:огого|огом|огий|ог\.|\.)\s*реж(?:им\w*|\.|\b)", re.I), "strict"),
        (re.compile(r"особ(?:ого|ом|ый|\.)\s*реж(?:им\w*|\.|\b)", re.I), "special"),
        (re.compile(r"колони\w*[- ]поселени\w*|поселени\w+\s+колони\w*", re.I), "settlement"),
        (re.compile(r"воспитательн\w+\s+колони\w*", re.I), "educational"),
        (
            re.compile(
                r"(?:отбывани\w*|отбывать|первы[ех]\s+\S+\s+(?:лет|года?))[^.]{0,30}?\bв\s+тюрьме",
                re.I,
            ),
            "prison",
        ),
    ],
    "en": [
        (re.compile(r"general[- ](?:regime|security)", re.I), "general"),
        (re.compile(r"(?:strict|maximum|high)[- ](?:regime|security)", re.I), "strict"),
        (re.compile(r"special[- ]regime", re.I), "special"),
        (
            re.compile(r"colony[- ]settlement|penal\s+settlement|settlement\s+colony", re.I),
            "settlement",
        ),
        (
            re.compile(
                r"juvenile\s+(?:correctional\s+|penal\s+)?colony|educational\s+colony", re.I
            ),
            "educational",
        ),
        (
            re.compile(
                r"prison[- ]regime|(?:first|initial)\s+\w+\s+years?(?:\s+of\s+(?:his|her|the|their)\s+"
                r"(?:term|sentence))?\s+in\s+(?:a\s+)?prison\b(?!\s+colony)",
                re.I,
            ),
            "prison",
        ),
    ],
}
# round 15: the regime named by its adjective alone after the noun ("The regime stays the same,
# general", «Режим прежний — общий», «режим — строгий»)
_BARE_REGIME = re.compile(
    r"(?<!\w)(?:regime|режим)\b[^.;\n]{0,30}?(?:[,:—–-]|\bis|\bостал\w*)\s*"
    r"(?P<v>general|strict|special|общий|строгий|особый)(?!\w)",
    re.I,
)
_BARE_REGIME_VALUE = {
    "general": "general",
    "общий": "general",
    "strict": "strict",
    "строгий": "strict",
    "special": "special",
    "особый": "special",
}
_INSTEAD = re.compile(
    r"^(?:\s+(?:penal\s+)?(?:colony|колонии))?[\s,]+(?:instead\s+of|rather\s+than|вместо)"
    r"(?:\s+(?:a|an|the|[\w-]+)){0,2}?\s*$",
    re.I,
)
_FINE = {
    "ru": re.compile(
        r"(?:штраф\w*|оштрафова\w*)(?:\s+[\wЁё-]+){0,4}?(?:\s+в\s+размере|\s+на\s+сумму|\s+на)?\s+"
        r"(?P<n>\d[\d\s\u00a0,.]*?)\s*(?P<s>тыс\w*\.?|млн\.?|миллион\w*)?\s*(?:руб\w*\.?|₽)",
        re.I,
    ),
    "en": re.compile(
        r"(?:fine[ds]?|penalty)(?:\s+[A-Za-z-]+){0,4}?(?:\s+of)?\s+(?:RUB\s*|₽\s*)?"
        r"(?P<n>\d[\d,.]*)\s*(?P<s>thousand|million|mln|m\b|k\b)?\s*(?:roubles|rubles|RUB|₽)"
        # "fined Valentina Kuzemchik, a 71-year-old pensioner, 150,000 roubles"
        r"|\bfined\s+[A-Z][^.;]{0,80}?,?\s+(?:RUB\s*|₽\s*)?"
        r"(?P<n2>\d[\d,.]*)\s*(?P<s2>thousand|million|mln|m\b|k\b)?\s*(?:roubles|rubles|RUB|₽)",
        re.I,
    ),
}
_FINE_ELLIPSIS = {
    "ru": re.compile(
        r"[—–]\s*(?P<n>\d[\d\s\u00a0,.]*?)\s*(?P<s>тыс\w*\.?|млн\.?|миллион\w*)?\s*(?:руб\w*\.?|₽)",
        re.I,
    ),
    "en": re.compile(
        r"(?:[—–]|\band\b)[^.;\d]{0,40}?(?P<n>\d[\d,.]*)\s*(?P<s>thousand|million)?\s*"
        r"(?:roubles|rubles|RUB|₽)",
        re.I,
    ),
}
_SUSPENDED = {
    "ru": re.compile(r"условн\w*(?!-досрочн)(?!\s+освобожд)|испытательн\w+\s+срок\w*", re.I),
    "en": re.compile(r"\bsuspended\b|\bprobation\b|\bconditional\s+(?:sentence|term)", re.I),
}
_ABSENTIA = {
    "ru": re.compile(r"заочно|заочн\w+\s+приговор\w*", re.I),
    "en": re.compile(r"in\s+absentia", re.I),
}
# a request verb before a change word ("had asked for the original sentence to be upheld")
_ASKED = re.compile(
    r"\b(?:ask\w*|request\w*|sought|demand\w*)\b|\b(?:проси\w*|попроси\w*|требова\w*|потребова\w*)",
    re.I,
)
_REST = re.compile(r"\b(?:the\s+)?(?:remainder|remaining|rest)\b|\bоставш\w*|\bостальн\w*", re.I)
_ADMIN = re.compile(r"административн\w*|КоАП|administrative", re.I)


# a span of time ("for three years", «на три года», «в течение двух лет»)
_FOR_SPAN = {
    "ru": re.compile(r"(?:\bна|в\s+течение|течение)\s*$", re.I),
    "en": re.compile(r"\b(?:for|over|within)\s*$", re.I),
}
_CUSTODIAL = re.compile(r"колони|лишени\w+\s+свободы|тюрьм|colony|prison|jail|regime|режим", re.I)
# round 17: a term served in full, told in a release ("where she had served two years and three
# months", «где провёл 2,5 года», «отбыла три года»): the sentence, when the sentence tells a
# prison, a colony or a release, and not a part of it ("two years of his four-year term") or
# time in custody ("spent a year in pre-trial detention")
_SERVED_BEFORE = {
    "ru": re.compile(
        r"(?:отбыл[аи]?|отбыв|отбывш\w+|провёл|провел|провела|провели|проведя)\s+"
        r"(?:(?:полностью|весь\s+срок|в\s+(?:колонии|заключении|тюрьме))\s*[—–-]?\s+)?$",
        re.I,
    ),
    "en": re.compile(
        r"(?:(?:had|has|have)\s+)?(?:served|spent)\s+(?:(?:in\s+)?full\s+)?$|"
        r"(?:after|having)\s+(?:serving|spent|served)\s+$|after\s+$",
        re.I,
    ),
}
_SERVED_CONTEXT = re.compile(
    r"колони|тюрьм|заключени|(?<!\w)(?:ИК|КП|IK)-?\s?\d|освобод|освобожд|на\s+свобод|вышел|вышла|"
    r"colony|prison|jail|released|freed|walked\s+(?:free|out)|left\s+(?:the\s+)?(?:penal|prison)",
    re.I,
)
# the verbs of serving a sentence need no other word («отбыла три года», "served three years")
_SERVING_VERB = re.compile(r"отбы|(?:(?:had|has|have)\s+)?served|having\s+served", re.I)
_SERVED_NOT = re.compile(
    r"^\s*(?:of\b|из\b|под\s+страж|в\s+СИЗО|in\s+(?:pre-?trial\s+)?(?:detention|custody)|"
    r"under\s+house|под\s+домашн|in\s+a\s+(?:pre-?trial|remand)|behind\s+bars\s+awaiting)",
    re.I,
)


def _served(before: str, after: str, sent: str, lang: str) -> bool | None:
    """None when no served verb is right before a term; else whether it is the sentence
    served (see ``_SERVED_BEFORE``)."""
    verb = _SERVED_BEFORE[lang].search(before)
    if verb is None:
        return None
    if _SERVED_NOT.match(after):
        return False
    return bool(_SERVING_VERB.match(verb.group()) or _SERVED_CONTEXT.search(sent))


def _clause_before(text: str, start: int, limit: int = 90) -> str:
    window = text[max(0, start - limit) : start]
    cut = max(window.rfind(". "), window.rfind("\n"))
    return window[cut + 1 :] if cut >= 0 else window


def _last(text: str, n: int) -> str:
    """The last ``n`` characters of ``text`` without a word cut at the start ("husband" cut
    to "band" would read as a ban)."""
    if len(text) <= n:
        return text
    tail = text[-n:]
    return re.sub(r"^\w+", "", tail) if text[-n - 1].isalnum() else tail


def _requested(near: str, cues: dict[str, re.Pattern[str]]) -> bool:
    """True when the last cue before a term is a request or threat, not a verdict."""
    last = None
    for last in cues["request"].finditer(near):  # noqa: B007
        pass
    if last is None:
        return False
    # «просил приговорить Ляхова к трём годам»: a verdict verb in the infinitive is still
    # the request's
    # ("asked the court to sentence X to two years": the request's "to" is the cue's own)
    # ("asked the court to give her a suspended sentence of three years": the noun after an
    # article is the thing asked for, not a verdict)
    tail = re.sub(
        r"[а-яё]+ть(?:ся)?\b|\bto\s+(?:sentence|give|impose|jail)\b|^\s*(?:sentence|give|impose|jail)\b"
        r"|\b(?:a|an)\s+(?:[\w-]+\s+){0,2}?sentence\b",
        " ",
        near[last.end() :],
        flags=re.I,
    )
    return not cues["verdict"].search(tail)


_REPLACED_TERM = re.compile(r"(?:(?<!\w)вместо|instead\s+of)\s+$", re.I)


def _change_kind(before: str, cues: dict[str, re.Pattern[str]]) -> ChangeKind | None:
    """The appeal change a term after ``before`` is: reduced, increased, or none."""
    if cues["reduced"].search(before):
        return ChangeKind.REDUCED_ON_APPEAL
    if cues["increased"].search(before):
        return ChangeKind.INCREASED_ON_APPEAL
    return None


def _make_term(m: re.Match[str], start: int) -> Term:
    years = months = None
    groups = m.groupdict()
    if groups.get("one"):
        years = 1
    elif groups.get("one_m"):
        years, months = 1, int(parse_number(groups["m3"]) or 0) or None
    elif groups.get("adj"):
        word = groups["adj"].lower()
        tens = 20 if word.startswith("двадцати") and word != "двадцати" else 0
        years = tens + _RU_ADJ[word[8:] if tens else word]
    elif m.group("y"):
        value = parse_number(m.group("y")) or 0
        if m.group("half") or groups.get("half2"):
            value += 0.5
        years = int(value)
        if value - years >= 0.5:
            months = 6
        if m.group("m"):
            months = int(parse_number(m.group("m")) or 0) or months
    elif m.group("m2"):
        total = int(parse_number(m.group("m2")) or 0)
        years, months = (total // 12 or None), (total % 12 or None)
    return Term(span=(start + m.start(), start + m.end()), years=years, months=months)


_SUSPENDED_WORD = re.compile(
    r"условн\w*\s+(?:срок|наказани|приговор)\w*|условно(?![\w-])|suspended"
    # round 14: forced or correctional labour, also served outside a colony
    r"|(?:принудительн|исправительн)\w+\s+работ\w*|(?:forced|correctional)\s+labou?r",
    re.I,
)
# round 14: «Вместо двух лет условно ему назначено …», "instead of the suspended term"
_INSTEAD_OF = re.compile(r"(?<!\w)(?:вместо|instead\s+of)(?!\w)", re.I)
# «его знакомый — 9 лет в колонии того же режима», "… in a colony of the same regime"
_SAME_REGIME = {
    "ru": re.compile(r"(?:того\s+же|такого\s+же)\s+режима", re.I),
    "en": re.compile(r"(?:the\s+same|a\s+similar)\s+regime", re.I),
}


def _same_regime(text: str, sent: str, start: int, lang: str) -> list[Fact]:
    """A regime told as "the same" as one before it (within 400 characters) is that regime."""
    out = []
    for m in _SAME_REGIME[lang].finditer(sent):
        pos = start + m.start()
        before = text[max(0, pos - 400) : pos]
        found = [(r.end(), value) for rx, value in _REGIMES[lang] for r in rx.finditer(before)]
        if found:
            out.append(Fact("regime", (pos, start + m.end()), max(found)[1]))
    return out


def _appeal_regime(text: str, sent: str, start: int, cues: dict[str, re.Pattern[str]]) -> bool:
    """True when the sentence's regime is an appeal's after a first-instance term served
    outside a colony (suspended, forced labour): an appeal cue in the sentence and such a
    term told before or in it, or «вместо»/"instead of" such a term after an appeal cue, or
    (round 15) the sentence right after an appeal's ruling on such a term."""
    if cues["appeal"].search(sent):
        return _SUSPENDED_WORD.search(text, 0, start + len(sent)) is not None
    if _after_appeal(text, sent, start, cues):
        return True
    instead = _INSTEAD_OF.search(sent)
    return bool(
        instead
        and _SUSPENDED_WORD.search(sent, instead.end())
        and cues["appeal"].search(text, 0, start)
    )


# a replacement by the same court for breaches of probation keeps its regime (round 13)
_PROBATION_BREACH = re.compile(r"same\s+court|тот\s+же\s+суд|violat|breach|наруш", re.I)
# a first-instance verdict verb: a sentence with one tells the first instance's regime
_FIRST_INSTANCE = re.compile(r"приговори|осуди|sentenced|convicted", re.I)


def _after_appeal(text: str, sent: str, start: int, cues: dict[str, re.Pattern[str]]) -> bool:
    """ "The regional court replaced the suspended term with a real one. Now X must spend three
    years in a general-regime colony", «В апелляции прокурор … Коллегия назначила ему два года
    колонии»: the sentence before rules on appeal (or replaces a suspended term) after a
    first-instance term served outside a colony, and this one tells no suspended term or
    first-instance verdict of its own."""
    if _SUSPENDED_WORD.search(sent) or _FIRST_INSTANCE.search(sent):
        return False
    head = text[max(0, start - 600) : start].rstrip()
    cut = max(head.rfind(". ", 0, len(head) - 1), head.rfind("\n", 0, len(head) - 1))
    prev = head[cut + 1 :]
    ruled = cues["appeal"].search(prev) or (
        cues["replaced"].search(prev)
        and _SUSPENDED_WORD.search(prev)
        and not _PROBATION_BREACH.search(prev)
    )
    return bool(ruled) and _SUSPENDED_WORD.search(text, 0, start) is not None


def _gapped_terms(sent: str, start: int, lang: str, found: list[Fact]) -> list[Fact]:
    """The terms elided after a name right after a term (``_GAPPED``)."""
    out = []
    for f in found:
        if f.kind != "term":
            continue
        m = _GAPPED[lang].match(sent, f.span[1] - start)
        if m is None:
            continue
        value = (parse_number(m.group("y")) or 0) + (0.5 if m.group("half") else 0)
        years = int(value)
        if years:
            span = (start + m.start("y"), start + m.end())
            months = 6 if value - years >= 0.5 else None
            out.append(Fact("term", span, Term(span=span, years=years, months=months)))
    return out


def find_terms(text: str, start: int, end: int, lang: str) -> list[Fact]:
    """Terms, regimes, fines, flags and changes in the sentence ``text[start:end]``."""
    pats = patterns(lang)
    cues = pats.cues
    sent = text[start:end]
    out: list[Fact] = []
    has_verdict = bool(cues["verdict"].search(sent) or cues["appeal"].search(sent))
    term_rx = _RU_TERM if lang == "ru" else _EN_TERM
    skip: list[tuple[int, int]] = []
    for m in _FROM_TO[lang].finditer(sent):
        # "from six and a half years to five": the first term is the sentence, the second
        # (matched below as a term after "cut … to") the change
        first = _make_term(m, start)
        if _requested(_last(_clause_before(sent, m.start()), 90), cues):
            # "he faces from ten to twenty years": a range threatened by law
            skip.append((m.start(), m.end()))
            continue
        if first.years or first.months:
            span = (start + m.start("y"), start + m.end("y"))
            out.append(Fact("term", span, Term(span=span, years=first.years, months=first.months)))
            # only the first term: «с пяти до семи лет» — «семи лет» is read below as the change
            skip.append((m.start("y"), m.end("m") if m.group("m") else m.end("y")))
    for m in _COORD_TERM[lang].finditer(sent):
        # «к семи и шести годам», "to seven and six years": the first number is a term too
        value = parse_number(m.group("y")) or 0
        years = int(value)
        if years and not _requested(_last(_clause_before(sent, m.start()), 60), cues):
            span = (start + m.start("y"), start + m.end())
            # «к 5,5 и 4 годам»: a decimal half is a half
            months = 6 if m.group("half") or value - years >= 0.5 else None
            out.append(Fact("term", span, Term(span=span, years=years, months=months)))
    instead = False
    for m in term_rx.finditer(sent):
        if any(s <= m.start() < e for s, e in skip):
            continue
        before = _clause_before(sent, m.start())
        after = sent[m.end() : m.end() + 20]
        served = _served(before, sent[m.end() : m.end() + 40], sent, lang)
        if served is False or _NOT_TERM_AFTER[lang].search(after):
            continue
        if not served and _NOT_TERM_BEFORE[lang].search(before):
            continue
        if _SERVED_AFTER[lang].match(sent, m.end()):
            continue
        part_before, part_after = _PRISON_PART[lang]
        if part_before.search(before) and part_after.match(after):
            continue
        if lang in _AGE_APPOSITION:
            name_before, close_after = _AGE_APPOSITION[lang]
            if name_before.search(sent[max(0, m.start() - 40) : m.start()]) and close_after.match(
                after
            ):
                continue
        term = _make_term(m, start)
        if not (term.years or term.months):
            continue
        near = _last(before, 60)
        # "State prosecutors had asked the Vologda City Court to sentence her to …": a long
        # court name puts the request verb further back
        wide = _last(before, 90)
        if _requested(re.sub(r"(?:до|от|up\s+to|to)\s*$", "", wide, flags=re.I), cues):
            # "had asked the appeal court to increase the term to seven years": not a change
            # (the preposition right before the term is left out: «снизила … до» is no request)
            continue
        if _REPLACED_TERM.search(before) and _change_kind(sent[: m.start()], cues):
            # round 17: «ужесточил приговор: вместо трёх лет колонии-поселения ему предстоит
            # отбыть четыре года»: the term replaced is the first instance's
            out.append(Fact("term", term.span, term))
            instead = True
            continue
        change_kind = _change_kind(sent[: m.start()] if instead else before, cues)
        if change_kind is not None:
            out.append(
                Fact("change", term.span, Change(change_kind, term.span, term.years, term.months))
            )
            continue
        if _requested(wide, cues) or cues["ban"].search(_last(near, 45)):
            continue
        if served:
            out.append(Fact("term", term.span, term))
            continue
        if not has_verdict and _FOR_SPAN[lang].search(before) and not _CUSTODIAL.search(sent):
            # "… means I will be afraid to open my mouth for three years": with no verdict
            # verb and no colony or prison, "for N years" is a span of time
            continue
        if not has_verdict and not re.search(
            # «Тарасу Гнатюку — 15 лет строгого режима»: a regime makes it a sentence too
            r"колони|лишени\w+\s+свободы|colony|prison|jail|behind\s+bars|срок|term|условн|заочн|"
            r"suspended|in\s+absentia|режим\w*|реж\.|regime",
            sent,
            re.I,
        ):
            continue
        out.append(Fact("term", term.span, term))
    out.extend(_gapped_terms(sent, start, lang, out))
    for rx, regime in _REGIMES[lang]:
        for m in rx.finditer(sent):
            # «Прокурор просил назначить ей два года колонии-поселения»: asked for, not given
            # ("the remainder in a strict-regime colony" is the colony part of the sentence)
            near = _REST.sub(" ", _last(_clause_before(sent, m.start()), 80))
            if _requested(near, cues):
                continue
            out.append(Fact("regime", (start + m.start(), start + m.end()), regime))
    out.extend(_same_regime(text, sent, start, lang))
    out.extend(
        Fact("regime", (start + m.start(), start + m.end()), _BARE_REGIME_VALUE[m["v"].lower()])
        for m in _BARE_REGIME.finditer(sent)
    )
    if _appeal_regime(text, sent, start, cues):
        # "An appeals court replaced the suspended sentence with a real term of three years in
        # a general-regime colony": the first instance sent nobody to a colony; the regime
        # is the appeal's
        out = [f for f in out if f.kind != "regime"]
    regimes = [f for f in out if f.kind == "regime"]
    if len(regimes) > 1 and cues["appeal"].search(sent):
        # "increased … to be served in a general-regime penal colony instead of a penal
        # settlement", «в колонии общего режима вместо колонии-поселения»: the appeal's new
        # regime, then the first instance's
        dropped = {
            id(a)
            for a, b in zip(regimes, regimes[1:], strict=False)
            if _INSTEAD.match(text[a.span[1] : b.start])
        }
        out = [f for f in out if id(f) not in dropped]
        regimes = [f for f in regimes if id(f) not in dropped]
    if any(f.value == "prison" for f in regimes) and any(f.value != "prison" for f in regimes):
        # «первые четыре года в тюрьме, остальное — в колонии строгого режима»: the registry
        # records the colony regime; the prison part is the start of the same sentence
        out = [f for f in out if not (f.kind == "regime" and f.value == "prison")]
    admin = bool(_ADMIN.search(sent)) and not re.search(r"уголовн|criminal", sent, re.I)
    for m in _FINE[lang].finditer(sent):
        groups = m.groupdict()
        amount = (
            parse_amount(m.group("n"), m.group("s"), lang)
            if m.group("n")
            else parse_amount(groups["n2"], groups["s2"], lang)
        )
        near = _last(_clause_before(sent, m.start()), 50)
        # "She had already been fined 30,000 roubles under the administrative code for a
        # similar remark, which made any further comment a criminal matter": the fine's own
        # clause decides
        around = sent[max(0, m.start() - 80) : m.end() + 60]
        admin_here = admin or (
            bool(_ADMIN.search(around)) and not re.search(r"уголовн|criminal", around, re.I)
        )
        if amount and not admin_here and not _requested(near, cues):
            out.append(Fact("fine", (start + m.start(), start + m.end()), amount))
    fines = [f for f in out if f.kind == "fine"]
    if fines:
        # «…штраф 300 тысяч рублей, Марина Тарасова — 250 тысяч рублей»: elided fines
        for m in _FINE_ELLIPSIS[lang].finditer(sent, fines[0].span[1] - start):
            amount = parse_amount(m.group("n"), m.group("s"), lang)
            if amount:
                out.append(Fact("fine", (start + m.start("n"), start + m.end()), amount))
    if has_verdict or out:
        for m in _SUSPENDED[lang].finditer(sent):
            if _requested(_last(_clause_before(sent, m.start()), 60), cues):
                continue  # «добиваясь условного срока»: asked for, not given
            out.append(Fact("suspended", (start + m.start(), start + m.end()), True))
        for m in _ABSENTIA[lang].finditer(sent if cues["verdict"].search(sent) else ""):
            out.append(Fact("in_absentia", (start + m.start(), start + m.end()), True))
    out.extend(_changes(sent, start, lang, out))
    return sorted(out, key=lambda f: f.span)


def _changes(sent: str, start: int, lang: str, found: list[Fact]) -> list[Fact]:
    cues = patterns(lang).cues
    out: list[Fact] = []
    has_term_change = any(f.kind == "change" for f in found)
    appeal = cues["appeal"].search(sent)
    for kind, key in (
        (ChangeKind.UPHELD, "upheld"),
        (ChangeKind.REPLACED, "replaced"),
        (ChangeKind.RELEASED, "released"),
        (ChangeKind.REDUCED_ON_APPEAL, "reduced"),
        (ChangeKind.INCREASED_ON_APPEAL, "increased"),
    ):
        m = cues[key].search(sent)
        if not m:
            continue
        if kind in (ChangeKind.REDUCED_ON_APPEAL, ChangeKind.INCREASED_ON_APPEAL) and (
            has_term_change or not appeal
        ):
            continue
        if kind is ChangeKind.UPHELD and not appeal:
            continue
        if _requested(_last(_clause_before(sent, m.start()), 80), cues) or _ASKED.search(
            _last(_clause_before(sent, m.start()), 60)
        ):
            # "had asked the appeal court to increase the term", "asked for the sentence to
            # be upheld": a request, not a ruling
            continue
        if kind is ChangeKind.RELEASED and _PRETRIAL_RELEASE.match(sent[m.end() :]):
            # «отпустили под запрет определённых действий», "released on bail": before trial
            continue
        if kind in (
            ChangeKind.INCREASED_ON_APPEAL,
            ChangeKind.REDUCED_ON_APPEAL,
        ) and (
            _LAW_BEFORE.search(_last(_clause_before(sent, m.start()), 50))
            or _LAW_AFTER.match(sent[m.end() :])
        ):
            # "Since the sabotage articles were toughened in 2022", «ужесточили закон»: the
            # law, not a sentence
            continue
        span = (start + m.start(), start + m.end())
        out.append(Fact("change", span, Change(kind, span)))
    return out


_PRETRIAL_RELEASE = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:под\s+(?:запрет|подписк|домашн|залог)|on\s+bail|under\s+house\s+arrest|"
    r"pending\s+(?:trial|the\s+trial)|under\s+(?:a\s+)?(?:travel\s+ban|restrictions?))",
    re.I,
)
_LAW_WORDS = (
    r"(?:articles?|laws?|legislation|penalties|punishments?\s+for|стать(?:я|и|ю|ей)|закон\w*|"
    r"законодательств\w*|наказани\w+\s+за)"
)
_LAW_BEFORE = re.compile(rf"{_LAW_WORDS}\s+(?:\w+\s+){{0,2}}$", re.I)
_LAW_AFTER = re.compile(rf"^\s*(?:the\s+)?(?:\w+\s+)?{_LAW_WORDS}", re.I)
