"""Whole public pages for anonymous visitors, answered before the rest of the middleware.

A repeated public page (the same search, a popular person) costs most of its time in the
middleware and in rendering the page around the cached fragments
(:mod:`habeas.web.pagecache`). This middleware keeps the finished response of a public
``GET`` made by an anonymous visitor and answers the same request again from it, before
sessions, authentication, CSRF and the view are reached.

The key is the method, the full path with its query string, the interface language the
visitor would get (cookie, then ``Accept-Language``), whether htmx asked (a results
fragment, not the page) and the registry's *generation* (:func:`habeas.web.pagecache.
generation`), read once at the start of the request and handed on to the view, so any
committed public-facing write makes every stored page unreachable, exactly as for the
fragments.

Only what every anonymous visitor may see is ever stored:

* the request carries no cookie but the language and CSRF cookies (no session, so no
  signed-in user and no pending messages), and its path is one of the public pages;
* the response is a complete ``200`` HTML page, sets no cookie, holds no CSRF token and
  is no larger than :data:`MAX_BYTES`.

Caches are per process (the local-memory cache); entries also expire after
:data:`habeas.web.pagecache.TTL` seconds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from habeas.web.pagecache import TTL, generation, remember_generation

#: Paths whose anonymous ``GET`` answers are shared: the home page with its search, person
#: and facility pages, statistics, and the open-data page.
PUBLIC_PREFIXES = ("/persons/", "/facilities/", "/statistics/", "/data/")
#: Cookies an anonymous visitor may carry without the page depending on anything but
#: the language (the CSRF cookie is never read by the public pages).
HARMLESS_COOKIES = frozenset({settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME})
#: Larger responses (the open-data files) are not kept.
MAX_BYTES = 512 * 1024


def is_shareable_request(request: HttpRequest) -> bool:
    """Whether ``request`` is an anonymous visitor's ``GET`` of a public page."""
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path
    if path != "/" and not path.startswith(PUBLIC_PREFIXES):
        return False
    return set(request.COOKIES) <= HARMLESS_COOKIES


def is_shareable_response(response: HttpResponse) -> bool:
    """Whether ``response`` is the same for every anonymous visitor and worth keeping."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    content = response.content
    return len(content) <= MAX_BYTES and b"csrfmiddlewaretoken" not in content


def _key(request: HttpRequest, stamp: str) -> str:
    language = translation.get_language_from_request(request)
    htmx = "h" if request.headers.get("HX-Request") else "p"
    digest = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
    return f"web:response:{request.method}:{language}:{htmx}:{stamp}:{digest}"


class PublicResponseCacheMiddleware:
    """Answers a repeated anonymous ``GET`` of a public page from the stored response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """The stored response, or the view's (stored when shareable)."""
        if not getattr(settings, "HABEAS_PAGE_CACHE", True) or not is_shareable_request(request):
            return self.get_response(request)
        stamp = generation()
        if stamp is None:  # a flushed database: nothing is cached
            return self.get_response(request)
        remember_generation(request, stamp)
        key = _key(request, stamp)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            return HttpResponse(content, headers=headers)
        response = self.get_response(request)
        if is_shareable_response(response):
            cache.set(key, (response.content, dict(response.items())), TTL)
        return response
