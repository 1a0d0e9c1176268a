"""Middleware of the web application: a strict Content-Security-Policy (scripts and styles
only from this site, no inline code), and a query string without NUL characters."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "object-src 'none'"
)


#: Pages with their own third-party assets (Django's admin, the API's interactive docs).
EXEMPT_PREFIXES = ("/admin/", "/api/")


class ContentSecurityPolicyMiddleware:
    """Adds the policy to every HTML response (the API's JSON needs none)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Pass the request on; add the header on the way out."""
        response = self.get_response(request)
        exempt = request.path.startswith(EXEMPT_PREFIXES)
        if response.get("Content-Type", "").startswith("text/html") and not exempt:
            response.headers.setdefault("Content-Security-Policy", POLICY)
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


#: Characters no PostgreSQL text value can hold (``\x00``); a query string carrying one
#: would reach a query and fail there (a 500) instead of being refused.
REFUSED_CHARACTERS = ("\x00",)


def has_refused_character(text: str) -> bool:
    """Whether ``text`` holds a character PostgreSQL refuses in text values."""
    return any(c in text for c in REFUSED_CHARACTERS)


class RefuseNulMiddleware:
    """Answers 400 Bad Request to a query string whose names or values hold a NUL character,
    on every page but the API's (which refuses them itself, with its documented 422). Form
    fields refuse NUL themselves (Django's ``CharField`` validates it), so the posted values
    of forms are left to them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Refuse the request (400) or pass it on."""
        if not request.path.startswith("/api/"):
            for name, values in request.GET.lists():
                if has_refused_character(name) or any(map(has_refused_character, values)):
                    raise BadRequest("The address holds a NUL character.")
        return self.get_response(request)
