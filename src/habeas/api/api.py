"""The API object: /api/v1, its OpenAPI description at /api/v1/openapi.json."""

from __future__ import annotations

from ninja import NinjaAPI

from habeas.api import facilities, persons, stats

api = NinjaAPI(
    title="Habeas API",
    version="1",
    description=(
        "The registry of political prisoners. Public data needs no key; a bearer token "
        "(`Authorization: Bearer hb_…`, made in the workspace) adds what its scopes and its "
        "user allow: `read:internal`, `read:confidential`, `write`."
    ),
    urls_namespace="api",
)
api.add_router("", persons.router)
api.add_router("", facilities.router)
api.add_router("", stats.router)
