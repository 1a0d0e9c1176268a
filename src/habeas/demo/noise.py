"""The imperfections of real lists: typos, ё/е, swapped letters, transposed dates."""

from __future__ import annotations

import random
from datetime import date, timedelta

# letters often confused in hand-typed Russian lists (sound-alike or neighbouring keys)
_CONFUSED = {
    "а": "о", "о": "а", "е": "и", "и": "е", "ы": "и", "я": "а", "ю": "у", "у": "ю",
    "с": "з", "з": "с", "т": "д", "д": "т", "б": "п", "п": "б", "в": "ф", "ф": "в",
    "ш": "щ", "щ": "ш", "н": "м", "м": "н", "к": "г", "г": "к", "л": "д", "р": "п",
    "й": "и", "ь": "", "ъ": "ь", "ё": "е", "э": "е", "ц": "с", "ч": "щ", "х": "к", "ж": "ш",
}  # fmt: skip
_LATIN_CONFUSED = {"i": "y", "y": "i", "e": "a", "a": "e", "o": "a", "k": "c", "s": "z", "v": "w"}


def yo_to_e(text: str) -> str:
    """Write ё as е, as most lists do."""
    return text.replace("ё", "е").replace("Ё", "Е")


def typo(word: str, rng: random.Random) -> str:
    """One realistic edit inside the word (the first letter is kept)."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.random()
    table = _LATIN_CONFUSED if word.isascii() else _CONFUSED
    if op < 0.45:  # a confused letter
        ch = word[i].lower()
        repl = table.get(ch)
        if repl is None:
            return word[:i] + word[i + 1 :]
        return word[:i] + repl + word[i + 1 :]
    if op < 0.7:  # two neighbouring letters swapped
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op < 0.85:  # a letter dropped
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]  # a letter doubled


def shifted_birth(d: date, rng: random.Random) -> date:
    """A birth date as a careless source writes it: day and month swapped, or a day off."""
    if d.day <= 12 and d.day != d.month:
        return date(d.year, d.day, d.month)
    return d + timedelta(days=rng.choice((-1, 1)))
