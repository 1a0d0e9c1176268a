"""The editors' workspace: persons, cases, custody, events, recognition, facilities, drafts.

Every write goes through :mod:`habeas.apps.registry.actions`, which ties each fact to its
source. Volunteers may only submit drafts, which an editor publishes or rejects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from habeas.apps.cases.models import Facility
from habeas.apps.registry import actions
from habeas.apps.registry.models import Person
from habeas.apps.sources.models import ImportRun
from habeas.audit.history import StaleVersion, version_of
from habeas.web.decorators import require_perm
from habeas.web.forms import (
    CaseForm,
    CustodyForm,
    EditPersonForm,
    EventForm,
    FacilityForm,
    PersonForm,
    RecognitionForm,
)
from habeas.web.models import Draft


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Recent editorial entries and imports, and the drafts waiting for review."""
    runs = ImportRun.objects.select_related("source", "imported_by").order_by("-started_at")[:15]
    drafts = Draft.objects.select_related("author").filter(state=Draft.State.PENDING)
    if not request.user.has_perm("web.publish_draft"):
        drafts = drafts.filter(author=request.user)
    return render(
        request,
        "web/workspace/dashboard.html",
        {"runs": runs if request.user.has_perm("web.view_internal") else [], "drafts": drafts},
    )


def _render_form(
    request: HttpRequest, form: forms.Form, title: str, person: Person | None = None
) -> HttpResponse:
    return render(
        request, "web/workspace/form.html", {"form": form, "title": title, "person": person}
    )


@login_required
def person_new(request: HttpRequest) -> HttpResponse:
    """A new person with a source; from a volunteer, a draft for an editor to publish."""
    user = request.user
    if not (user.has_perm("registry.add_person") or user.has_perm("web.add_draft")):
        raise PermissionDenied
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not user.has_perm("registry.add_person"):
            draft = Draft.objects.create(author=user, payload=form.cleaned_data)
            messages.success(request, _("Draft saved; an editor will review it."))
            return redirect("web:draft", draft_id=draft.pk)
        try:
            person = actions.create_person(
                actor=user, citation=form.citation(), **form.person_values()
            )
        except actions.ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Person added."))
            return redirect("web:person", person_id=person.pk)
    return _render_form(request, form, _("New person"))


@require_perm("registry.change_person")
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    """New person-level facts from a source (older values stay in their records)."""
    person = get_object_or_404(Person, pk=person_id, merged_into__isnull=True)
    initial = {
        "name": person.display_name,
        "name_latin": person.display_name_latin,
        "gender": person.gender,
        "region": person.region,
        "status": person.status if person.status != "unknown" else "",
        "version": version_of(person),
    }
    form = EditPersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = {k: v for k, v in form.person_values().items() if v and v != initial.get(k)}
        try:
            actions.edit_person(
                actor=request.user,
                person=person,
                citation=form.citation(),
                expected_version=form.cleaned_data["version"],
                **changed,
            )
        except StaleVersion:
            form.add_error(
                None,
                _(
                    "Someone else changed this person while you were editing; your change "
                    "was not saved. Reload the page to see their change, then apply yours again."
                ),
            )
        except actions.ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Changes saved."))
            return redirect("web:person", person_id=person.pk)
    return _render_form(request, form, _("Edit person"), person)


def _fact_view(
    form_class: type[forms.Form],
    permission: str,
    title: Promise,
    save: Callable[[Any, Person, Any], object],
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A view that adds one kind of fact to a person through an action."""

    @require_perm(permission)
    def view(request: HttpRequest, person_id: int) -> HttpResponse:
        person = get_object_or_404(Person, pk=person_id, merged_into__isnull=True)
        form = form_class(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                save(request.user, person, form)
            except actions.ActionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Saved with its source."))
                return redirect("web:person", person_id=person.pk)
        return _render_form(request, form, str(title), person)

    view.__doc__ = f"Add to a person: {title}."
    return view


def _save_case(user: Any, person: Person, form: Any) -> object:
    d = form.cleaned_data
    return actions.add_case(
        actor=user,
        person=person,
        citation=form.citation(),
        articles=d["articles"],
        case_number=d["case_number"],
        verdict_on=d["verdict_on"],
        term=d["term"],
        regime=d["regime"],
        court=d["court"],
        stage=d["stage"],
        suspended=d["suspended"],
    )


def _save_custody(user: Any, person: Person, form: Any) -> object:
    d = form.cleaned_data
    return actions.add_custody(
        actor=user,
        person=person,
        citation=form.citation(),
        kind=d["kind"],
        started_on=d["started_on"],
        ended_on=d["ended_on"],
        facility=d["facility"],
        regime=d["regime"],
    )


def _save_event(user: Any, person: Person, form: Any) -> object:
    d = form.cleaned_data
    return actions.add_event(
        actor=user,
        person=person,
        citation=form.citation(),
        kind=d["kind"],
        occurred_on=d["occurred_on"],
        details=d["details"],
        release_kind=d["release_kind"],
        confidentiality=d["confidentiality"],
    )


def _save_recognition(user: Any, person: Person, form: Any) -> object:
    d = form.cleaned_data
    return actions.add_recognition(
        actor=user,
        person=person,
        citation=form.citation(),
        organisation=d["organisation"],
        recognised_on=d["recognised_on"],
        criteria=d["criteria"],
    )


case_new = _fact_view(CaseForm, "cases.add_case", _l("Case and sentence"), _save_case)
custody_new = _fact_view(
    CustodyForm, "cases.add_custodyperiod", _l("Custody period"), _save_custody
)
event_new = _fact_view(EventForm, "cases.add_event", _l("Event"), _save_event)
recognition_new = _fact_view(
    RecognitionForm, "cases.add_recognition", _l("Recognition"), _save_recognition
)


@require_perm("cases.change_facility")
def facility_edit(request: HttpRequest, facility_id: int | None = None) -> HttpResponse:
    """Create a facility, or edit one and add a letter address."""
    facility = get_object_or_404(Facility, pk=facility_id) if facility_id else None
    initial = (
        {
            "name": facility.name,
            "facility_type": facility.facility_type,
            "number": facility.number,
            "region": facility.region,
        }
        if facility
        else {}
    )
    form = FacilityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_facility(
                actor=request.user, facility=facility, **form.cleaned_data
            )
        except actions.ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Facility saved."))
            return redirect("web:facility", facility_id=saved.pk)
    title = _("Edit facility") if facility else _("New facility")
    return _render_form(request, form, title)


@login_required
def draft(request: HttpRequest, draft_id: int) -> HttpResponse:
    """One draft: its author sees it; an editor may publish or reject it."""
    found = get_object_or_404(Draft.objects.select_related("author", "person"), pk=draft_id)
    if found.author_id != request.user.pk and not request.user.has_perm("web.publish_draft"):
        raise PermissionDenied
    return render(request, "web/workspace/draft.html", {"draft": found})


@require_POST
@require_perm("web.publish_draft")
def draft_review(request: HttpRequest, draft_id: int) -> HttpResponse:
    """Publish a pending draft (as a new person, through the action) or reject it."""
    with transaction.atomic():
        found = get_object_or_404(
            Draft.objects.select_for_update(), pk=draft_id, state=Draft.State.PENDING
        )
        if request.POST.get("decision") == "publish":
            form = PersonForm(found.payload)
            if not form.is_valid():
                messages.error(request, _("The draft is not valid any more; edit it anew."))
                return redirect("web:draft", draft_id=found.pk)
            found.person = actions.create_person(
                actor=request.user, citation=form.citation(), **form.person_values()
            )
            found.state = Draft.State.PUBLISHED
        else:
            found.state = Draft.State.REJECTED
        found.reviewed_by = request.user
        found.reviewed_at = timezone.now()
        found.save()
    messages.success(request, _("Draft reviewed."))
    return redirect("web:draft", draft_id=found.pk)
