"""Bearer-token authentication for the API: optional on public reads, required elsewhere."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer

from habeas.api.models import ApiToken
from habeas.api.scopes import token_audience
from habeas.apps.registry.visibility import Audience


class TokenAuth(HttpBearer):
    """``Authorization: Bearer hb_…``; the request gets ``request.api_token``."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        """The token, or None (which ninja answers with 401)."""
        found = ApiToken.authenticate(token)
        if found is not None:
            request.api_token = found  # type: ignore[attr-defined]
        return found


def optional_token(request: HttpRequest) -> ApiToken | None:
    """The request's token when it sends one; a bad token is refused, never ignored."""
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer":
        raise AuthenticationError()
    found = ApiToken.authenticate(secret.strip())
    if found is None:
        raise AuthenticationError()
    return found


def audience_of(request: HttpRequest) -> Audience:
    """What this request may see: public without a token, else the token's reach."""
    token = getattr(request, "api_token", None) or optional_token(request)
    if token is None:
        return Audience.PUBLIC
    return token_audience(token.user, token.scopes)


def require_scope(request: HttpRequest, scope: str) -> Any:
    """The token's user, when the token holds ``scope``; 403 otherwise."""
    token = getattr(request, "api_token", None)
    if token is None or scope not in token.scopes:
        raise HttpError(403, f"this token lacks the {scope!r} scope")
    return token.user
