"""Person mentions in Latin-script text: German (``habeas.extract`` reads only Russian and
English), and a second pass over English for names its rules miss (unknown given names,
surnames in capitals, "KRIEGER Rico").

A run of capitalised words is a name when it has a given name (any script's, by
:func:`habeas.names.given_names.is_known_given`) or a surname the registry knows
(``surname_known``) or a surname's shape, and at least one other capitalised word that is
not a common word. German nouns are capitalised too, so common nouns of announcements and
noun endings (-ung, -heit, -keit, …) never count as names. A lone surname the registry
knows is a lone mention (``Kriegers`` → ``Krieger``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from habeas.extract.lexicon import given_names_en, stopwords_en
from habeas.names.given_names import is_known_given

SurnameKnown = Callable[[str], bool]

_TOKEN = re.compile(
    r"(?:[A-ZÄÖÜ][a-zäöüßé]+|[A-ZÄÖÜ]{2,})(?:[-'’](?:[A-ZÄÖÜ][a-zäöüßé]+|[A-ZÄÖÜ]{2,}|[a-zäöüß]+))*"
    r"(?:['’]s)?|[A-Z]\."
)
_SHAPE = re.compile(
    r"(?:ov|ev|ova|eva|in|ina|yn|yna|sky|skiy|skii|skaya|ski|zki|skij|skaja|enko|uk|yuk|chuk|"
    r"yan|ian|shvili|dze|vich|witsch|itsch|ow|ew|owa|ewa|jew|jewa|jow|ijew|aev|ajew|ykh|ich)$",
    re.I,
)
_NOUN_END = re.compile(
    r"(?:ung|ungen|heit|keit|schaft|tion|ionen|ität|nis|tum|ismus|ierung|ment|enz|anz|ei)$", re.I
)
_DE_STOP = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "einer",
        "eines",
        "am",
        "im",
        "vom",
        "zum",
        "zur",
        "bei",
        "mit",
        "nach",
        "von",
        "und",
        "oder",
        "auch",
        "sowie",
        "außerdem",
        "darunter",
        "unter",
        "laut",
        "gegen",
        "für",
        "über",
        "auf",
        "aus",
        "wie",
        "als",
        "so",
        "sie",
        "er",
        "es",
        "wir",
        "ihr",
        "ihre",
        "sein",
        "seine",
        "dies",
        "diese",
        "dieser",
        "dieses",
        "jener",
        "alle",
        "mehrere",
        "weitere",
        "herr",
        "frau",
        "präsident",
        "präsidentin",
        "kanzler",
        "bundeskanzler",
        "minister",
        "ministerin",
        "regierung",
        "kreml",
        "russland",
        "deutschland",
        "moskau",
        "berlin",
        "usa",
        "amerika",
        "belarus",
        "ukraine",
        "europa",
        "washington",
        "gefangene",
        "gefangenen",
        "häftling",
        "häftlinge",
        "häftlingen",
        "gefangenenaustausch",
        "austausch",
        "erlass",
        "dekret",
        "begnadigung",
        "haft",
        "straflager",
        "lager",
        "gericht",
        "urteil",
        "jahre",
        "jahren",
        "monate",
        "staatsbürger",
        "bürger",
        "bürgerin",
        "journalist",
        "journalistin",
        "aktivist",
        "aktivistin",
        "oppositionelle",
        "oppositioneller",
        "menschenrechtler",
        "menschenrechtlerin",
        "politiker",
        "politikerin",
        "sprecher",
        "sprecherin",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
        "heute",
        "gestern",
        "morgen",
        "insgesamt",
        "namen",
        "liste",
        "pressemitteilung",
        "mitteilung",
        "nachrichten",
        "zeitung",
        "agentur",
        "nach",
        "vor",
        "seit",
        "bis",
    ]
)


#: Common German and English given names the Russian-centred name data may lack.
WESTERN_GIVEN = frozenset(
    [
        "jonathan",
        "wolfgang",
        "hans",
        "peter",
        "michael",
        "thomas",
        "andreas",
        "stefan",
        "klaus",
        "jürgen",
        "uwe",
        "frank",
        "markus",
        "martin",
        "matthias",
        "christian",
        "sebastian",
        "tobias",
        "florian",
        "jan",
        "lukas",
        "felix",
        "max",
        "paul",
        "karl",
        "heinz",
        "günter",
        "dieter",
        "manfred",
        "helmut",
        "werner",
        "rolf",
        "rico",
        "ralf",
        "sven",
        "torsten",
        "jens",
        "dirk",
        "holger",
        "kai",
        "lars",
        "nico",
        "tim",
        "tom",
        "ben",
        "jonas",
        "leon",
        "moritz",
        "niklas",
        "philipp",
        "simon",
        "david",
        "daniel",
        "robert",
        "richard",
        "john",
        "james",
        "william",
        "george",
        "charles",
        "edward",
        "henry",
        "evan",
        "trevor",
        "marc",
        "mark",
        "brian",
        "kevin",
        "steven",
        "joseph",
        "anna",
        "maria",
        "julia",
        "laura",
        "sarah",
        "lena",
        "lisa",
        "katharina",
        "sabine",
        "claudia",
        "petra",
        "monika",
        "ursula",
        "susanne",
        "andrea",
        "birgit",
        "karin",
        "heike",
        "jennifer",
        "jessica",
        "emily",
        "elizabeth",
        "mary",
        "jane",
        "paula",
        "brittney",
    ]
)


@dataclass(frozen=True)
class LatinMention:
    """A name found in Latin-script text: its span, words, and the surname if known."""

    start: int
    end: int
    words: tuple[str, ...]
    surname: str
    lone: bool


def _plain(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def _groups(text: str) -> list[list[re.Match[str]]]:
    groups: list[list[re.Match[str]]] = []
    for m in _TOKEN.finditer(text):
        if groups:
            prev = groups[-1][-1]
            if text[prev.end() : m.start()] == " " and not prev.group().endswith(("'s", "’s")):
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups


class LatinFinder:
    """Finds mentions in German or English text; ``surname_known`` is the registry's test."""

    def __init__(self, surname_known: SurnameKnown | None = None, lang: str = "de") -> None:
        self.surname_known = surname_known or (lambda _w: False)
        self.stop = _DE_STOP | (stopwords_en() if lang == "en" else frozenset())
        self._cache: dict[str, str] = {}

    def kind(self, word: str) -> str:
        """``given``, ``surname``, ``initial``, ``word`` (capitalised, unknown) or ``stop``."""
        found = self._cache.get(word)
        if found is not None:
            return found
        low = word.lower()
        if word.endswith(".") and len(word) == 2:
            found = "initial"
        elif low in self.stop or len(word) < 2:
            found = "stop"
        elif self.surname_known(word):
            found = "surname"
        elif low in WESTERN_GIVEN or low in given_names_en() or is_known_given(word.capitalize()):
            found = "given"
        elif _NOUN_END.search(low):
            found = "stop"
        elif _SHAPE.search(low):
            found = "surname"
        else:
            found = "word"
        self._cache[word] = found
        return found

    def find(self, text: str) -> list[LatinMention]:
        """Mentions in ``text``, in order."""
        out: list[LatinMention] = []
        for group in _groups(text):
            words = [_plain(m.group()) for m in group]
            kinds = [self.kind(w) for w in words]
            i = 0
            while i < len(words):
                if kinds[i] == "stop":
                    i += 1
                    continue
                j = i
                while j < len(words) and j - i < 4 and kinds[j] != "stop":
                    j += 1
                first_given = next(
                    (k for k in range(i, j - 1) if kinds[k] in ("given", "initial")), None
                )
                if first_given is not None and first_given > i and kinds[i] == "word":
                    i = first_given  # "Soziologe Boris Kagarlizki": the name starts at Boris
                run = kinds[i:j]
                full = len(run) >= 2 and (
                    ("given" in run or "initial" in run)
                    and run.count("word") <= 1
                    or "surname" in run
                    and len(run) <= 3
                )
                if full and run[-1] == "initial" and run[0] != "surname":
                    full = False
                if full:
                    surname = next(
                        (words[k] for k in range(i, j) if kinds[k] == "surname"), words[j - 1]
                    )
                    end = group[j - 1].start() + len(words[j - 1])
                    out.append(
                        LatinMention(group[i].start(), end, tuple(words[i:j]), surname, False)
                    )
                else:
                    for k in range(i, j):
                        self._lone(group[k], words[k], kinds[k], out)
                i = j
        return out

    def _lone(self, m: re.Match[str], word: str, kind: str, out: list[LatinMention]) -> None:
        if kind == "surname" and self.surname_known(word):
            out.append(LatinMention(m.start(), m.start() + len(word), (word,), word, True))
        elif word.endswith("s") and len(word) > 4 and self.surname_known(word[:-1]):
            # German genitive: "Kriegers Freilassung"
            out.append(
                LatinMention(m.start(), m.start() + len(word), (word[:-1],), word[:-1], True)
            )
