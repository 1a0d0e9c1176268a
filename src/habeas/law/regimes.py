"""Reading custodial regimes (UK RF art. 58) from codes, English and Russian wording."""

from __future__ import annotations

import re

from habeas.law.errors import RegimeError
from habeas.vocabulary import Regime

__all__ = ["parse_regime", "REGIME_NAMES_RU", "REGIME_NAMES_EN"]

REGIME_NAMES_RU: dict[Regime, str] = {
    Regime.SETTLEMENT: "колония-поселение",
    Regime.GENERAL: "исправительная колония общего режима",
    Regime.STRICT: "исправительная колония строгого режима",
    Regime.SPECIAL: "исправительная колония особого режима",
    Regime.PRISON: "тюрьма",
    Regime.EDUCATIONAL: "воспитательная колония",
}
REGIME_NAMES_EN: dict[Regime, str] = {
    Regime.SETTLEMENT: "colony-settlement",
    Regime.GENERAL: "general-regime penal colony",
    Regime.STRICT: "strict-regime penal colony",
    Regime.SPECIAL: "special-regime penal colony",
    Regime.PRISON: "prison",
    Regime.EDUCATIONAL: "juvenile (educational) colony",
}

# Words that name a regime, in any case form the registry's sources use.
_REGIME_WORDS: dict[str, Regime] = {}
for _regime, _words in {
    Regime.SETTLEMENT: "settlement поселение поселения поселении поселением кп колония-поселение "
    "колонии-поселении колонию-поселение open",
    Regime.GENERAL: "general common общий общего общем общ",
    Regime.STRICT: "strict строгий строгого строгом строг",
    Regime.SPECIAL: "special особый особого особом особ",
    Regime.PRISON: "prison тюрьма тюрьмы тюрьме тюрьму тюремный тюремного тюремное т",
    Regime.EDUCATIONAL: "educational juvenile воспитательная воспитательной воспитательную "
    "воспитательные вк",
}.items():
    for _word in _words.split():
        _REGIME_WORDS[_word] = _regime

# Words that may surround a regime name without changing it.
_FILLER = set(
    [
        "ик",
        "исправительная",
        "исправительной",
        "исправительную",
        "исправительного",
        "исправительные",
        "колония",
        "колонии",
        "колонию",
        "режим",
        "режима",
        "режиме",
        "режимом",
        "в",
        "с",
        "отбыванием",
        "отбывания",
        "наказания",
        "вида",
        "учреждения",
        "учреждение",
        "regime",
        "colony",
        "penal",
        "correctional",
        "in",
        "a",
        "the",
        "of",
        "facility",
        "security",
    ]
)
_WORD = re.compile(r"[a-zа-я]+(?:-[a-zа-я]+)?|[0-9]+")


def parse_regime(text: str) -> Regime:
    """Read a regime: an English code (``general``) or wording such as «общего режима»,
    «ИК строгого режима», «колония-поселение», «тюрьма», «воспитательная колония».

    Every word must be either a regime word or a neutral word («исправительная колония»,
    «режим»); text naming two different regimes, or none, raises :class:`RegimeError`.
    """
    if isinstance(text, Regime):
        return text
    if not isinstance(text, str):
        raise RegimeError(f"a regime must be text, not {type(text).__name__}")
    cleaned = text.strip().lower().replace("ё", "е")
    try:
        return Regime(cleaned)
    except ValueError:
        pass
    found: set[Regime] = set()
    words = _WORD.findall(cleaned)
    leftover = _WORD.sub(" ", cleaned).strip(" .,;:-()«»\"'№")
    if leftover or not words:
        raise RegimeError(f"cannot read a regime from {text!r}")
    for word in words:
        if word in _REGIME_WORDS:
            found.add(_REGIME_WORDS[word])
        elif word.isdigit() or word in _FILLER:
            continue
        elif "-" in word and all(
            part in _FILLER or part in _REGIME_WORDS for part in word.split("-")
        ):
            found.update(_REGIME_WORDS[part] for part in word.split("-") if part in _REGIME_WORDS)
        elif word.startswith("усилен"):
            raise RegimeError(
                f"{text!r} is a reinforced regime (Belarus), which has no Regime code yet"
            )
        else:
            raise RegimeError(f"unknown word {word!r} in regime {text!r}")
    if len(found) != 1:
        what = "no regime" if not found else "several regimes"
        raise RegimeError(f"{what} in {text!r}")
    return found.pop()
