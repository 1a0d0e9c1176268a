"""Loading the data files: offence lexicons, context patterns, courts and facilities.

The files live in ``habeas/extract/data/`` and are read once per process. Every
pattern is compiled at load time, so a broken expression fails loudly with the file
and entry named.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from habeas.extract.model import Role

# the standard library's regular-expression parser, to read literal runs off a pattern
_sre_parser: Any = getattr(re, "_parser", None) or __import__("sre_parse")
_sre_constants: Any = getattr(re, "_constants", None) or __import__("sre_constants")

LANGS = ("ru", "en")


class LexiconError(ValueError):
    """A data file is malformed (bad pattern, missing key)."""


@dataclass(frozen=True, slots=True)
class Offence:
    """An offence name and the article it maps to."""

    article: str
    pattern: re.Pattern[str]
    note: str
    #: lower-case letters every match contains ("" when none could be read off the pattern):
    #: a pattern whose needle is not in the text is not run
    needle: str = ""


@dataclass(frozen=True, slots=True)
class LangPatterns:
    """All compiled patterns for one language."""

    lang: str
    offences: tuple[Offence, ...]
    roles: dict[Role, re.Pattern[str]]
    cues: dict[str, re.Pattern[str]]
    courts: tuple[re.Pattern[str], ...]
    facilities: tuple[re.Pattern[str], ...]


def _load(name: str) -> dict[str, Any]:
    data = resources.files("habeas.extract").joinpath("data").joinpath(name).read_bytes()
    return tomllib.loads(data.decode("utf-8"))


def _compile(source: str, where: str, flags: int = re.I) -> re.Pattern[str]:
    try:
        return re.compile(source, flags)
    except re.error as exc:
        raise LexiconError(f"{where}: bad pattern {source!r}: {exc}") from exc


def _needle(source: str) -> str:
    """The longest run of plain letters that every match of ``source`` contains, lower-cased.

    Read off the parsed pattern's top level: consecutive literal characters outside any
    group, alternation or repeat (``'discredit\\w*\\s+of'`` → ``"discredit"``). A cheap
    ``needle in text`` test then skips most patterns on most texts without changing what
    matches."""
    try:
        items = list(_sre_parser.parse(source, re.I))
    except re.error:
        return ""
    best = run = ""
    for op, arg in items:
        if op is _sre_constants.LITERAL and chr(arg).isalpha():
            run += chr(arg)
        else:
            run = ""
        if len(run) > len(best):
            best = run
    return best.lower() if len(best) >= 3 else ""


def _alternation(items: list[str], where: str) -> re.Pattern[str]:
    return _compile(r"(?<!\w)(?:" + "|".join(f"(?:{i})" for i in items) + r")", where)


@lru_cache(maxsize=4)
def patterns(lang: str) -> LangPatterns:
    """Compiled patterns for ``lang`` (``ru`` or ``en``)."""
    if lang not in LANGS:
        raise LexiconError(f"unsupported language {lang!r}")
    offences: list[Offence] = []
    for entry in _load(f"offences_{lang}.toml").get("offence", []):
        article = entry.get("article")
        if not article or not entry.get("patterns"):
            raise LexiconError(f"offences_{lang}.toml: entry without article or patterns")
        for source in entry["patterns"]:
            pat = _compile(r"(?<!\w)" + source, f"offences_{lang}.toml [{article}]")
            offences.append(Offence(article, pat, entry.get("note", ""), _needle(source)))
    ctx = _load("patterns.toml")[lang]
    roles = {
        Role(k): _alternation(v, f"patterns.toml {lang}.roles.{k}") for k, v in ctx["roles"].items()
    }
    cues = {k: _alternation(v, f"patterns.toml {lang}.cues.{k}") for k, v in ctx["cues"].items()}
    inst = _load("institutions.toml")
    courts = tuple(
        _compile(s, f"institutions.toml courts_{lang}", 0) for s in inst[f"courts_{lang}"]
    )
    facilities = tuple(
        _compile(s, f"institutions.toml facilities_{lang}", 0) for s in inst[f"facilities_{lang}"]
    )
    return LangPatterns(lang, tuple(offences), roles, cues, courts, facilities)


@lru_cache(maxsize=1)
def known_facilities() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(display name, lower-case aliases)`` for the facilities listed in the data."""
    return tuple(
        (item["name"], tuple(a.lower() for a in item["aliases"]))
        for item in _load("institutions.toml").get("known_facility", [])
    )


@lru_cache(maxsize=1)
def given_names_en() -> frozenset[str]:
    """Given names (Latin script) that mark the start of a person's name in English."""
    data = _load("names_en.toml")
    return frozenset(n.lower() for n in data["given_names"])


@lru_cache(maxsize=1)
def stopwords_en() -> frozenset[str]:
    """Capitalised words that are never part of a person's name in English reports."""
    return frozenset(w.lower() for w in _load("names_en.toml")["not_names"])


@lru_cache(maxsize=1)
def given_names_ru() -> tuple[str, ...]:
    """Russian-script given names the morphology lacks (``data/names_ru.toml``)."""
    return tuple(_load("names_ru.toml")["given_names"])


@lru_cache(maxsize=1)
def women_names_ru() -> tuple[str, ...]:
    """Round 16: Russian-script women's names the morphology lacks or reads as men's
    (``data/names_ru.toml`` ``women``); they do not decline."""
    return tuple(_load("names_ru.toml").get("women", []))


@lru_cache(maxsize=1)
def not_alone_en() -> frozenset[str]:
    """English given names that are also common words ("German"), lower-case."""
    return frozenset(w.lower() for w in _load("names_en.toml").get("not_alone", []))
