"""The review queue of identity resolution, and why a person's records are together.

Editors (``web.view_internal``) may look; coordinators (``web.coordinate``) decide. A
decision goes through :mod:`habeas.apps.registry.review_queue`, which appends it to the
decision log and re-forms the persons concerned. With htmx, a decision answers with the
next pair in place; without it, the browser is redirected to the next pair.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from habeas.apps.registry import review_queue
from habeas.apps.registry.identity import explain_person
from habeas.apps.registry.models import LinkDecision, Person, ReviewItem, SourceRecord
from habeas.web.decorators import View, require_perm
from habeas.web.review import (
    compare_records,
    decision_in_effect,
    explanation_rows,
    last_undoable,
    source_name,
    verdict_label,
)
from habeas.web.roles import audience_for

VIEW = "web.view_internal"
DECIDE = "web.coordinate"
QUEUE_PAGE = 50
PAIR_FRAGMENT = "web/workspace/_review_pair.html"


def action_perm(permission: str) -> Callable[[View], View]:
    """For POST actions: anyone without ``permission`` (visitors too) gets 403 Forbidden;
    a redirect to the login page would drop what was posted."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def _pair_context(request: HttpRequest, item: ReviewItem | None) -> dict[str, Any]:
    """What the pair fragment shows (an empty queue when ``item`` is None)."""
    can_decide = request.user.has_perm(DECIDE)
    undoable = last_undoable(request.user) if can_decide else None
    context: dict[str, Any] = {
        "item": item,
        "can_decide": can_decide,
        "undoable": undoable,
        "undo_label": verdict_label(undoable.verdict) if undoable else "",
        "open_count": review_queue.pending().count(),
    }
    if item is None:
        return context
    audience = audience_for(request.user)
    context.update(
        rows=compare_records(item.left, item.right, audience),
        left_source=source_name(item.left, audience),
        right_source=source_name(item.right, audience),
        explanation=explanation_rows(item.explanation or {}),
        score_percent=round(item.score * 100),
        decision_label=verdict_label(item.decision.verdict) if item.decision else "",
    )
    return context


def _item(item_id: int) -> ReviewItem:
    return get_object_or_404(
        ReviewItem.objects.select_related("left__source", "right__source", "decision"),
        pk=item_id,
    )


def _answer(request: HttpRequest, item: ReviewItem | None, notice: str) -> HttpResponse:
    """After an action: the pair fragment in place (htmx) or a redirect to the pair."""
    target = (
        reverse("web:review_pair", args=[item.pk]) if item is not None else reverse("web:review")
    )
    if request.headers.get("HX-Request"):
        context = _pair_context(request, item)
        context["notice"] = notice
        response = render(request, PAIR_FRAGMENT, context)
        response["HX-Push-Url"] = target
        return response
    messages.success(request, notice)
    return redirect(target)


@require_perm(VIEW)
def queue(request: HttpRequest) -> HttpResponse:
    """Open pairs, the most uncertain first (skipped pairs at the end)."""
    paginator = Paginator(review_queue.pending(), QUEUE_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    audience = audience_for(request.user)
    rows = [
        {
            "item": item,
            "left_source": source_name(item.left, audience),
            "right_source": source_name(item.right, audience),
            "score_percent": round(item.score * 100),
        }
        for item in page.object_list
    ]
    return render(
        request,
        "web/workspace/review_queue.html",
        {"page": page, "rows": rows, "total": paginator.count},
    )


@require_perm(VIEW)
def next_pair(request: HttpRequest) -> HttpResponse:
    """The most uncertain open pair (or the empty queue)."""
    item = review_queue.pending().first()
    if item is None:
        return render(request, "web/workspace/review_pair.html", _pair_context(request, None))
    return redirect("web:review_pair", item_id=item.pk)


@require_perm(VIEW)
def pair(request: HttpRequest, item_id: int) -> HttpResponse:
    """Two source records side by side, with the model's score and explanation."""
    context = _pair_context(request, _item(item_id))
    template = PAIR_FRAGMENT if request.headers.get("HX-Request") else None
    return render(request, template or "web/workspace/review_pair.html", context)


@require_POST
@action_perm(DECIDE)
def decide(request: HttpRequest, item_id: int) -> HttpResponse:
    """Record the reviewer's verdict on the pair, then show the next pair."""
    item = _item(item_id)
    verdict = request.POST.get("verdict", "")
    if verdict not in LinkDecision.Verdict.values:
        return HttpResponse(_("Unknown verdict."), status=400)
    if item.decision_id is not None:
        return _answer(request, item, _("This pair was decided already."))
    review_queue.decide(item.pk, verdict, by=request.user.get_username(), user=request.user)
    notice = _("Saved: %(verdict)s.") % {"verdict": verdict_label(verdict)}
    return _answer(request, _next(), notice)


@require_POST
@action_perm(DECIDE)
def skip(request: HttpRequest, item_id: int) -> HttpResponse:
    """Put the pair at the back of the queue and show the next one."""
    item = _item(item_id)
    review_queue.skip(item.pk)
    following = _next(exclude=item.pk) or _next()
    return _answer(request, following, _("Skipped; the pair stays in the queue."))


@require_POST
@action_perm(DECIDE)
def undo(request: HttpRequest) -> HttpResponse:
    """Withdraw the reviewer's last decision still in effect; its pair is shown again."""
    decision = last_undoable(request.user)
    if decision is None:
        return _answer(request, _next(), _("Nothing to undo."))
    review_queue.undo(decision.pk, by=request.user.get_username(), user=request.user)
    reopened = (
        ReviewItem.objects.filter(
            left_id=decision.left_id, right_id=decision.right_id, decision__isnull=True
        )
        .order_by("-pk")
        .first()
    )
    notice = _("Undone: %(verdict)s withdrawn.") % {"verdict": verdict_label(decision.verdict)}
    return _answer(request, _item(reopened.pk) if reopened else _next(), notice)


def _next(exclude: int | None = None) -> ReviewItem | None:
    items = review_queue.pending().select_related("decision")
    if exclude is not None:
        items = items.exclude(pk=exclude)
    return items.first()


@require_perm(VIEW)
def person_identity(request: HttpRequest, person_id: int) -> HttpResponse:
    """Why the person's records are together: pair weights, and the binding decisions."""
    person = get_object_or_404(Person, pk=person_id)
    if person.merged_into_id is not None:
        return redirect("web:person_identity", person_id=person.merged_into_id)
    explained = explain_person(person.pk)
    audience = audience_for(request.user)
    records = {
        r.pk: r
        for r in SourceRecord.objects.select_related("source").filter(pk__in=explained["records"])
    }
    described = {
        pk: {"record": r, "source": source_name(r, audience), "name": r.data.get("name", "")}
        for pk, r in records.items()
    }
    pairs = [
        {
            "left": described.get(p["left"]),
            "right": described.get(p["right"]),
            "percent": round(float(p.get("probability", 0.0)) * 100),
            "by_model": p.get("linked_by_model", False),
            "explanation": explanation_rows(p),
        }
        for p in explained.get("pairs", [])
    ]
    log = LinkDecision.objects.select_related("user").filter(
        left_id__in=records, right_id__in=records
    )
    active = {d.pk for d in decision_in_effect(log)}
    decisions = [
        {
            "entry": d,
            "left": described.get(d.left_id),
            "right": described.get(d.right_id),
            "verdict": verdict_label(d.verdict),
            "in_effect": d.pk in active,
        }
        for d in log
    ]
    context = {
        "person": person,
        "records": [described[pk] for pk in sorted(described)],
        "pairs": pairs,
        "decisions": decisions,
    }
    if request.headers.get("HX-Request"):
        return render(request, "web/workspace/_identity.html", context)
    return render(request, "web/workspace/identity.html", context)
