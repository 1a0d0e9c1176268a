"""Well-known cases as a gazetteer: telling a context mention from the text's own defendant.

News about one prosecution often names a well-known prisoner for context: "the same
article under which Ilya Yashin was jailed", «ФБК, основанный Алексеем Навальным». The
rules that read roles from the words around a name cover many such wordings, not all.
This module adds what a reader also knows: who the well-known prisoners are and what
their cases were. ``data/known_cases.toml`` lists widely reported cases from public
reporting (name in Russian and English, articles, verdict years); the registry's persons
with recorded cases come in the same shape through ``extract_text(gazetteer=...)``.

A defendant who is one of these persons is a *context* mention, not a defendant of the
text, when the text has a defendant of its own and does not report a new procedural event
of that person (``new_event``): a date of the publication window, an article by number
not in the known case, or a year later than every known verdict, in the clause where the
person takes a defendant cue.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from habeas.extract.lexicon import LexiconError


@dataclass(frozen=True, slots=True)
class KnownCase:
    """A known person and the public facts of their case(s)."""

    names: tuple[str, ...]
    articles: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    note: str = ""

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> KnownCase:
        """From a mapping: ``names`` (or ``name``, ``ru``, ``en``: a string or a list),
        ``articles`` and ``years`` (lists), ``sentence`` or ``note`` (text)."""
        names: list[str] = []
        for key in ("names", "name", "ru", "en"):
            value = data.get(key)
            if isinstance(value, str):
                names.append(value)
            elif value:
                names.extend(str(v) for v in value)
        years = set()
        for y in data.get("years", ()) or ():
            try:
                years.add(int(y))
            except (TypeError, ValueError):
                continue
        return cls(
            names=tuple(n.strip() for n in names if n and n.strip()),
            articles=frozenset(str(a).strip() for a in data.get("articles", ()) or () if a),
            years=frozenset(years),
            note=str(data.get("sentence") or data.get("note") or ""),
        )


@lru_cache(maxsize=16384)
def _fold(word: str) -> str:
    """A spelling-tolerant key: lower case, «ё» → «е», "x" → "ks", "iy"/"yy" → "y"."""
    w = word.lower().replace("ё", "е").replace("x", "ks")
    return re.sub(r"(?:iy|yy|ii)\b", "y", w)


@dataclass(slots=True)
class _Entry:
    case: KnownCase
    surname: str
    givens: set[str] = field(default_factory=set)


class KnownIndex:
    """Known cases looked up by surname (first three letters, then the same word, the same
    stem in another case, or a close spelling) and given name."""

    def __init__(self, cases: Iterable[KnownCase]) -> None:
        self.by_prefix: dict[str, list[_Entry]] = {}
        for case in cases:
            entries: dict[str, _Entry] = {}
            for name in case.names:
                parts = name.split()
                if len(parts) < 2:
                    continue
                surname = _fold(parts[-1])
                entry = entries.setdefault(surname, _Entry(case, surname))
                entry.givens.add(_fold(parts[0]))
            for entry in entries.values():
                self.by_prefix.setdefault(entry.surname[:3], []).append(entry)

    def __bool__(self) -> bool:
        return bool(self.by_prefix)

    def lookup(self, surname: str, givens: Iterable[str], lone: bool) -> KnownCase | None:
        """The known case of a person with this ``surname`` (any case form) and one of these
        given names (initials allowed); with no given name (``lone``) only a surname of at
        least eight letters written in full counts."""
        key = _fold(surname)
        if len(key) < 3:
            return None
        given_keys = [_fold(g) for g in givens if g]
        if lone or not given_keys:
            if not lone or len(key) < 8:
                return None
            return next((e.case for e in self.by_prefix.get(key[:3], ()) if e.surname == key), None)
        for entry in self.by_prefix.get(key[:3], ()):
            if not _surname_matches(key, entry.surname):
                continue
            if any(_given_matches(g, entry.givens) for g in given_keys):
                return entry.case
        return None

    def lookup_words(
        self, names: Iterable[Sequence[str]], lone_words: Iterable[str]
    ) -> KnownCase | None:
        """The known case of a person written as ``names`` (each the words of one full
        mention, nominative readings and written forms alike, in any order: a surname read
        as a given name is tried too) or, only when there is no full mention, as
        ``lone_words``."""
        names = list(names)
        for words in names:
            for i, word in enumerate(words):
                others = [w for j, w in enumerate(words) if j != i]
                case = self.lookup(word, others, False)
                if case is not None:
                    return case
        if names:
            # «Павел Удальцов … Удальцов»: a lone surname of a person named in full with
            # another given name is not the known namesake
            return None
        for word in lone_words:
            case = self.lookup(word, (), True)
            if case is not None:
                return case
        return None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _surname_matches(key: str, known: str) -> bool:
    """The same surname: equal, the same stem with another case ending («Навальным»,
    «Кара-Мурзу», «Каца», "Uilana"), or a close spelling ending alike ("Petriichuk")."""
    if key == known:
        return True
    cp = _common_prefix(key, known)
    if cp >= max(3, len(known) - 2) and len(key) - cp <= 3:
        return True
    return len(key) >= 6 and key[-1] == known[-1] and fuzz.ratio(key, known) >= 88


def _given_matches(given: str, known: set[str]) -> bool:
    if given.endswith("."):
        return any(k.startswith(given[:-1]) for k in known)
    for k in known:
        if k == given or (k[:1] == given[:1] and fuzz.ratio(k, given) >= 80):
            return True
        cp = _common_prefix(given, k)
        if cp >= max(3, len(k) - 2) and len(given) - cp <= 3:
            return True
    return False


@lru_cache(maxsize=1)
def builtin_cases() -> tuple[KnownCase, ...]:
    """The entries of ``data/known_cases.toml``."""
    raw = resources.files("habeas.extract").joinpath("data").joinpath("known_cases.toml")
    try:
        data = tomllib.loads(raw.read_bytes().decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"known_cases.toml: {exc}") from exc
    out = []
    for n, item in enumerate(data.get("person", [])):
        case = KnownCase.from_mapping(item)
        if not case.names:
            raise LexiconError(f"known_cases.toml: person #{n + 1} has no name")
        out.append(case)
    return tuple(out)


@lru_cache(maxsize=1)
def builtin_index() -> KnownIndex:
    """The index of the built-in known cases (built once per process)."""
    return KnownIndex(builtin_cases())


@lru_cache(maxsize=1)
def builtin_names_en() -> tuple[str, ...]:
    """The Latin-script names of the built-in known cases: recognised as names in English
    text like a gazetteer's ("Fail Alsynov", whose given name no list has)."""
    return tuple(n for case in builtin_cases() for n in case.names if n.isascii())


def split_gazetteer(
    gazetteer: Iterable[str | KnownCase | Mapping[str, Any]],
) -> tuple[list[str], list[KnownCase]]:
    """Plain names (for recognising English names) and known cases, from a gazetteer of
    names, ``KnownCase`` entries or mappings (``{"names": [...], "articles": [...],
    "years": [...]}``). A known case's Latin-script names are also plain names."""
    names: list[str] = []
    cases: list[KnownCase] = []
    for item in gazetteer:
        if isinstance(item, str):
            names.append(item)
            continue
        case = item if isinstance(item, KnownCase) else KnownCase.from_mapping(item)
        if case.names:
            cases.append(case)
            names.extend(n for n in case.names if n.isascii())
    return names, cases


# a year written in the clause: «в 2023 году», "in 2015"
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_WINDOW = timedelta(days=62)


def new_event(
    case: KnownCase,
    clause: str,
    dates: Iterable[date],
    articles: Iterable[str],
    published: date | None,
) -> bool:
    """True when the clause in which a known person takes a defendant cue tells a new
    procedural event of theirs: a date in the publication window (two months before to two
    days after; without a publication date, a date later than every known verdict year), a
    year later than every known verdict year (and, with a publication date, not before the
    year before it), or an article by number not in the known case, unless the clause
    names an earlier year."""
    years = [int(y) for y in _YEAR.findall(clause)]
    last = max(case.years) if case.years else None
    for d in dates:
        if published is not None:
            if published - _WINDOW <= d <= published + timedelta(days=2):
                return True
        elif last is None or d.year > last:
            return True
    if last is not None and any(
        y > last and (published is None or y >= published.year - 1) for y in years
    ):
        return True
    old = any(y in case.years or (published is not None and y < published.year - 1) for y in years)
    if old or not case.articles:
        return False
    return any(a not in case.articles for a in articles)
