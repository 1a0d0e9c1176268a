"""Finding person-name mentions in Russian text with pymorphy3 and a few rules."""

from __future__ import annotations

import re

from habeas.extract.agreement import settle_genders
from habeas.extract.lexicon import patterns
from habeas.extract.model import Mention
from habeas.extract.nominative import WordInfo, analyse, surname_variants
from habeas.extract.readings import GOVERNING, context_cases, gender_after, read_name
from habeas.names.inflect import case_forms

_TOKEN = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?|(?<![А-ЯЁа-яё])[А-ЯЁ]\.")
_SURNAME_SHAPE = re.compile(
    r"(?:ов|ев|ёв|ин|ын|[сц]к)(?:а|у|ым|ой|ом|е|ого|ому|им|ая|ую|ий)?$|(?:енко|швили|дзе|ян)$"
)
_ROLE_WORD = re.compile(
    "|".join(rx.pattern for rx in patterns("ru").roles.values()), re.I
)  # «Гособвинитель», «Адвокат»: role nouns are never name parts
_PLACE_PREP = re.compile(r"(?<![А-Яа-яЁё])(?:из|в|во|под|около|до|через)\s+$", re.I)
_PREV_WORD = re.compile(r"(?<![А-ЯЁа-яё])([А-ЯЁа-яё][а-яё]*)\s*$")
_OBJECT_VERB = patterns("ru").cues["object_verb"]
_PREV_NOUN = re.compile(r"(?<![А-Яа-яЁё])([А-ЯЁа-яё][а-яё]+)\s+$")
_NOT_NAMES = frozenset(
    [
        "суд",
        "судья",
        "адвокат",
        "прокурор",
        "следователь",
        "свидетель",
        # «Свидетель Иеговы»: the name of a faith («Свидетельницу Иеговы Марину …»)
        "иегова",
        "иеговы",
        "мосгорсуд",
        "россия",
        "москва",
        "петербург",
        "украина",
        "крым",
        "фсб",
        "фсин",
        "мвд",
        "ск",
        "уфсин",
        "сизо",
        "ик",
        "уголовный",
        "кодекс",
        "статья",
        "мемориал",
        "президент",
        "министр",
        "генпрокуратура",
        "росгвардия",
        "путин",
    ]
)


def _kind(tok: str, info: WordInfo | None) -> str:
    """``init``, ``given``, ``patr``, ``surn`` or ``other`` for one capitalised token."""
    if tok.endswith("."):
        return "init"
    assert info is not None
    if tok.lower() in _NOT_NAMES or info.place or _ROLE_WORD.fullmatch(tok):
        return "other"
    if info.patronymic:
        return "patr"
    if info.given and info.common < 0.8:
        return "given"
    if info.surname or not info.known:
        return "surn"
    if info.given:
        return "given?"
    return "other"


def _case_hint(text: str, start: int) -> frozenset[str]:
    """Cases the word before a name allows for it (see ``readings.context_cases``)."""
    base = max(0, start - 30)
    m = _PREV_WORD.search(text[base:start])
    if not m:
        return frozenset()
    if m.group(1)[:1].isupper() and m.group(1).lower() not in GOVERNING:
        return _after_capitalised(text, base + m.start(), m.group(1))
    if _OBJECT_VERB.fullmatch(m.group(1)):
        return frozenset({"accs"})
    cases = context_cases(m.group(1))
    # «организатору ячейки Ивану Петрову»: a genitive noun hangs on the noun before it, and
    # the name may stand in apposition to that one
    if "gent" in cases and m.group(1) not in GOVERNING:
        at = base + m.start()
        m2 = _PREV_NOUN.search(text[max(0, at - 30) : at])
        if m2 and m2.group(1).lower() not in GOVERNING:
            cases |= context_cases(m2.group(1).lower())
    return cases


def _after_capitalised(text: str, at: int, word: str) -> frozenset[str]:
    """Round 16: cases a name may take after a capitalised word. A common word opening the
    sentence is read as any other («Активистку Лилию …»); a place or a person in the
    genitive hands over to the noun before it, which the name stands in apposition to
    («жителю Новочебоксарска Эдуарду …», «адвоката Ибраимова Эдема Велиева»)."""
    info = analyse(word)
    if info.known and not (info.given or info.surname or info.patronymic or info.place):
        low = word.lower()
        return frozenset({"accs"}) if _OBJECT_VERB.fullmatch(low) else context_cases(low)
    m = _PREV_NOUN.search(text[max(0, at - 30) : at])
    if m is None or m.group(1).lower() in GOVERNING:
        return frozenset()
    return context_cases(m.group(1).lower())


# the word right after a name: a verb (no comma between) or «который» (after a comma)
_NEXT_WORD = re.compile(r"(?P<comma>\s*,)?\s*(?P<word>[а-яё]+)\b")


def _gender_hint(text: str, start: int, end: int) -> str:
    """The gender the word after a name shows (``readings.gender_after``); a verb counts
    only with no comma between and when no preposition or verdict verb before the name
    governs an oblique case."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return ""
    word = m.group("word")
    if m.group("comma") and not word.startswith("котор"):
        return ""
    prev = _PREV_WORD.search(text[max(0, start - 30) : start])
    governed = prev is not None and (
        prev.group(1) in GOVERNING or _OBJECT_VERB.fullmatch(prev.group(1)) is not None
    )
    return gender_after(word, not governed)


_ROLES = {"given": "given", "given?": "given", "patr": "patronymic", "init": "given"}


def _groups(text: str) -> list[list[re.Match[str]]]:
    groups: list[list[re.Match[str]]] = []
    for m in _TOKEN.finditer(text):
        if groups:
            gap = text[groups[-1][-1].end() : m.start()]
            if len(gap) <= 2 and gap.strip() == "" and "\n" not in gap:
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups


def _split(tokens: list[re.Match[str]], kinds: list[str]) -> list[tuple[int, int]]:
    """Runs of name-like tokens inside a group (indices ``[i, j)``)."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if kinds[i] == "other":
            i += 1
            continue
        j = i
        while j < len(tokens) and kinds[j] != "other" and j - i < 4:
            j += 1
        runs.append((i, j))
        i = j
    return runs


def find_mentions_ru(text: str) -> list[Mention]:
    """Person mentions: full names, initials with surname, and lone surname candidates."""
    out: list[Mention] = []
    for group in _groups(text):
        infos = [None if m.group().endswith(".") else analyse(m.group()) for m in group]
        kinds = _surnames_by_neighbour(
            [m.group() for m in group],
            [_kind(m.group(), info) for m, info in zip(group, infos, strict=True)],
            # «Егору Вайсману»: a word morphology only guesses, as a place or as a surname,
            # is no place after a given name
            [bool(info and info.place and (info.known or not info.surname)) for info in infos],
            [bool(info and info.given) for info in infos],
            [bool(info and info.surname) for info in infos],
            [bool(info and not info.known and not info.surname) for info in infos],
        )
        runs: list[tuple[int, int]] = []
        for i, j in _split(group, kinds):
            # «Адвокат Олега Прохорова Инна Брагина»: given–surname twice is two names
            if j - i == 4 and kinds[i:j] == ["given", "surn", "given", "surn"]:
                runs += [(i, i + 2), (i + 2, j)]
            else:
                runs.append((i, j))
        for i, j in runs:
            run, rk = group[i:j], kinds[i:j]
            while run and rk[-1] == "init":
                run, rk = run[:-1], rk[:-1]
            if not run:
                continue
            # «Адвокат Кирсановой Михаил Горин»: a surname in another case, then a full name
            if (
                len(run) == 3
                and rk[0] == "surn"
                and rk[1] == "given"
                and (
                    rk[2] == "surn"
                    or rk[2] in ("given", "given?")
                    and _SURNAME_SHAPE.search(run[2].group().lower())
                )
            ):
                first = run[0]
                out.append(_lone(text, first.start(), first.end(), first.group()))
                run, rk = run[1:], rk[1:]
            # «бухгалтер из Владимира Валентина Гречаник»: after a place preposition the
            # first of two given names is the town
            if (
                len(run) >= 3
                and rk[0] == "given"
                and rk[1] in ("given", "given?")
                and _PLACE_PREP.search(text, max(0, run[0].start() - 8), run[0].start())
            ):
                run, rk = run[1:], rk[1:]
            words = [m.group() for m in run]
            start, end = run[0].start(), run[-1].end()
            has_given = any(k in ("given", "patr") for k in rk) or ("given?" in rk and "surn" in rk)
            has_init = "init" in rk
            surn_idx = [n for n, k in enumerate(rk) if k in ("surn", "given?")]
            if len(run) >= 2 and (has_given or has_init) and (surn_idx or rk.count("given") >= 2):
                sidx = surn_idx[-1] if surn_idx else len(rk) - 1
                if rk[0] in ("surn",) and len(rk) >= 2 and rk[1] in ("given", "given?"):
                    sidx = 0
                roles = tuple(
                    "surname" if n == sidx else _ROLES.get(k, "surname") for n, k in enumerate(rk)
                )
                # a full name right after another full name: the word before is a name,
                # not a word that governs this one's case
                at = group.index(run[0])
                after_name = at >= 2 and kinds[at - 2 : at] == ["given", "surn"]
                hint = frozenset() if after_name else _case_hint(text, start)
                noms, ok = read_name(tuple(words), roles, hint, _gender_hint(text, start, end))
                noms = _dative_given(words, noms, sidx, infos[at : at + len(words)])
                plural = _PLURAL_SURNAME.search(words[sidx])
                if (
                    plural is not None
                    and len(words) == 2
                    # «Петром Горюновым»: an instrumental singular, not a plural
                    and not (words[sidx].endswith("ым") and words[1 - sidx].endswith(("ом", "ем")))
                    and _COORD_BEFORE.search(text, max(0, start - 40), start)
                ):
                    # «братьям Максиму и Владиславу Горюновым»: brothers' shared surname in the
                    # plural; each given name (read alone) with the singular surname
                    noms, ok = _plural_pair(text, start, words, sidx, plural, out)
                    roles = ()
                given = next(
                    (
                        noms[n]
                        for n, k in enumerate(rk)
                        if k in ("given", "init") or k == "given?" and n != sidx
                    ),
                    "",
                )
                mention = Mention(start, end, text[start:end], noms, noms[sidx], given)
                mention.verified = ok
                mention.roles, mention.hint = roles, hint
                out.append(mention)
            elif len(run) == 1 and rk[0] in ("surn", "given?") and len(words[0]) > 2:
                out.append(_lone(text, start, end, words[0]))
    settle_genders(text, out, _case_hint)
    out += _known_surnames(text, out)
    return out + _known_given(text, out)


def _dative_given(
    words: list[str], noms: tuple[str, ...], sidx: int, infos: list[WordInfo | None]
) -> tuple[str, ...]:
    """«Эскендеру Абибуллаеву»: beside a surname read back from the dative («-ову», «-еву»),
    a given name no dictionary knows loses its own dative «-у» after a consonant."""
    if len(words) != 2 or not (words[sidx].endswith("у") and noms[sidx] + "у" == words[sidx]):
        return noms
    g = 1 - sidx
    info = infos[g] if g < len(infos) else None
    word = words[g]
    if (
        info is None
        or info.known
        or noms[g] != word
        or not re.search(r"[бвгджзклмнпрстфхцчшщ]у$", word)
    ):
        return noms
    out = list(noms)
    out[g] = word[:-1]
    return tuple(out)


_PLURAL_SURNAME = re.compile(r"(?<=[а-яё])(ов|ев|ёв|ин|ын)(?:ы|ым|ыми|ых)$")
# «Максиму и » right before the name: a given name coordinated with it
_COORD_BEFORE = re.compile(r"(?<![А-Яа-яЁё])[А-ЯЁ][а-яё]+\s+и\s+$")


def _plural_pair(
    text: str,
    start: int,
    words: list[str],
    sidx: int,
    plural: re.Match[str],
    out: list[Mention],
) -> tuple[tuple[str, ...], bool]:
    """Nominatives of «Владиславу Горюновым» (a given name and a plural surname) as one
    person, «Владислав Горюнов»; the given name before «и» («Максиму») becomes a mention of
    «Максим Горюнов» in ``out``."""
    hint = _case_hint(text, start)
    gidx = 1 - sidx
    stem = words[sidx][: plural.start()] + plural.group(1)

    def singular(given_word: str, at: int) -> tuple[str, str]:
        given = read_name((given_word,), ("given",), _case_hint(text, at) or hint)[0][0]
        female = given.endswith(("а", "я")) and given not in ("Никита", "Илья", "Фома", "Кузьма")
        return given, stem + ("а" if female else "")

    given, surname = singular(words[gidx], start)
    first = _COORD_BEFORE.search(text, max(0, start - 40), start)
    if first is not None:
        word = first.group().split()[0]
        at = first.start()
        g0, s0 = singular(word, at)
        mention = Mention(at, at + len(word), word, (g0, s0), s0, g0)
        out.append(mention)
    noms = (given, surname) if gidx == 0 else (surname, given)
    return noms, True


def _known_given(text: str, found: list[Mention]) -> list[Mention]:
    """Lone given names after the full name of the one person in the text who has that given
    name («Максим Горюнов … 20-летнего Владислава …» after «Владиславу Горюновым»; «Рустема
    и Ленура задержали» after «КУРТСЕИТОВ Рустем Энверович»): a mention of that person."""
    owners: dict[str, set[str]] = {}
    first: dict[str, Mention] = {}
    for m in sorted(found, key=lambda m: m.start):
        if m.lone or not m.given or not m.surname or m.given.endswith("."):
            continue
        owners.setdefault(m.given, set()).add(m.surname.lower().replace("ё", "е"))
        first.setdefault(m.given, m)
    by_form: dict[str, str] = {}
    for given, surnames in owners.items():
        if len(surnames) == 1:
            for form in case_forms(given, "given", None).values():
                by_form[form.lower()] = given
    if not by_form:
        return []
    taken_at = [range(m.start, m.end) for m in found]
    out: list[Mention] = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        given = by_form.get(word.lower())
        if given is None:
            continue
        owner = first[given]
        if m.start() < owner.end or any(m.start() in r for r in taken_at):
            continue
        mention = Mention(m.start(), m.end(), word, (given, owner.surname), owner.surname, given)
        mention.verified = False
        out.append(mention)
    return out


def _surnames_by_neighbour(
    words: list[str],
    kinds: list[str],
    places: list[bool] | None = None,
    givens: list[bool] | None = None,
    surnames: list[bool] | None = None,
    unknown: list[bool] | None = None,
) -> list[str]:
    """A surname-shaped word next to a given name or patronymic is a surname even when
    morphology reads it as a common word or a guessed place («Всеволоду Лыкову»); so is any
    capitalised common word right after a given name that is not a place («Артёма Пака»,
    «Виктора Цоя»)."""
    out = list(kinds)
    places = places or [False] * len(words)
    givens = givens or [False] * len(words)
    for n, (word, kind) in enumerate(zip(words, kinds, strict=True)):
        # «Романа Осипова»: a given name that is also a surname or a common word («роман»),
        # before a surname and after no other name part, is the given name
        if (
            kind == "surn"
            and givens[n]
            and (n == 0 or kinds[n - 1] == "other")
            and n + 1 < len(kinds)
            and kinds[n + 1] == "surn"
            and not givens[n + 1]
        ):
            out[n] = "given"
            continue
        # «Ремзи Велиляеву», «Эскендеру Абибуллаеву»: a word no dictionary knows, before a
        # word read as a surname and after no other name part, is a given name
        if (
            kind == "surn"
            and unknown is not None
            and surnames is not None
            and unknown[n]
            and (n == 0 or kinds[n - 1] == "other")
            and n + 2 == len(kinds)
            and kinds[n + 1] == "surn"
            and surnames[n + 1]
        ):
            out[n] = "given"
            continue
        near = kinds[n - 1 : n] + kinds[n + 1 : n + 2]
        after_given = n > 0 and kinds[n - 1] == "given" and not places[n]
        if (
            kind == "other"
            and word.lower() not in _NOT_NAMES
            and not _ROLE_WORD.fullmatch(word)
            and (
                _SURNAME_SHAPE.search(word.lower())
                and any(k in ("given", "given?", "patr") for k in near)
                or after_given
            )
        ):
            out[n] = "surn"
    return out


def _known_surnames(text: str, found: list[Mention]) -> list[Mention]:
    """Lone words that are a case form of a surname already named in full («Лыкова»
    after «Всеволоду Лыкову»), though morphology reads them as common words."""
    surnames = {m.surname.lower().replace("ё", "е") for m in found if not m.lone}
    taken = {(m.start, m.end) for m in found}
    taken_at = [range(m.start, m.end) for m in found]
    out: list[Mention] = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        if (m.start(), m.end()) in taken or any(m.start() in r for r in taken_at):
            continue
        if word.endswith(".") or len(word) < 4 or word.lower() in _NOT_NAMES:
            continue
        if surname_variants(word) & surnames:
            out.append(_lone(text, m.start(), m.end(), word))
    return out


def _lone(text: str, start: int, end: int, word: str) -> Mention:
    hint = _case_hint(text, start)
    nom = read_name((word,), ("surname",), hint)[0][0] if hint else word
    mention = Mention(start, end, word, (nom,), nom, "", lone=True, variants=surname_variants(word))
    mention.hint = hint
    return mention
