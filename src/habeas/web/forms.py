"""Forms of the workspace. Every fact form carries the source it comes from."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from habeas.apps.cases.models import Facility, Sentence
from habeas.apps.registry.actions import Citation
from habeas.apps.sources.models import SourceKind
from habeas.interchange.errors import CellError
from habeas.interchange.values import parse_date
from habeas.law import LawError, parse_references, parse_term
from habeas.vocabulary import (
    Confidentiality,
    CustodyKind,
    EventKind,
    FacilityType,
    Gender,
    Regime,
    ReleaseKind,
    Status,
)
from habeas.web.labels import label_choices

_BLANK = [("", "—")]
#: The longest name the forms take (the API's limit too): a name's surname, given name and
#: patronymic each go into a 150-character column.
NAME_MAX_LENGTH = 150


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"})


class CitationForm(forms.Form):
    """Where the facts of the form come from."""

    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        help_text=_("Who states this: a court, an outlet, an organisation, a lawyer."),
    )
    source_kind = forms.ChoiceField(label=_("Kind of source"), choices=label_choices(SourceKind))
    source_url = forms.URLField(
        label=_("Link to the source"), required=False, max_length=1000, assume_scheme="https"
    )
    source_confidentiality = forms.ChoiceField(
        label=_("Who may see the source"),
        choices=label_choices(Confidentiality),
        initial=Confidentiality.PUBLIC,
        help_text=_("Hide a family member's or lawyer's identity: choose confidential."),
    )

    def citation(self) -> Citation:
        """The cleaned source as the actions take it."""
        data = self.cleaned_data
        return Citation(
            source=data["source"],
            kind=data["source_kind"],
            url=data.get("source_url") or "",
            confidentiality=data["source_confidentiality"],
        )


class PersonForm(CitationForm):
    """A new person, or new person-level facts."""

    field_order = ["name", "name_latin", "gender", "birth_date", "region", "status"]

    # At most NAME_MAX_LENGTH characters, as the API allows: the name's parts are stored in
    # 150-character columns, which PostgreSQL enforces (SQLite does not).
    name = forms.CharField(
        label=_("Full name (as the source writes it)"), max_length=NAME_MAX_LENGTH
    )
    name_latin = forms.CharField(
        label=_("Name in Latin letters"), max_length=NAME_MAX_LENGTH, required=False
    )
    gender = forms.ChoiceField(
        label=_("Gender"), choices=_BLANK + label_choices(Gender), required=False
    )
    birth_date = forms.CharField(
        label=_("Date of birth"),
        required=False,
        help_text=_("YYYY, YYYY-MM, YYYY-MM-DD or DD.MM.YYYY"),
    )
    region = forms.CharField(label=_("Region"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=_BLANK + label_choices(Status), required=False
    )

    def clean_birth_date(self) -> str:
        """Keep the date's precision: ``1987`` stays a year."""
        text = self.cleaned_data.get("birth_date", "")
        try:
            parsed = parse_date(text)
        except CellError as exc:
            raise forms.ValidationError(_("Not a date: %(value)s"), params={"value": text}) from exc
        return str(parsed) if parsed else ""

    def person_values(self) -> dict[str, Any]:
        """The person-level values for the actions."""
        keys = ("name", "name_latin", "gender", "birth_date", "region", "status")
        return {k: self.cleaned_data.get(k) or "" for k in keys}


class EditPersonForm(PersonForm):
    """New person-level facts, with the version of the person the editor loaded: a change
    made meanwhile by someone else is refused instead of overwritten (no lost update)."""

    version = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        error_messages={
            "required": _("This form is out of date: reload the page and apply your change again.")
        },
    )


class CaseForm(CitationForm):
    """A case: its charges and (optionally) the sentence."""

    field_order = ["articles", "case_number", "stage", "verdict_on", "term", "regime", "court"]

    articles = forms.CharField(
        label=_("Articles"), required=False, help_text=_("e.g. 207.3(2); 280.3 or ч. 2 ст. 207.3")
    )
    case_number = forms.CharField(label=_("Case number"), max_length=100, required=False)
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=label_choices(Sentence.Stage),
        initial=Sentence.Stage.FIRST_INSTANCE,
    )
    verdict_on = forms.DateField(label=_("Verdict date"), required=False, widget=_date_input())
    term = forms.CharField(
        label=_("Term"), required=False, help_text=_("e.g. 8y6m, 8 лет 6 месяцев")
    )
    regime = forms.ChoiceField(
        label=_("Regime"), choices=_BLANK + label_choices(Regime), required=False
    )
    court = forms.CharField(label=_("Court"), max_length=300, required=False)
    suspended = forms.BooleanField(label=_("Suspended sentence"), required=False)

    def clean_articles(self) -> list[Any]:
        """Parse the references with the Russian country pack."""
        text = self.cleaned_data.get("articles", "")
        if not text.strip():
            return []
        try:
            return parse_references(text, "RU")
        except LawError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_term(self) -> Any:
        """Parse the term (None when empty)."""
        text = self.cleaned_data.get("term", "")
        if not text.strip():
            return None
        try:
            return parse_term(text)
        except LawError as exc:
            raise forms.ValidationError(str(exc)) from exc


class CustodyForm(CitationForm):
    """A custody period."""

    field_order = ["kind", "facility", "started_on", "ended_on", "regime"]

    kind = forms.ChoiceField(label=_("Kind"), choices=label_choices(CustodyKind))
    facility = forms.ModelChoiceField(
        label=_("Facility"), queryset=Facility.objects.order_by("name"), required=False
    )
    started_on = forms.DateField(label=_("From"), required=False, widget=_date_input())
    ended_on = forms.DateField(label=_("Until"), required=False, widget=_date_input())
    regime = forms.ChoiceField(
        label=_("Regime"), choices=_BLANK + label_choices(Regime), required=False
    )


class EventForm(CitationForm):
    """An event of the timeline."""

    field_order = ["kind", "occurred_on", "release_kind", "details", "confidentiality"]

    kind = forms.ChoiceField(label=_("What happened"), choices=label_choices(EventKind))
    occurred_on = forms.DateField(label=_("Date"), required=False, widget=_date_input())
    release_kind = forms.ChoiceField(
        label=_("Kind of release"), choices=_BLANK + label_choices(ReleaseKind), required=False
    )
    details = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea)
    confidentiality = forms.ChoiceField(
        label=_("Who may see this event"),
        choices=label_choices(Confidentiality),
        initial=Confidentiality.PUBLIC,
    )


class RecognitionForm(CitationForm):
    """Recognition as a political prisoner."""

    field_order = ["organisation", "recognised_on", "criteria"]

    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    recognised_on = forms.DateField(label=_("Recognised on"), required=False, widget=_date_input())
    criteria = forms.CharField(label=_("Criteria"), max_length=200, required=False)


class FacilityForm(forms.Form):
    """A facility and a letter address."""

    name = forms.CharField(label=_("Name"), max_length=300)
    facility_type = forms.ChoiceField(
        label=_("Type"), choices=_BLANK + label_choices(FacilityType), required=False
    )
    number = forms.CharField(label=_("Number"), max_length=16, required=False)
    region = forms.CharField(label=_("Region"), max_length=200, required=False)
    address = forms.CharField(
        label=_("Postal address for letters"), required=False, widget=forms.Textarea
    )


class UploadForm(forms.Form):
    """Step 1 of the import wizard."""

    file = forms.FileField(
        label=_("List file"), help_text=_("CSV, XLSX, JSON or JSONL, as a partner sends it.")
    )
    source = forms.CharField(
        label=_("Source"), max_length=200, help_text=_("The organisation or list it comes from.")
    )


class TokenForm(forms.Form):
    """A new API token."""

    name = forms.CharField(label=_("What the token is for"), max_length=100)
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args: Any, scopes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = scopes
