"""Statistics, and the calling token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from habeas.api.auth import TokenAuth, audience_of
from habeas.api.schemas import UNAUTHORIZED, Statistics, TokenInfo
from habeas.web.statistics import registry_statistics

router = Router(tags=["statistics"])


def _counts(pairs: list[tuple[str, int]]) -> list[dict[str, Any]]:
    return [{"key": k, "count": n} for k, n in pairs]


@router.get(
    "/statistics", response={200: Statistics, **UNAUTHORIZED}, summary="The registry in numbers"
)
def statistics(request: HttpRequest) -> dict[str, Any]:
    """Counts over time, by article, by region and by status, as of a date: of published
    persons, or of everyone for a token that may read internal values."""
    figures = registry_statistics(audience_of(request))
    return {
        **figures,
        **{
            key: _counts(figures[key])
            for key in (
                "detained_per_year",
                "released_per_year",
                "by_article",
                "by_region",
                "by_status",
            )
        },
    }


@router.get(
    "/token",
    response={200: TokenInfo, **UNAUTHORIZED},
    auth=TokenAuth(),
    summary="The calling token",
)
def token_info(request: HttpRequest) -> dict[str, Any]:
    """Which user and scopes the token carries, and what it may see."""
    token = request.api_token  # type: ignore[attr-defined]
    return {
        "name": token.name,
        "user": token.user.get_username(),
        "scopes": token.scopes,
        "audience": audience_of(request).value,
    }
