"""Value types of the names package: the parsed name and the error raised for non-names."""

from __future__ import annotations

from dataclasses import dataclass, field

from habeas.vocabulary import Gender, Script


class InvalidNameError(ValueError):
    """Raised when a string cannot be read as a person's name (empty, junk, far too long)."""


#: Short alias kept for callers that spell it the way the contract first did.
NameError_ = InvalidNameError


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A personal name split into its parts.

    ``surname``, ``given`` and ``patronymic`` hold the parts as written (whitespace and
    all-capital spelling normalised, case endings kept); :func:`habeas.names.nominative`
    gives the nominative readings.  ``patronymic`` also holds a Western middle name.
    ``given_initial`` / ``patronymic_initial`` say that a part is only an initial ("Б.", "Yu.").
    """

    original: str
    surname: str | None
    given: str | None
    patronymic: str | None
    script: Script
    gender: Gender | None = None
    given_initial: bool = False
    patronymic_initial: bool = False
    order: str = field(default="", compare=False)

    @property
    def initials_only(self) -> bool:
        """True when the given name (and patronymic, if any) are written only as initials."""
        return self.given_initial and (self.patronymic is None or self.patronymic_initial)

    @property
    def full(self) -> str:
        """The name in registry order: "Surname Given Patronymic" (missing parts left out)."""
        return " ".join(p for p in (self.surname, self.given, self.patronymic) if p)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dictionary of the parts, script, gender and flags."""
        return {
            "original": self.original,
            "surname": self.surname,
            "given": self.given,
            "patronymic": self.patronymic,
            "full": self.full,
            "script": self.script.value,
            "gender": self.gender.value if self.gender else None,
            "given_initial": self.given_initial,
            "patronymic_initial": self.patronymic_initial,
            "initials_only": self.initials_only,
            "order": self.order,
        }
