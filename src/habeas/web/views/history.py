"""A person's history (from the audit log), restoring an earlier version, and the
publication gate's screens (request, second-person approval, withholding)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from habeas.apps.registry.models import Person
from habeas.audit.history import person_history, restore_version, version_at
from habeas.audit.models import AuditEntry
from habeas.security import gate
from habeas.security.models import Publication
from habeas.web.decorators import require_perm


class PublicationForm(forms.Form):
    """Step 1 of publication: consent and the risk check."""

    consent = forms.ChoiceField(label=_l("Consent"), choices=Publication.Consent.choices)
    risk_checked = forms.BooleanField(
        label=_l("I checked that publication puts no one at risk"), required=False
    )
    note = forms.CharField(
        label=_l("Note (encrypted; who agreed, or why not)"), required=False, widget=forms.Textarea
    )


def _entries(person_id: int, confidential: bool) -> list[dict[str, Any]]:
    shown = []
    for entry in person_history(person_id):
        after = dict(entry.after or {})
        if not confidential:
            after.pop("added", None)  # may hold confidential event details
        shown.append(
            {
                "entry": entry,
                "after": after,
                "version": version_at(entry) if "person" in after else None,
            }
        )
    return shown


@require_perm("web.view_internal")
def history(request: HttpRequest, person_id: int) -> HttpResponse:
    """Every audited change of the person, newest last, with a restore button per version."""
    person = get_object_or_404(Person, pk=person_id)
    publication = Publication.objects.filter(person=person).first()
    context = {
        "person": person,
        "entries": _entries(person.pk, request.user.has_perm("web.view_confidential")),
        "publication": publication,
        "form": PublicationForm(),
        "can_approve": publication is not None
        and publication.state == Publication.State.PENDING
        and publication.requested_by_id != request.user.pk,
    }
    return render(request, "web/workspace/history.html", context)


@require_POST
@require_perm("registry.change_person")
def restore(request: HttpRequest, person_id: int, seq: int) -> HttpResponse:
    """Make the values after audit entry ``seq`` current again (a new, audited edit)."""
    person = get_object_or_404(Person, pk=person_id)
    entry = get_object_or_404(AuditEntry, seq=seq, person_id=person.pk)
    try:
        restore_version(actor=request.user, person=person, entry=entry)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The earlier version is current again."))
    return redirect("web:person_history", person_id=person.pk)


@require_POST
@require_perm(gate.REVIEW_PERMISSION)
def publication(request: HttpRequest, person_id: int, step: str) -> HttpResponse:
    """``request``, ``approve`` or ``withhold`` the person's publication."""
    person = get_object_or_404(Person, pk=person_id)
    try:
        if step == "request":
            form = PublicationForm(request.POST)
            if not form.is_valid():
                raise gate.GateError(_("Choose the consent."))
            gate.request_publication(
                actor=request.user,
                person=person,
                consent=form.cleaned_data["consent"],
                risk_checked=form.cleaned_data["risk_checked"],
                note=form.cleaned_data["note"],
            )
        elif step == "approve":
            gate.approve_publication(actor=request.user, person=person)
        elif step == "withhold":
            gate.withhold(actor=request.user, person=person, note=request.POST.get("note", ""))
        else:
            raise PermissionDenied
    except gate.GateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved."))
    return redirect("web:person_history", person_id=person.pk)
