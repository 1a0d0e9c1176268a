"""The import wizard on the foundation importer: upload → map columns with a preview →
dry run → import. The uploaded file waits in a private folder between the steps; the
session remembers it (and the mapping) under a random token."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from itertools import islice
from pathlib import Path
from typing import Any

import tomli_w
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from habeas.apps.registry.importer import import_file
from habeas.apps.sources.models import ImportRun
from habeas.interchange import INTERCHANGE_COLUMNS, InterchangeError, Mapping, open_table
from habeas.web.decorators import require_perm
from habeas.web.forms import UploadForm

PREVIEW_ROWS = 5
_SESSION = "habeas_imports"


def upload_root() -> Path:
    """Where uploads wait between the wizard's steps (``HABEAS_UPLOAD_DIR`` or a temp dir)."""
    root = Path(getattr(settings, "HABEAS_UPLOAD_DIR", "") or tempfile.gettempdir())
    return root / "habeas-uploads"


def _pending(request: HttpRequest, token: str) -> dict[str, Any]:
    found = request.session.get(_SESSION, {}).get(token)
    if found is None or not Path(found["path"]).is_file():
        raise Http404("no such upload; start again")
    return found


def _store(request: HttpRequest, token: str, state: dict[str, Any]) -> None:
    pending = request.session.get(_SESSION, {})
    pending[token] = state
    request.session[_SESSION] = pending


def _mapping(state: dict[str, Any]) -> Mapping:
    columns = state.get("columns") or {}
    text = tomli_w.dumps({"columns": columns}) if columns else ""
    return Mapping(columns=dict(columns), text=text)


@require_perm("web.import_lists")
def upload(request: HttpRequest) -> HttpResponse:
    """Step 1: the file and the source it comes from."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token = secrets.token_urlsafe(12)
        incoming = form.cleaned_data["file"]
        suffix = Path(incoming.name).suffix.lower()
        folder = upload_root() / token
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"upload{suffix}"
        with path.open("wb") as out:
            for chunk in incoming.chunks():
                out.write(chunk)
        state = {"path": str(path), "name": incoming.name, "source": form.cleaned_data["source"]}
        _store(request, token, state)
        return redirect("web:import_map", token=token)
    return render(request, "web/imports/upload.html", {"form": form})


def _read_preview(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    reader = open_table(path)
    return reader.columns, [row.values for row in islice(iter(reader), PREVIEW_ROWS)]


@require_perm("web.import_lists")
def map_columns(request: HttpRequest, token: str) -> HttpResponse:
    """Step 2: each column of the file → an interchange column, with a preview of the first
    rows under the chosen columns (refreshed by htmx as the choices change)."""
    state = _pending(request, token)
    try:
        headers, preview = _read_preview(Path(state["path"]))
    except InterchangeError as exc:
        return render(request, "web/imports/problems.html", {"state": state, "error": exc})
    identity = Mapping()
    chosen = {h: (state.get("columns") or {}).get(h, identity.target(h) or "") for h in headers}
    if request.method == "POST":
        chosen = {
            h: v if (v := request.POST.get(f"col-{i}", "")) in INTERCHANGE_COLUMNS else ""
            for i, h in enumerate(headers)
        }
        if not request.headers.get("HX-Request"):
            state["columns"] = chosen
            _store(request, token, state)
            return redirect("web:import_dry_run", token=token)
    context = {
        "token": token,
        "state": state,
        "columns": [(i, h, chosen[h]) for i, h in enumerate(headers)],
        "targets": INTERCHANGE_COLUMNS,
        "preview_headers": [(h, chosen[h]) for h in headers if chosen[h]],
        "preview": [[row.get(h, "") for h in headers if chosen[h]] for row in preview],
        "has_name": "name" in chosen.values(),
    }
    template = "web/imports/_preview.html" if request.headers.get("HX-Request") else None
    return render(request, template or "web/imports/map.html", context)


@require_perm("web.import_lists")
def dry_run(request: HttpRequest, token: str) -> HttpResponse:
    """Step 3: check everything and count what would change; nothing is written."""
    state = _pending(request, token)
    try:
        report = import_file(Path(state["path"]), source=state["source"],
                             mapping=_mapping(state), dry_run=True)  # fmt: skip
    except InterchangeError as exc:
        return render(
            request, "web/imports/problems.html", {"state": state, "error": exc, "token": token}
        )
    return render(
        request, "web/imports/report.html", {"state": state, "report": report, "token": token}
    )


@require_POST
@require_perm("web.import_lists")
def run(request: HttpRequest, token: str) -> HttpResponse:
    """Step 4: import for real (all rows in one transaction, or none)."""
    state = _pending(request, token)
    path = Path(state["path"])
    try:
        report = import_file(path, source=state["source"], mapping=_mapping(state))
    except InterchangeError as exc:
        return render(
            request, "web/imports/problems.html", {"state": state, "error": exc, "token": token}
        )
    if report.import_id:
        ImportRun.objects.filter(pk=report.import_id).update(
            imported_by=request.user, file_name=state["name"][:500]
        )
    shutil.rmtree(path.parent, ignore_errors=True)
    pending = request.session.get(_SESSION, {})
    pending.pop(token, None)
    request.session[_SESSION] = pending
    messages.success(request, _("Import finished."))
    return render(
        request, "web/imports/report.html", {"state": state, "report": report, "done": True}
    )
