"""Forms of the release-list and reconciliation screens (over :mod:`habeas.releases`)."""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from habeas.lists.criteria import Criteria
from habeas.releases.models import ListEntry, ListVersion, ReleaseList
from habeas.releases.outcome import OUTCOMES
from habeas.vocabulary import Gender, Status
from habeas.web.labels import label_choices

#: Health flags a list may select on (see docs/lists.md).
HEALTH_CHOICES = [
    ("serious_illness", _("Serious illness")),
    ("disability", _("Disability")),
]

AUDIENCE_CHOICES = [
    (ListVersion.Audience.COUNTERPART, _("Counterpart (names, articles, sentence, facility)")),
    (ListVersion.Audience.PUBLIC, _("Public (adds status, region, recognitions)")),
    (ListVersion.Audience.INTERNAL, _("Internal (everything, with priorities and reasons)")),
]

OUTCOME_LABELS = {
    "released": _("Released"),
    "exchanged": _("Exchanged"),
    "pardoned": _("Pardoned"),
    "deported": _("Deported"),
}

LANG_CHOICES = [
    ("auto", _("Detect")),
    ("ru", _("Russian")),
    ("en", _("English")),
    ("de", _("German")),
]

#: Column headings of a version's fields.
FIELD_LABELS = {
    "ref": _("Ref."),
    "name": _("Name"),
    "name_latin": _("Name in Latin letters"),
    "birth_date": _("Date of birth"),
    "gender": _("Gender"),
    "status": _("Status"),
    "region": _("Region"),
    "citizenships": _("Citizenship"),
    "articles": _("Articles"),
    "charges": _("Charges"),
    "sentence": _("Sentence"),
    "regime": _("Regime"),
    "facility": _("Facility"),
    "detained_on": _("Detained on"),
    "release_due": _("Release due (estimate)"),
    "recognitions": _("Recognised by"),
    "priority": _("Priority"),
    "priority_reasons": _("Priority reasons"),
    "why": _("Why on the list"),
}

_SPLIT = re.compile(r"[\n;,]+")


def _words(value: str) -> tuple[str, ...]:
    """Values typed one a line, or separated by commas or semicolons."""
    return tuple(dict.fromkeys(v.strip() for v in _SPLIT.split(value or "") if v.strip()))


def _text(values: Any) -> str:
    return "\n".join(str(v) for v in values or ())


class ListForm(forms.Form):
    """A list's name, title and criteria (AND across fields, OR within one)."""

    name = forms.SlugField(
        label=_("Name"), max_length=100, help_text=_("Short and unique, e.g. exchange-2026")
    )
    title = forms.CharField(label=_("Title (printed on exports)"), max_length=300, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    statuses = forms.MultipleChoiceField(
        label=_("Status"),
        choices=label_choices(Status),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    articles = forms.CharField(
        label=_("Articles"), required=False, help_text=_("e.g. 207.3, or 205* for 205 and 205.x")
    )
    regions = forms.CharField(label=_("Regions"), required=False, widget=forms.Textarea)
    facilities = forms.CharField(
        label=_("Facilities (part of the name)"), required=False, widget=forms.Textarea
    )
    recognised_by = forms.CharField(label=_("Recognised by (organisation)"), required=False)
    recognition_criteria = forms.CharField(
        label=_("PACE 1900 criteria (letters)"), required=False, help_text=_("e.g. a, e")
    )
    genders = forms.MultipleChoiceField(
        label=_("Gender"),
        choices=label_choices(Gender),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    age_min = forms.IntegerField(label=_("Age at least"), required=False, min_value=0)
    age_max = forms.IntegerField(label=_("Age at most"), required=False, min_value=0)
    health = forms.MultipleChoiceField(
        label=_("Health"),
        choices=HEALTH_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sentence_min_months = forms.IntegerField(
        label=_("Sentence at least (months)"), required=False, min_value=0
    )
    sentence_max_months = forms.IntegerField(
        label=_("Sentence at most (months)"), required=False, min_value=0
    )
    remaining_min_months = forms.IntegerField(
        label=_("Still to serve at least (months)"), required=False, min_value=0
    )
    remaining_max_months = forms.IntegerField(
        label=_("Still to serve at most (months)"), required=False, min_value=0
    )
    citizenships = forms.CharField(
        label=_("Citizenship"), required=False, help_text=_("ISO codes (DE), or foreign")
    )
    weights = forms.CharField(
        label=_("Priority weights (TOML, optional)"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Overrides of the default weights, e.g. [weights] elderly = 4"),
    )

    def __init__(self, *args: Any, instance: ReleaseList | None = None, **kwargs: Any) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(instance)
        super().__init__(*args, **kwargs)
        self.instance = instance
        if instance is not None:
            self.fields["name"].disabled = True

    @staticmethod
    def initial_for(release_list: ReleaseList) -> dict[str, Any]:
        """The form's values for an existing list."""
        crit = release_list.criteria or {}
        initial: dict[str, Any] = {
            "name": release_list.name,
            "title": release_list.title,
            "description": release_list.description,
        }
        for key in ("statuses", "genders", "health"):
            initial[key] = list(crit.get(key, []))
        for key in (
            "articles",
            "regions",
            "facilities",
            "recognised_by",
            "recognition_criteria",
            "citizenships",
        ):
            initial[key] = _text(crit.get(key))
        for key in (
            "age_min",
            "age_max",
            "sentence_min_months",
            "sentence_max_months",
            "remaining_min_months",
            "remaining_max_months",
        ):
            initial[key] = crit.get(key)
        if release_list.weights:
            initial["weights"] = _toml(release_list.weights)
        return initial

    def clean_weights(self) -> dict[str, Any]:
        """The TOML text as a dict (the service checks the names and values)."""
        text = self.cleaned_data.get("weights") or ""
        try:
            return tomllib.loads(text) if text.strip() else {}
        except tomllib.TOMLDecodeError as exc:
            raise forms.ValidationError(
                _("Not valid TOML: %(error)s"), params={"error": exc}
            ) from exc

    def criteria(self) -> Criteria:
        """The criteria the form states."""
        data = self.cleaned_data
        return Criteria(
            statuses=tuple(data.get("statuses") or ()),
            recognised_by=_words(data.get("recognised_by", "")),
            recognition_criteria=_words(data.get("recognition_criteria", "")),
            articles=tuple(a for w in _words(data.get("articles", "")) for a in w.split()),
            regions=_words(data.get("regions", "")),
            facilities=_words(data.get("facilities", "")),
            genders=tuple(data.get("genders") or ()),
            age_min=data.get("age_min"),
            age_max=data.get("age_max"),
            health=tuple(data.get("health") or ()),
            sentence_min_months=data.get("sentence_min_months"),
            sentence_max_months=data.get("sentence_max_months"),
            remaining_min_months=data.get("remaining_min_months"),
            remaining_max_months=data.get("remaining_max_months"),
            citizenships=_words(data.get("citizenships", "")),
        )


def _toml(weights: dict[str, Any]) -> str:
    """A small TOML writer for the weights dict (tables of numbers)."""
    lines: list[str] = []
    for section, values in weights.items():
        if isinstance(values, dict):
            lines.append(f"[{section}]")
            lines.extend(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in values.items())
        else:
            lines.insert(0, f"{section} = {json.dumps(values, ensure_ascii=False)}")
    return "\n".join(lines)


class EntryForm(forms.Form):
    """Include or exclude one person by hand, with the reason."""

    person = forms.CharField(
        label=_("Person: name, id or HBS number"),
        max_length=200,
        help_text=_("A name in any script; when several persons match you choose one."),
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            (ListEntry.Action.INCLUDE, _("Include")),
            (ListEntry.Action.EXCLUDE, _("Exclude")),
        ],
    )
    reason = forms.CharField(label=_("Reason"), max_length=500)


class FreezeForm(forms.Form):
    """Freeze the list for an audience."""

    audience = forms.ChoiceField(label=_("Audience"), choices=AUDIENCE_CHOICES)


class ReconcileForm(forms.Form):
    """An announcement to reconcile against the registry (and optionally a list)."""

    text = forms.CharField(
        label=_("Announcement text, or a list of names (one a line)"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=100_000,
    )
    lang = forms.ChoiceField(label=_("Language"), choices=LANG_CHOICES, initial="auto")
    release_list = forms.ModelChoiceField(
        label=_("Compare with a list"),
        queryset=ReleaseList.objects.all(),
        required=False,
        empty_label=_("(no list)"),
    )


class ApplyForm(forms.Form):
    """The outcome to record for the confirmed persons."""

    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[(k, OUTCOME_LABELS.get(k, k)) for k in OUTCOMES]
    )
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Title of the announcement"), max_length=150, required=False)
    url = forms.URLField(
        label=_("Link to the announcement"), required=False, max_length=1000, assume_scheme="https"
    )
    confirm = forms.BooleanField(
        label=_("I checked the persons ticked above against the announcement"), required=True
    )
