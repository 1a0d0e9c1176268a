"""Translated labels for the registry's vocabulary codes (see :mod:`habeas.vocabulary`)."""

from __future__ import annotations

from enum import Enum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LABELS: dict[str, Promise] = {
    # gender
    "male": _("Male"),
    "female": _("Female"),
    "other": _("Other"),
    # status
    "pretrial_detention": _("Pre-trial detention"),
    "house_arrest": _("House arrest"),
    "restricted": _("Restrictions"),
    "imprisoned": _("Imprisoned"),
    "compulsory_treatment": _("Compulsory treatment"),
    "released": _("Released"),
    "exchanged": _("Exchanged"),
    "abroad": _("Abroad"),
    "died": _("Died"),
    "unknown": _("Unknown"),
    # custody kinds
    "detention_after_arrest": _("Detention after arrest"),
    "ban_on_actions": _("Ban on certain actions"),
    "colony": _("Penal colony"),
    "prison": _("Prison"),
    "strict_conditions": _("Strict conditions"),
    # events
    "detained": _("Detained"),
    "charged": _("Charged"),
    "verdict": _("Verdict"),
    "appeal": _("Appeal"),
    "cassation": _("Cassation"),
    "transfer": _("Transfer"),
    "punishment_cell": _("Punishment cell"),
    "hunger_strike": _("Hunger strike"),
    "health_emergency": _("Health emergency"),
    "died_in_custody": _("Died in custody"),
    "left_country": _("Left the country"),
    # release kinds
    "term_served": _("Term served"),
    "pardon": _("Pardon"),
    "exchange": _("Exchange"),
    "acquittal": _("Acquittal"),
    "parole": _("Parole"),
    "deportation": _("Deportation"),
    "amnesty": _("Amnesty"),
    # regimes
    "settlement": _("Colony-settlement"),
    "general": _("General regime"),
    "strict": _("Strict regime"),
    "special": _("Special regime"),
    "educational": _("Educational colony"),
    # facility types
    "pretrial_centre": _("Pre-trial detention centre"),
    "temporary_detention": _("Temporary detention facility"),
    "colony_settlement": _("Colony-settlement"),
    "juvenile_colony": _("Juvenile colony"),
    "medical_colony": _("Medical colony"),
    "psychiatric_hospital": _("Psychiatric hospital"),
    # confidentiality
    "public": _("Public"),
    "internal": _("Internal (organisations' staff)"),
    "confidential": _("Confidential (named roles)"),
    # profile fields (in "where sources disagree")
    "status": _("Status"),
    "gender": _("Gender"),
    "region": _("Region"),
    "birth_date": _("Date of birth"),
    # sentence stages
    "first_instance": _("First instance"),
    # source kinds
    "organisation_list": _("Organisation's list"),
    "court": _("Court record"),
    "news": _("News report"),
    "document": _("Document"),
    "lawyer": _("Lawyer"),
    "family": _("Family"),
    "announcement": _("Announcement"),
    "editorial": _("Editorial entry"),
}


def label(code: str | None) -> str:
    """The translated label of a vocabulary code (the code itself when unknown)."""
    if not code:
        return ""
    found = LABELS.get(str(code))
    return str(found) if found is not None else str(code).replace("_", " ")


def label_choices(vocabulary: type[Enum]) -> list[tuple[str, Promise | str]]:
    """Form choices with translated labels, in the vocabulary's order."""
    return [(m.value, LABELS.get(m.value, m.value)) for m in vocabulary]
