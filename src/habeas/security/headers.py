"""Security headers beyond Django's own (which set HSTS, nosniff, Referrer-Policy, COOP and
X-Frame-Options) and the CSP middleware: Permissions-Policy, and no caching of any page
a signed-in user sees (internal values must not stay in a shared computer's cache)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy to every response and ``no-store`` for signed-in users."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Pass the request on; add the headers on the way out."""
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("X-Frame-Options", "DENY")
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith("/accounts/"):
            response.headers["Cache-Control"] = "no-store, private"
        return response
