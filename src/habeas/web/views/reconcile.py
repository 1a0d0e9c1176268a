"""Reconciling an announcement: paste it, see each mention matched, ambiguous or unknown
with its evidence and candidates, tick the persons to confirm, and record the outcome.

Reading the matches needs ``web.view_internal``; recording an outcome ``web.coordinate``.
Applying reconciles the same text again (the registry decides, not the browser), and
:func:`habeas.releases.outcome.apply_outcome` refuses ids the announcement does not name.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from habeas.releases.outcome import apply_outcome, reconcile_announcement
from habeas.releases.services import ListError
from habeas.web.decorators import require_perm
from habeas.web.list_forms import OUTCOME_LABELS, ApplyForm, ReconcileForm
from habeas.web.views.review import DECIDE, VIEW, action_perm

#: Session key of the last apply's summary, shown after the redirect.
APPLIED_KEY = "habeas_reconcile_applied"


def _groups(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per person named (mentions of one person grouped), in text order."""
    groups: dict[int, dict[str, Any]] = {}
    for mention in result.get("mentions", []):
        group = groups.setdefault(
            mention["group"],
            {
                "status": mention["status"],
                "person_id": mention["person_id"],
                "score_percent": round(float(mention.get("score") or 0) * 100),
                "candidates": [
                    c | {"score_percent": round(float(c.get("score") or 0) * 100)}
                    for c in mention.get("candidates", [])
                ],
                "evidence": mention.get("evidence") or {},
                "mentions": [],
            },
        )
        group["mentions"].append(mention["text"])
    return list(groups.values())


def _marked(text: str, result: dict[str, Any]) -> list[tuple[str, str]]:
    """The text cut into (piece, status) parts, status "" between mentions."""
    parts: list[tuple[str, str]] = []
    at = 0
    for mention in sorted(result.get("mentions", []), key=lambda m: m["start"]):
        if mention["start"] < at:
            continue
        parts.append((text[at : mention["start"]], ""))
        parts.append((text[mention["start"] : mention["end"]], mention["status"]))
        at = mention["end"]
    parts.append((text[at:], ""))
    return [p for p in parts if p[0]]


def _context(form: ReconcileForm, apply_form: ApplyForm | None = None) -> dict[str, Any]:
    data = form.cleaned_data
    text = data["text"]
    result = reconcile_announcement(
        text, release_list=data.get("release_list"), lang=data.get("lang") or "auto"
    )
    return {
        "form": form,
        "result": result,
        "groups": _groups(result),
        "marked": _marked(text, result),
        "apply_form": apply_form or ApplyForm(),
    }


@require_perm(VIEW)
def reconcile(request: HttpRequest) -> HttpResponse:
    """The paste form; posted, the reconciliation (nothing is written)."""
    form = ReconcileForm(request.POST or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        context = _context(form)
    return render(request, "web/lists/reconcile.html", context)


@require_POST
@action_perm(DECIDE)
def reconcile_apply(request: HttpRequest) -> HttpResponse:
    """Record the outcome for the ticked persons, all or nothing."""
    form = ReconcileForm(request.POST)
    if not form.is_valid():
        return render(request, "web/lists/reconcile.html", {"form": form}, status=400)
    apply_form = ApplyForm(request.POST)
    context = _context(form, apply_form)
    chosen = [int(p) for p in request.POST.getlist("person") if p.isdecimal()]
    if not apply_form.is_valid():
        return render(request, "web/lists/reconcile.html", context, status=400)
    if not chosen:
        apply_form.add_error(None, _("Tick at least one person."))
        return render(request, "web/lists/reconcile.html", context, status=400)
    values = apply_form.cleaned_data
    try:
        applied = apply_outcome(
            context["result"],
            text=form.cleaned_data["text"],
            outcome=values["outcome"],
            on=values["on"],
            title=values["title"],
            url=values["url"],
            by=request.user.get_username(),
            person_ids=chosen,
        )
    except ListError as exc:
        apply_form.add_error(None, str(exc))
        return render(request, "web/lists/reconcile.html", context, status=400)
    count = len(applied["applied"])
    messages.success(
        request,
        ngettext("Outcome recorded for %(n)s person.", "Outcome recorded for %(n)s persons.", count)
        % {"n": count},
    )
    request.session[APPLIED_KEY] = applied
    return redirect("web:reconcile_applied")


@require_perm(VIEW)
def reconcile_applied(request: HttpRequest) -> HttpResponse:
    """What the last apply recorded (after a redirect, so a reload writes nothing twice)."""
    applied = request.session.get(APPLIED_KEY)
    if applied is None:
        return redirect("web:reconcile")
    outcome = OUTCOME_LABELS.get(applied.get("outcome", ""), applied.get("outcome", ""))
    context = {"applied": applied, "outcome_label": outcome}
    return render(request, "web/lists/applied.html", context)
