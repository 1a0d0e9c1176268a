"""Errors raised by the country packs; all are ``ValueError`` subclasses so callers can
catch bad input uniformly."""

from __future__ import annotations

from collections.abc import Sequence


class LawError(ValueError):
    """Base class of every error raised by :mod:`habeas.law`."""


class LegalReferenceError(LawError):
    """Text that cannot be read as a legal reference."""


class UnknownArticleError(LegalReferenceError):
    """A well-formed reference to an article the country pack does not know.

    ``article`` is the number as read, ``code`` the pack's code key, ``suggestions`` the
    closest known article numbers (best first).
    """

    def __init__(
        self, article: str, country: str, code: str, suggestions: Sequence[str] = ()
    ) -> None:
        self.article = article
        self.country = country
        self.code = code
        self.suggestions = list(suggestions)
        message = f"unknown article {article} of {country}-{code}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(self.suggestions) + "?"
        super().__init__(message)


class TermError(LawError):
    """Text that cannot be read as a custodial term."""


class RegimeError(LawError):
    """Text that cannot be read as a custodial regime."""


class PackError(LawError):
    """A country pack that is missing or whose data files are inconsistent."""


class SentenceError(LawError):
    """A sentence specification that cannot be computed (missing or contradictory facts)."""
