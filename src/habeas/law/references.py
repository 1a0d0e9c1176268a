"""Legal references («п. «д» ч. 2 ст. 207.3 УК РФ», "Article 207.3(2)(d)", ``207.3(2)``):
the structured form, its parsing and its Russian and English wording."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache

from habeas.law.errors import LegalReferenceError, PackError, UnknownArticleError
from habeas.law.pack import Article, CountryPack, load_pack

__all__ = ["LegalReference", "parse_references", "closest_articles"]

# Latin spellings of the Cyrillic paragraph letters (transliteration, plus the look-alike
# Latin c and x typed on the wrong keyboard layout).
_LATIN_TO_CYRILLIC = {
    "a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "zh": "ж", "z": "з",
    "i": "и", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р",
    "s": "с", "c": "с", "t": "т", "u": "у", "f": "ф", "h": "х", "kh": "х", "x": "х",
}  # fmt: skip
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
}  # fmt: skip
_PARAGRAPH_LETTERS = set(_CYRILLIC_TO_LATIN)


def paragraph_letter(text: str) -> str:
    """The Cyrillic paragraph letter for ``text`` (``"d"`` and ``"д"`` both give ``"д"``)."""
    letter = text.strip().lower()
    letter = _LATIN_TO_CYRILLIC.get(letter, letter)
    if letter not in _PARAGRAPH_LETTERS:
        raise LegalReferenceError(f"{text!r} is not a paragraph letter")
    return letter


@dataclass(frozen=True)
class LegalReference:
    """A reference to an article of a country's code, with optional part and paragraph.

    ``str()`` gives the canonical form ``RU-UK 207.3(2)(д)``.
    """

    country: str
    code: str
    article: str
    part: str | None = None
    paragraph: str | None = None

    def __post_init__(self) -> None:
        if self.paragraph is not None:
            object.__setattr__(self, "paragraph", paragraph_letter(self.paragraph))
        if self.part is not None:
            # Parts are numbers, some with a sub-number ("ч. 1.1 ст. 205.1"); kept as text.
            part = str(self.part)
            if not is_part_number(part):
                raise LegalReferenceError(f"bad part {self.part!r}")
            object.__setattr__(self, "part", part)

    def __str__(self) -> str:
        return f"{self.country}-{self.code} {self.short()}"

    def short(self) -> str:
        """The interchange form without country and code: ``207.3(2)(д)``."""
        text = self.article
        if self.part is not None:
            text += f"({self.part})"
        if self.paragraph is not None:
            text += f"({self.paragraph})"
        return text

    @property
    def pack(self) -> CountryPack:
        """The country pack the reference belongs to."""
        return load_pack(self.country)

    def info(self) -> Article | None:
        """The pack's facts about the article (None if the pack does not know it)."""
        return self.pack.article(self.article, self.code)

    def format_ru(self) -> str:
        """Russian wording: «п. «д» ч. 2 ст. 207.3 УК РФ»."""
        words = []
        if self.paragraph is not None:
            words.append(f"п. «{self.paragraph}»")
        if self.part is not None:
            words.append(f"ч. {self.part}")
        words.append(f"ст. {self.article}")
        words.append(self.pack.code(self.code).name_ru)
        return " ".join(words)

    def format_en(self) -> str:
        """English wording: "Article 207.3(2)(d) of the Criminal Code of Russia"."""
        text = f"Article {self.article}"
        if self.part is not None:
            text += f"({self.part})"
        if self.paragraph is not None:
            text += f"({_CYRILLIC_TO_LATIN[self.paragraph]})"
        return f"{text} of the {self.pack.code(self.code).name_en}"


# --- tokenising -------------------------------------------------------------------------

_ARTICLE_WORDS = {
    "ст", "стст", "статья", "статьи", "статье", "статьей", "статью", "статей", "статьям",
    "статьями", "art", "arts", "article", "articles",
}  # fmt: skip
_PART_WORDS = {"ч", "чч", "часть", "части", "частью", "частей", "частям", "part", "parts", "pt"}
_PARAGRAPH_WORDS = {
    "п", "пп", "пункт", "пункта", "пунктом", "пункты", "пунктов", "paragraph", "paragraphs",
    "para", "item", "clause", "subparagraph", "letter",
}  # fmt: skip
_SEPARATOR_WORDS = {"и", "and", "а", "также", "or", "или"}
_FILLER_WORDS = {
    "рф", "рб", "of", "the", "russia", "russian", "federation", "belarus", "республики",
    "беларусь", "российской", "федерации", "by", "ru",
}  # fmt: skip
_QUOTES = str.maketrans(
    {c: '"' for c in "«»“”„‟\"'‘’`"} | {"\u00a0": " ", "\u2009": " ", "\u202f": " ", "ё": "е"}
)
_MAX_PARTS = 20


@dataclass
class _Raw:
    article: str
    parts: list[str | None]
    paragraphs: list[str | None]
    code: str | None = None
    explicit_code: bool = False


@dataclass
class _State:
    refs: list[_Raw] = field(default_factory=list)
    group: list[_Raw] = field(default_factory=list)
    pending_parts: list[str] = field(default_factory=list)
    pending_paragraphs: list[str] = field(default_factory=list)
    prefix_code: str | None = None
    open_ref: _Raw | None = None
    expect: str | None = None  # "part" | "paragraph" | None
    backward: bool = False


@cache
def _token_pattern(country: str) -> tuple[re.Pattern[str], dict[str, str]]:
    pack = load_pack(country)
    alias_to_code = {}
    for info in pack.codes.values():
        for alias in (*info.aliases, info.key.lower(), info.name_ru.lower()):
            alias_to_code[alias] = info.key
    aliases = sorted(alias_to_code, key=len, reverse=True)
    alias_re = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in aliases)
    pattern = re.compile(
        rf"(?P<code>(?<![a-zа-я])(?:{alias_re})(?![a-zа-я0-9]))"
        r"|(?P<canon>(?<![a-zа-я])[a-z]{2}-[a-z]+(?![a-zа-я]))"
        r"|\((?P<paren>\s*[0-9]+(?:\.[0-9]+)?\s*|\s*[a-zа-я]{1,2}\s*)\)"
        r'|"\s*(?P<quoted>[a-zа-я]{1,2})\s*"'
        r"|(?P<num>[0-9]+(?:[.\-‑–][0-9]+)*)"
        r"|(?P<word>[a-zа-я]+)\.?"
        r"|(?P<sep>[;,/\n])"
        r'|(?P<space>[\s.:\-–—"]+)'
        r"|(?P<other>.)",
        re.DOTALL,
    )
    return pattern, alias_to_code


def parse_references(text: str, country: str = "RU") -> list[LegalReference]:
    """Parse every legal reference in ``text`` against the ``country`` pack.

    Accepts Russian («ч. 2 ст. 205.2 УК РФ», «п. «д» ч. 2 ст. 207.3», «ст.ст. 280.3, 207.3»,
    «207.3 ч.2 п.д»), English ("Article 207.3(2)(e)") and the interchange form
    (``207.3(2); 280.3``, ``RU-UK 207.3(2)(д)``). Empty text gives ``[]``; an article the
    pack does not know raises :class:`UnknownArticleError`; anything else unreadable raises
    :class:`LegalReferenceError`.
    """
    if not isinstance(text, str):
        raise LegalReferenceError(f"legal references must be text, not {type(text).__name__}")
    try:
        pack = load_pack(country)
    except PackError as exc:
        raise LegalReferenceError(str(exc)) from exc
    cleaned = text.translate(_QUOTES).lower().strip()
    if not cleaned:
        return []
    pattern, alias_to_code = _token_pattern(pack.country)
    state = _State()
    for match in pattern.finditer(cleaned):
        _consume(match, state, pack, alias_to_code, text)
    if state.pending_parts or state.pending_paragraphs or state.expect in {"part", "paragraph"}:
        raise LegalReferenceError(f"part or paragraph without an article in {text!r}")
    for raw in state.group:
        raw.code = raw.code or pack.default_code
    return _resolve(state.refs, pack, text)


def _consume(
    match: re.Match[str], state: _State, pack: CountryPack, aliases: dict[str, str], text: str
) -> None:
    kind = match.lastgroup
    value = match.group(kind) if kind else ""
    if kind == "space":
        return
    if kind == "code":
        code = aliases[re.sub(r"\s+", " ", value)]
        for raw in state.group:
            if raw.code is None:
                raw.code = code
        state.group = []
        state.expect = None
        return
    if kind == "canon":
        country, code = value.split("-", 1)
        keys = {key.lower(): key for key in pack.codes}
        if country != pack.country.lower() or code not in keys:
            raise LegalReferenceError(f"{value.upper()!r} is not a code of {pack.country}")
        state.prefix_code = keys[code]
        return
    if kind == "paren":
        _paren(value.strip(), state, text)
        return
    if kind == "quoted":
        _letter(value, state, text)
        return
    if kind == "num":
        _number(value, state, text)
        return
    if kind == "word":
        _word(value, state, text)
        return
    if kind == "sep":
        state.open_ref = None
        state.backward = False
        if state.expect in {"part_list", "paragraph_list"}:
            state.expect = state.expect.removesuffix("_list")
        return
    raise LegalReferenceError(f"unexpected {value!r} in {text!r}")


def _word(word: str, state: _State, text: str) -> None:
    if word in _ARTICLE_WORDS:
        state.open_ref = None
        state.backward = False
        state.expect = None
        return
    if word in _PART_WORDS:
        _qualifier(state, "part")
        return
    if word in _PARAGRAPH_WORDS:
        _qualifier(state, "paragraph")
        return
    if state.expect in {"paragraph", "paragraph_list"} and len(word) <= 2:
        _letter(word, state, text)
        return
    if word in _SEPARATOR_WORDS:
        state.open_ref = None
        state.backward = False
        if state.expect in {"part_list", "paragraph_list"}:
            state.expect = state.expect.removesuffix("_list")
        return
    if word in _FILLER_WORDS:
        return
    raise LegalReferenceError(f"unexpected word {word!r} in {text!r}")


def _qualifier(state: _State, what: str) -> None:
    ref = state.open_ref
    field_empty = ref is not None and (
        ref.parts == [None] if what == "part" else ref.paragraphs == [None]
    )
    state.backward = bool(field_empty)
    state.expect = what


def is_part_number(value: str) -> bool:
    """Whether ``value`` can number a part of an article: ``2``, ``1.1``."""
    match = _PART_NUMBER.fullmatch(value)
    return bool(match) and 0 < int(match.group(1)) < _MAX_PARTS


_PART_NUMBER = re.compile(r"(\d{1,2})(?:\.\d{1,2})?")


def _number(value: str, state: _State, text: str) -> None:
    small = value.isdigit() and int(value) < _MAX_PARTS
    if state.expect == "part" or (state.expect == "part_list" and small):
        if not is_part_number(value):
            raise LegalReferenceError(f"bad part {value!r} in {text!r}")
        _set_part(state, value)
        state.expect = "part_list"
        return
    if state.expect == "paragraph":
        raise LegalReferenceError(f"paragraph must be a letter, not {value!r}, in {text!r}")
    state.expect = None
    raw = _Raw(
        article=re.sub(r"[\-‑–]", "-", value),
        parts=state.pending_parts or [None],
        paragraphs=state.pending_paragraphs or [None],
    )
    if state.prefix_code:
        raw.code, raw.explicit_code = state.prefix_code, True
        state.prefix_code = None
    state.pending_parts, state.pending_paragraphs = [], []
    state.refs.append(raw)
    if raw.code is None:
        state.group.append(raw)
    state.open_ref = raw
    state.backward = False


def _set_part(state: _State, part: str) -> None:
    if state.backward and state.open_ref is not None:
        parts = state.open_ref.parts
        state.open_ref.parts = [part] if parts == [None] else [*parts, part]
    else:
        state.pending_parts.append(part)


def _letter(value: str, state: _State, text: str) -> None:
    if state.expect not in {"paragraph", "paragraph_list"}:
        raise LegalReferenceError(f"letter {value!r} without 'п.' in {text!r}")
    try:
        letter = paragraph_letter(value)
    except LegalReferenceError as exc:
        raise LegalReferenceError(f"{exc} in {text!r}") from exc
    if state.backward and state.open_ref is not None:
        paragraphs = state.open_ref.paragraphs
        state.open_ref.paragraphs = [letter] if paragraphs == [None] else [*paragraphs, letter]
    else:
        state.pending_paragraphs.append(letter)
    state.expect = "paragraph_list"


def _paren(value: str, state: _State, text: str) -> None:
    ref = state.open_ref
    if ref is None:
        raise LegalReferenceError(f"'({value})' does not follow an article in {text!r}")
    if value[:1].isdigit():
        if ref.parts != [None] or ref.paragraphs != [None]:
            raise LegalReferenceError(f"unexpected part '({value})' in {text!r}")
        if not is_part_number(value):
            raise LegalReferenceError(f"bad part {value!r} in {text!r}")
        ref.parts = [value]
        return
    if ref.paragraphs != [None]:
        raise LegalReferenceError(f"two paragraphs for one article in {text!r}")
    try:
        ref.paragraphs = [paragraph_letter(value)]
    except LegalReferenceError as exc:
        raise LegalReferenceError(f"{exc} in {text!r}") from exc


def _resolve(raws: list[_Raw], pack: CountryPack, text: str) -> list[LegalReference]:
    result: list[LegalReference] = []
    for raw in raws:
        code = raw.code or pack.default_code
        number = re.sub(r"[.\-]", pack.article_separator, raw.article)
        known = pack.articles_of(code)
        if number not in known:
            raise UnknownArticleError(
                number, pack.country, code, closest_articles(number, list(known))
            )
        for part in raw.parts:
            for paragraph in raw.paragraphs:
                ref = LegalReference(pack.country, code, number, part, paragraph)
                if ref not in result:
                    result.append(ref)
    return result


def closest_articles(number: str, known: list[str], limit: int = 3) -> list[str]:
    """The known article numbers nearest to ``number``: best string similarity first,
    then the numerically nearest; only those close to the best match are kept."""

    def numeric(value: str) -> float:
        head = re.split(r"[.\-]", value)
        try:
            return float(head[0]) + (float("0." + head[1]) if len(head) > 1 else 0.0)
        except ValueError:
            return 0.0

    target = numeric(number)
    scored = []
    for candidate in known:
        ratio = difflib.SequenceMatcher(None, number, candidate).ratio()
        scored.append((-round(ratio, 3), abs(numeric(candidate) - target), candidate))
    scored.sort()
    if not scored or -scored[0][0] < 0.5:
        return []
    best = -scored[0][0]
    return [c for score, _, c in scored if -score >= best - 0.05][:limit]
