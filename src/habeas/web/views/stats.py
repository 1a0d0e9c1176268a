"""Statistics with server-drawn charts, and the open-data downloads."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from habeas.apps.registry.exports import export_registry
from habeas.apps.registry.visibility import Audience
from habeas.web import charts
from habeas.web.labels import label
from habeas.web.queries import article_title
from habeas.web.roles import audience_for
from habeas.web.statistics import as_of, registry_statistics

#: Download name → export format and content type. All downloads hold public fields only.
DOWNLOADS = {
    "habeas-persons.csv": ("csv", "text/csv; charset=utf-8"),
    "habeas-persons.jsonl": ("jsonl", "application/x-ndjson"),
    "habeas-persons.xlsx": (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "habeas-persons.ftm.json": ("ftm", "application/x-ndjson"),
    "habeas-open-data.sqlite": ("sqlite", "application/vnd.sqlite3"),
}


def statistics(request: HttpRequest) -> HttpResponse:
    """Counts over time, by article, by region and by status (of published persons for the
    public, of everyone for editors)."""
    figures = registry_statistics(audience_for(request.user))
    language = getattr(request, "LANGUAGE_CODE", "en")
    articles = [(f"{a} {article_title(a, language)}".strip(), n) for a, n in figures["by_article"]]
    context = {
        "figures": figures,
        "charts": [
            charts.columns(_("Detentions per year"), figures["detained_per_year"]),
            charts.columns(_("Releases per year"), figures["released_per_year"]),
            charts.rows(_("Persons by article"), articles),
            charts.rows(_("Persons by region"), figures["by_region"]),
            charts.rows(_("Persons by status"), [(label(s), n) for s, n in figures["by_status"]]),
        ],
    }
    return render(request, "web/statistics.html", context)


def data(request: HttpRequest) -> HttpResponse:
    """The open-data page: what each download holds, and its licence."""
    return render(request, "web/data.html", {"downloads": DOWNLOADS, "as_of": as_of()})


def download(request: HttpRequest, name: str) -> FileResponse:
    """One open-data file, exported now with public fields only."""
    if name not in DOWNLOADS:
        raise Http404("no such download")
    file_format, content_type = DOWNLOADS[name]
    folder = Path(tempfile.mkdtemp(prefix="habeas-download-"))
    path = folder / name
    export_registry(path, file_format, Audience.PUBLIC)
    handle = path.open("rb")
    path.unlink()  # the open handle keeps the data until the response is sent
    folder.rmdir()
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    return response
