"""Release lists in the workspace: define, include and exclude by hand, see priorities and
reasons, freeze for an audience, compare versions, and download a version.

Everything goes through :mod:`habeas.releases.services`. Editors (``web.view_internal``)
may look and download; coordinators (``web.coordinate``) change lists and freeze them.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from habeas.apps.registry.search import find_persons
from habeas.apps.registry.visibility import Audience, may_see
from habeas.lists.tabular import FORMATS, cell_text
from habeas.releases import services
from habeas.releases.models import ListVersion, ReleaseList
from habeas.web.decorators import require_perm
from habeas.web.labels import label
from habeas.web.list_forms import AUDIENCE_CHOICES, FIELD_LABELS, EntryForm, FreezeForm, ListForm
from habeas.web.roles import audience_for
from habeas.web.views.review import DECIDE, VIEW, action_perm

#: Persons shown per page of a list's live selection or a version.
PAGE = 100
#: Persons offered when a name given for a manual entry matches several.
CHOICES = 10
#: A person given by number: ``42`` or the stable reference ``HBS-000042``.
_PERSON_NUMBER = re.compile(r"^\s*(?:HBS-?)?0*(\d{1,18})\s*$", re.IGNORECASE)

#: Download formats: content type of each.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@require_perm(VIEW)
def list_index(request: HttpRequest) -> HttpResponse:
    """Every release list with its latest version."""
    lists = ReleaseList.objects.annotate(
        versions_count=Count("versions"), latest=Max("versions__number")
    ).order_by("name")
    return render(request, "web/lists/index.html", {"lists": lists})


@require_perm(DECIDE)
def list_new(request: HttpRequest) -> HttpResponse:
    """Define a new list from criteria."""
    form = ListForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.create_list(
                form.cleaned_data["name"],
                form.criteria(),
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                weights=form.cleaned_data["weights"],
                by=request.user.get_username(),
            )
        except services.ListError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("List saved."))
            return redirect("web:list", list_id=made.pk)
    return render(request, "web/lists/form.html", {"form": form, "title": _("New release list")})


@require_perm(DECIDE)
def list_edit(request: HttpRequest, list_id: int) -> HttpResponse:
    """Change a list's title and criteria (frozen versions stay as they were)."""
    release_list = get_object_or_404(ReleaseList, pk=list_id)
    form = ListForm(request.POST or None, instance=release_list)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_list(
                release_list.name,
                form.criteria(),
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                weights=form.cleaned_data["weights"],
                by=request.user.get_username(),
                replace=True,
            )
        except services.ListError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("List saved."))
            return redirect("web:list", list_id=release_list.pk)
    context = {"form": form, "title": _("Edit release list"), "release_list": release_list}
    return render(request, "web/lists/form.html", context)


@require_perm(VIEW)
def list_detail(request: HttpRequest, list_id: int) -> HttpResponse:
    """A list's definition, manual entries, who it selects now (priority and reasons),
    and its frozen versions."""
    release_list = get_object_or_404(ReleaseList, pk=list_id)
    selection = services.evaluate(release_list)
    page = Paginator(selection.entries, PAGE).get_page(request.GET.get("page"))
    audience = audience_for(request.user)
    shown = [e | {"priority_reasons": _reasons(e, audience)} for e in page.object_list]
    versions = list(release_list.versions.order_by("-number"))
    context = {
        "release_list": release_list,
        "criteria": _criteria(release_list.criteria or {}),
        "entries": release_list.entries.select_related("person").order_by("action", "pk"),
        "selection": selection,
        "page": page,
        "shown": shown,
        "first_rank": page.start_index(),
        "versions": versions,
        "entry_form": EntryForm(),
        "freeze_form": FreezeForm(),
        "can_change": request.user.has_perm(DECIDE),
    }
    return render(request, "web/lists/detail.html", context)


def _criteria(criteria: dict[str, Any]) -> list[tuple[str, str]]:
    """The list's criteria as (label, values) in the form's order, codes as their labels."""
    rows = []
    for key, field in ListForm.base_fields.items():
        if key not in criteria:
            continue
        values = criteria[key] if isinstance(criteria[key], list) else [criteria[key]]
        shown = [
            label(str(v)) if key in ("statuses", "genders", "health") else str(v) for v in values
        ]
        rows.append((str(field.label), ", ".join(shown)))
    return rows


def _reasons(entry: dict[str, Any], audience: Audience) -> list[dict[str, Any]]:
    """A person's priority reasons as the viewer may read them: a reason drawn from a note
    the viewer may not see keeps its points but says only "humanitarian grounds"."""
    out = []
    for reason in entry.get("priority_reasons") or []:
        level = reason.get("confidentiality", "public")
        if may_see(audience, level):
            out.append(reason | {"restricted": level != "public"})
        else:
            detail = _("humanitarian grounds (confidential)")
            out.append({"points": reason["points"], "detail": detail, "restricted": True})
    return out


@require_POST
@action_perm(DECIDE)
def list_entry(request: HttpRequest, list_id: int) -> HttpResponse:
    """Include or exclude a person by hand, with the reason."""
    release_list = get_object_or_404(ReleaseList, pk=list_id)
    form = EntryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the person, include or exclude, and a reason."))
        return redirect("web:list", list_id=release_list.pk)
    given = form.cleaned_data["person"]
    number = _PERSON_NUMBER.match(given)
    if number:
        person_id = int(number.group(1))
    else:
        hits = find_persons(given, limit=CHOICES)
        if not hits:
            messages.error(
                request, _("Nobody in the registry matches “%(name)s”.") % {"name": given}
            )
            return redirect("web:list", list_id=release_list.pk)
        if len(hits) > 1:
            context = {"release_list": release_list, "hits": hits, "given": given}
            context |= {
                "action": form.cleaned_data["action"],
                "reason": form.cleaned_data["reason"],
            }
            return render(request, "web/lists/choose_person.html", context)
        person_id = hits[0]["person_id"]
    try:
        entry = services.set_entry(
            release_list,
            person_id,
            form.cleaned_data["action"],
            form.cleaned_data["reason"],
            by=request.user.get_username(),
        )
    except services.ListError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Saved: %(name)s (HBS-%(id)06d).")
            % {"name": entry.person.display_name, "id": entry.person_id},
        )
    return redirect("web:list", list_id=release_list.pk)


@require_POST
@action_perm(DECIDE)
def list_freeze(request: HttpRequest, list_id: int) -> HttpResponse:
    """Freeze the list now for an audience: a new numbered, hashed version."""
    release_list = get_object_or_404(ReleaseList, pk=list_id)
    form = FreezeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the audience."))
        return redirect("web:list", list_id=release_list.pk)
    try:
        version = services.freeze(
            release_list, form.cleaned_data["audience"], request.user.get_username()
        )
    except services.ListError as exc:
        messages.error(request, str(exc))
        return redirect("web:list", list_id=release_list.pk)
    messages.success(request, _("Version %(n)s frozen.") % {"n": version.number})
    return redirect("web:list_version", list_id=release_list.pk, number=version.number)


def _version(list_id: int, number: int) -> ListVersion:
    return get_object_or_404(
        ListVersion.objects.select_related("release_list"), release_list_id=list_id, number=number
    )


@require_perm(VIEW)
def list_version(request: HttpRequest, list_id: int, number: int) -> HttpResponse:
    """A frozen version: who froze it, for whom, its hash and signature, its persons."""
    version = _version(list_id, number)
    persons = version.content.get("persons", [])
    page = Paginator(persons, PAGE).get_page(request.GET.get("page"))
    fields = [f for f in version.content.get("fields", []) if f != "person_id"]
    others = version.release_list.versions.exclude(pk=version.pk).order_by("-number")
    context = {
        "version": version,
        "release_list": version.release_list,
        "audience_label": dict(AUDIENCE_CHOICES).get(version.audience, version.audience),
        "headings": [FIELD_LABELS.get(f, f) for f in fields],
        "rows": [(p.get("person_id"), [cell_text(p.get(f)) for f in fields]) for p in page],
        "page": page,
        "first_rank": page.start_index(),
        "intact": version.intact(),
        "formats": [f for f in FORMATS if f in CONTENT_TYPES],
        "others": others.values_list("number", flat=True),
    }
    return render(request, "web/lists/version.html", context)


@require_perm(VIEW)
def list_export(request: HttpRequest, list_id: int, number: int, fmt: str) -> HttpResponse:
    """Download a frozen version as PDF, CSV, XLSX or JSON."""
    if fmt not in CONTENT_TYPES:
        raise Http404("unknown format")
    version = _version(list_id, number)
    folder = Path(tempfile.mkdtemp(prefix="habeas-list-"))
    path = folder / f"{version.release_list.name}-v{version.number}.{fmt}"
    try:
        services.export_version(version, path, fmt)
    except services.ListError as exc:
        raise PermissionDenied(str(exc)) from exc
    data = path.read_bytes()
    path.unlink()
    folder.rmdir()
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{path.name}"'
    return response


@require_perm(VIEW)
def list_diff(request: HttpRequest, list_id: int) -> HttpResponse:
    """What changed between two versions, and why."""
    release_list = get_object_or_404(ReleaseList, pk=list_id)
    try:
        old, new = int(request.GET.get("from", "")), int(request.GET.get("to", ""))
        changes = services.diff_versions(release_list, old, new)
    except (ValueError, services.ListError) as exc:
        raise Http404("no such versions") from exc
    context = {"release_list": release_list, "changes": changes, "old": old, "new": new}
    return render(request, "web/lists/diff.html", context)
