"""What the review screens show: two source records side by side, the model's explanation
as rows with bars, and the decisions that bind a person's records.

The views in :mod:`habeas.web.views.review` stay thin; everything here is plain data for
the templates (no inline styles: the bars are SVG attributes).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from habeas.apps.registry.models import LinkDecision, SourceRecord
from habeas.apps.registry.visibility import Audience, may_see
from habeas.interchange import INTERCHANGE_COLUMNS
from habeas.web.labels import label

#: Interchange columns, in the order the pair page lists them.
FIELD_LABELS: dict[str, Promise] = {
    "source_id": _("Id in the source"),
    "name": _("Name"),
    "name_latin": _("Name in Latin letters"),
    "aliases": _("Other names"),
    "gender": _("Gender"),
    "birth_date": _("Date of birth"),
    "region": _("Region"),
    "articles": _("Articles"),
    "sentence": _("Sentence"),
    "regime": _("Regime"),
    "facility": _("Facility"),
    "facility_address": _("Facility address"),
    "status": _("Status"),
    "detained_on": _("Detained on"),
    "verdict_on": _("Verdict on"),
    "released_on": _("Released on"),
    "recognized_by": _("Recognised by"),
    "source_url": _("Link in the source"),
    "notes": _("Notes"),
    "country": _("Country"),
}

#: The linkage model's comparisons (the keys of an explanation's ``fields``).
COMPARISON_LABELS: dict[str, Promise] = {
    "surname": _("Surname"),
    "given": _("Given name"),
    "patronymic": _("Patronymic"),
    "birth": _("Birth date"),
    "gender": _("Gender"),
    "region": _("Region"),
    "articles": _("Articles"),
    "case_no": _("Case number"),
    "detained": _("Detention date"),
    "facility": _("Facility"),
}

#: The linkage model's comparison levels, as the model names them.
LEVEL_LABELS: dict[str, Promise] = {
    "All other comparisons": _("different"),
    "an article in common": _("an article in common"),
    "two or more articles in common": _("two or more articles in common"),
    "birth years one apart": _("birth years one apart"),
    "day and month swapped, or one day off": _("day and month swapped, or one day off"),
    "equivalent given name (diminutive, foreign form)": _(
        "equivalent given name (diminutive, foreign form)"
    ),
    "given name one edit apart": _("given name one edit apart"),
    "given name two edits apart": _("given name two edits apart"),
    "initial agrees": _("initial agrees"),
    "patronymic two edits apart": _("patronymic two edits apart"),
    "same birth date (to the day)": _("same birth date (to the day)"),
    "same birth month (one side month only)": _("same birth month (one side month only)"),
    "same birth year (one side year only)": _("same birth year (one side year only)"),
    "same case number": _("same case number"),
    "same detention date": _("same detention date"),
    "same detention month": _("same detention month"),
    "same facility (kind and number)": _("same facility (kind and number)"),
    "same father's name": _("same father's name"),
    "same gender": _("same gender"),
    "same given name": _("same given name"),
    "same patronymic": _("same patronymic"),
    "same region": _("same region"),
    "same surname skeleton (gender form, spelling)": _(
        "same surname skeleton (gender form, spelling)"
    ),
    "same surname": _("same surname"),
    "same under another reading": _("same under another reading"),
    "same year, other day": _("same year, other day"),
    "surname one edit apart": _("surname one edit apart"),
    "surname two edits apart": _("surname two edits apart"),
}

#: Verdicts as a reviewer reads them.
VERDICT_LABELS: dict[str, Promise] = {
    "same": _("same person"),
    "not_same": _("not the same"),
    "unsure": _("unsure"),
}

#: Fields holding vocabulary codes, shown with their translated labels.
CODED_FIELDS = frozenset({"gender", "status", "regime"})

#: Half the width of a weight bar's scale, in SVG units.
BAR_HALF = 100


def level_label(level: str) -> str:
    """A comparison level in the reader's language ("… missing" levels read "missing")."""
    found = LEVEL_LABELS.get(level)
    if found is not None:
        return str(found)
    if level.endswith(" missing"):
        return str(_("missing on one side"))
    return level


def verdict_label(verdict: str) -> str:
    """A verdict in the reader's language."""
    return str(VERDICT_LABELS.get(verdict, verdict))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_text(v) for v in value if v not in (None, ""))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items() if v not in (None, ""))
    return str(value).strip()


def source_name(record: SourceRecord, audience: Audience) -> str:
    """The record's source, or "(confidential source)" when the viewer may not see it."""
    if may_see(audience, record.source.confidentiality):
        return record.source.name
    return str(_("(confidential source)"))


@dataclass(frozen=True)
class FieldRow:
    """One interchange field of the two records."""

    field: str
    label: str
    left: str
    right: str

    @property
    def differs(self) -> bool:
        """Both records state the field, with different values."""
        return bool(self.left and self.right and self.left.casefold() != self.right.casefold())

    @property
    def one_sided(self) -> bool:
        """Only one record states the field."""
        return bool(self.left) != bool(self.right)


def compare_records(left: SourceRecord, right: SourceRecord, audience: Audience) -> list[FieldRow]:
    """Every interchange field of both records (fields neither states are left out)."""
    hide_url = {
        side: not may_see(audience, record.source.confidentiality)
        for side, record in (("left", left), ("right", right))
    }
    rows = []
    for field in INTERCHANGE_COLUMNS:
        values = {}
        for side, record in (("left", left), ("right", right)):
            value = _text((record.data or {}).get(field))
            if field in CODED_FIELDS and value:
                value = label(value)
            if field == "source_url" and hide_url[side] and value:
                value = str(_("(confidential source)"))
            values[side] = value
        if not values["left"] and not values["right"]:
            continue
        title = str(FIELD_LABELS.get(field, field))
        rows.append(FieldRow(field, title, values["left"], values["right"]))
    return rows


@dataclass(frozen=True)
class WeightRow:
    """One line of the explanation table, with its bar (SVG coordinates on 0…2·BAR_HALF)."""

    name: str
    label: str
    level: str
    weight: float
    bar_x: float
    bar_width: float

    @property
    def sign(self) -> str:
        """``for``, ``against`` or ``neutral``: the CSS class of the bar."""
        if self.weight > 0:
            return "for"
        if self.weight < 0:
            return "against"
        return "neutral"


def _bar(weight: float, scale: float) -> tuple[float, float]:
    width = round(min(abs(weight) / scale, 1.0) * BAR_HALF, 1)
    return (float(BAR_HALF) if weight >= 0 else BAR_HALF - width), width


def explanation_rows(explanation: Mapping[str, Any]) -> dict[str, Any]:
    """The explanation JSON as table rows: the prior, each field, and the total."""
    fields: Mapping[str, Mapping[str, Any]] = explanation.get("fields") or {}
    prior = float(explanation.get("prior_weight") or 0.0)
    total = float(explanation.get("match_weight") or 0.0)
    weights = [abs(float(f.get("weight") or 0.0)) for f in fields.values()]
    scale = max([*weights, abs(prior), 1.0])
    rows = []
    for name, info in fields.items():
        weight = float(info.get("weight") or 0.0)
        x, width = _bar(weight, scale)
        title = str(COMPARISON_LABELS.get(name, name.replace("_", " ")))
        level = level_label(str(info.get("level") or ""))
        rows.append(WeightRow(name, title, level, weight, x, width))
    x, width = _bar(prior, scale)
    prior_row = WeightRow("prior", str(_("Before comparing")), "", prior, x, width)
    return {"rows": rows, "prior": prior_row, "total": total, "scale": scale}


def decision_in_effect(decisions: Iterable[LinkDecision]) -> list[LinkDecision]:
    """Of a log of decisions (oldest first), those not withdrawn by a later entry."""
    active: dict[tuple[int, int, str], LinkDecision] = {}
    for entry in decisions:
        key = (entry.left_id, entry.right_id, entry.verdict)
        if entry.withdrawn:
            active.pop(key, None)
        else:
            active[key] = entry
    return sorted(active.values(), key=lambda d: (d.decided_at, d.pk))


def last_undoable(user: Any) -> LinkDecision | None:
    """The user's latest decision that is still in effect (what "undo" withdraws).

    Two queries whatever the history: the user's latest decisions, and the withdrawals of
    their pairs.
    """
    mine = list(
        LinkDecision.objects.filter(user=user, withdrawn=False).order_by("-decided_at", "-pk")[:50]
    )
    if not mine:
        return None
    pairs = Q()
    for decision in mine:
        pairs |= Q(left_id=decision.left_id, right_id=decision.right_id)
    withdrawals = list(
        LinkDecision.objects.filter(pairs, withdrawn=True).values_list(
            "left_id", "right_id", "verdict", "pk"
        )
    )
    for decision in mine:
        key = (decision.left_id, decision.right_id, decision.verdict)
        if not any(w[:3] == key and w[3] > decision.pk for w in withdrawals):
            return decision
    return None
