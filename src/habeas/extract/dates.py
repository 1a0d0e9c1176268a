"""Dates in reports: absolute ("12 марта 2024 года", "March 12, 2024") and relative
("в пятницу", "on Friday", "yesterday"), resolved against the publication date.

Each date is classified as detention, verdict or appeal by the nearest cue in its
sentence; a date with no cue, or whose nearest cue is a release, is dropped.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from habeas.extract.facts import Fact
from habeas.extract.lexicon import patterns

_RU_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_EN_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_RU_WEEKDAYS = {
    "понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3,
    "пятницу": 4, "пятница": 4, "субботу": 5, "суббота": 5, "воскресенье": 6,
}  # fmt: skip
_EN_WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
_RU_MONTH_RX = r"(?P<mon>январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])"
_EN_MONTH_RX = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"

_RU_ABS = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})\s+{_RU_MONTH_RX}(?:\s+(?P<y>\d{{4}})(?:\s*(?:года|г\.))?)?", re.I
)
_EN_ABS = [
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_EN_MONTH_RX}(?:,?\s+(?P<y>\d{{4}}))?"
    ),
    re.compile(rf"{_EN_MONTH_RX}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?(?!\d)"),
]
_NUMERIC = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d])|(?<!\d)(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?!\d)"
)
_RU_REL = re.compile(
    r"(?<!\w)(?:(?P<week>на\s+прошлой\s+неделе\s+)?в(?:о)?\s+(?P<last>прошл\w+\s+)?(?:минувш\w+\s+)?(?P<wd>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)|(?P<rel>вчера|сегодня|накануне|позавчера))(?!\w)",
    re.I,
)
_EN_REL = re.compile(
    r"(?<!\w)(?:(?P<week>last\s+week,?\s+)?(?:on|last)\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?P<rel>yesterday|today|the\s+day\s+before\s+yesterday))(?!\w)",
    re.I,
)


def _month(name: str, lang: str) -> int | None:
    name = name.lower().rstrip(".")
    if lang == "ru":
        for stem, num in sorted(_RU_MONTHS.items(), key=lambda kv: -len(kv[0])):
            if name.startswith(stem):
                return num
        return None
    for full, num in _EN_MONTHS.items():
        if full.startswith(name[:3]):
            return num
    return None


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve_weekday(weekday: int, published: date) -> date:
    """The most recent ``weekday`` on or before ``published`` ("on Friday")."""
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _relative(word: str, published: date) -> date | None:
    word = " ".join(word.lower().split())
    offsets = {"вчера": 1, "накануне": 1, "позавчера": 2, "сегодня": 0, "yesterday": 1, "today": 0}
    offsets["the day before yesterday"] = 2
    return published - timedelta(days=offsets[word]) if word in offsets else None


def find_dates(text: str, lang: str, published: date | None) -> list[tuple[tuple[int, int], date]]:
    """All dates with their spans; relative ones only when ``published`` is known."""
    found: list[tuple[tuple[int, int], date]] = []
    for rx in [_RU_ABS] if lang == "ru" else _EN_ABS:
        for m in rx.finditer(text):
            month = _month(m.group("mon"), lang)
            year = int(m.group("y")) if m.group("y") else (published.year if published else None)
            if month is None or year is None:
                continue
            value = _safe(year, month, int(m.group("d")))
            if value and published and not m.group("y") and value > published:
                value = _safe(year - 1, month, int(m.group("d")))
            if value:
                found.append(((m.start(), m.end()), value))
    for m in _NUMERIC.finditer(text):
        if m.group("y"):
            value = _safe(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        else:
            value = _safe(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        if value:
            found.append(((m.start(), m.end()), value))
    if published:
        weekdays = _RU_WEEKDAYS if lang == "ru" else _EN_WEEKDAYS
        for m in (_RU_REL if lang == "ru" else _EN_REL).finditer(text):
            if m.group("wd") and (m.groupdict().get("last") or m.groupdict().get("week")):
                # «в прошлую пятницу», «на прошлой неделе в среду»: that weekday of the
                # previous calendar week
                value = published - timedelta(
                    days=published.weekday() + 7 - weekdays[m.group("wd").lower()]
                )
            elif m.group("wd") and m.group().lower().startswith("last"):
                # "last Thursday" in a report of a Thursday: a week before, not today
                wd = weekdays[m.group("wd").lower()]
                value = published - timedelta(days=(published.weekday() - wd - 1) % 7 + 1)
            elif m.group("wd"):
                value = resolve_weekday(weekdays[m.group("wd").lower()], published)
            else:
                value = _relative(m.group("rel"), published)
            if value:
                found.append(((m.start(), m.end()), value))
    found.sort()
    # «в четверг, 3 сентября», "on Thursday, September 3": the written date, not the weekday
    found = [
        (span, value)
        for span, value in found
        if not any(
            0 <= other[0] - span[1] <= 3 and text[span[1] : other[0]].strip() in (",", "")
            for other, _ in found
            if other != span and any(ch.isdigit() for ch in text[other[0] : other[1]])
        )
        or any(ch.isdigit() for ch in text[span[0] : span[1]])
    ]
    out: list[tuple[tuple[int, int], date]] = []
    for span, value in found:
        if out and span[0] < out[-1][0][1]:
            continue
        out.append((span, value))
    return out


# the verdict as a noun («приговор», "the sentence"), not a verb of sentencing
_VERDICT_NOUN = re.compile(r"^(?:sentences?|verdicts?|приговор(?:а|у|ом|е|ы|ов)?)$", re.I)

# between a date and a cue of the next coordinated clause: ", и отпустили", " and released"
_NEXT_CLAUSE = re.compile(r"^[^.;]*?,?\s+(?:и|а|но|and|but)\s+", re.I)

# "He was detained the next day", «наутро его задержали»; not «на следующий день после
# публикации» (the day after an event, not after the date before)
_NEXT_DAY = re.compile(
    r"(?<!\w)(?:the\s+(?:next|following)\s+day|a\s+day\s+later|на\s+следующий\s+день|"
    r"на\s+другой\s+день|наутро|через\s+день)(?!\s+(?:after|после))(?!\w)",
    re.I,
)


def _next_day(text: str, start: int, end: int) -> list[tuple[tuple[int, int], date]]:
    """ "… gathered on 3 August 2025. He was detained the next day.": the day after the last
    full date written in the 400 characters before the sentence."""
    m = _NEXT_DAY.search(text, start, end)
    if m is None:
        return []
    window = text[max(0, start - 400) : start]
    prior = find_dates(window, "ru", None) + find_dates(window, "en", None)
    if not prior:
        return []
    anchor = sorted(prior)[-1][1]
    return [((m.start() - start, m.end() - start), anchor + timedelta(days=1))]


# A dateline before the first date of a report: "MOSCOW, ", «МОСКВА, »
_DATELINE = re.compile(r"^\s*[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]+(?:\s*\([^)]*\))?,\s*$")


@lru_cache(maxsize=4)
def _said_on(lang: str) -> re.Pattern[str]:
    """A speaker cue right before a date: "said on Saturday", «сообщил в среду»."""
    speaker = patterns(lang).cues["speaker"].pattern
    return re.compile(f"(?:{speaker})[\\s,]*(?:on|в|во)?\\s*$", re.I)


def _year_from_context(text: str, pos: int, value: date) -> date:
    """A date written without its year ("detained on 23 September") after a full date
    ("on the night of 21 September 2024") up to four months before it takes that date's
    year, not the publication year."""
    window = text[max(0, pos - 800) : pos]
    prior = find_dates(window, "ru", None) + find_dates(window, "en", None)
    if not prior:
        return value
    anchor = sorted(prior)[-1][1]  # the last full date before
    moved = _safe(anchor.year, value.month, value.day)
    if moved and moved != value and 0 <= (moved - anchor).days <= 120:
        return moved
    return value


def classify_dates(
    text: str, start: int, end: int, lang: str, published: date | None
) -> list[Fact]:
    """Date facts ``(kind, date)`` in the sentence ``text[start:end]``, kind by nearest cue."""
    sent = text[start:end]
    cues = patterns(lang).cues
    marks: list[tuple[int, str]] = []
    ruling = cues["upheld"].search(sent) or cues["reduced"].search(sent)
    for kind in ("detained", "verdict", "appeal", "released"):
        for m in cues[kind].finditer(sent):
            if kind == "verdict" and ruling and _VERDICT_NOUN.match(m.group()):
                # "The appeals court upheld the sentence of X on Tuesday": the noun names
                # what was upheld; the date is the appeal ruling's
                continue
            marks.append((m.start(), kind))
    if not marks:
        return []
    out: list[Fact] = []
    with_year = {span for span, _ in find_dates(sent, lang, None)}
    dates = find_dates(sent, lang, published)
    if not dates:
        dates = _next_day(text, start, end)
    for (s, e), value in dates:
        if (s, e) not in with_year and any(ch.isdigit() for ch in sent[s:e]):
            value = _year_from_context(text, start + s, value)
        # «задержали …, 23 февраля, и отпустили»: a cue after the date beyond "и"/"and"
        # belongs to the next clause when a cue before the date is in this one
        near = [mk for mk in marks if mk[0] < s or not _NEXT_CLAUSE.match(sent[e : mk[0]])] or marks
        kind = min(near, key=lambda mk: (min(abs(mk[0] - s), abs(mk[0] - e)), mk[1] != "appeal"))[1]
        if kind == "released":  # "released on Thursday": not a date the output has a slot for
            continue
        if _DATELINE.match(sent[:s]):  # "MOSCOW, Nov 14 - …": the report's own date
            continue
        if _said_on(lang).search(sent[max(0, s - 30) : s]):
            # "the court's press service said on Saturday": when it was said, not done
            continue
        out.append(Fact("date", (start + s, start + e), (kind, value)))
    return out
