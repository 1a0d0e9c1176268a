"""Where a change comes from: the screen (view name) of a web or API request, an import,
or a command. A context variable, set by :class:`AuditOriginMiddleware` for requests and by
:func:`origin` for everything else."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_ORIGIN: ContextVar[str] = ContextVar("habeas_audit_origin", default="command")


def current_origin() -> str:
    """The origin of changes made now."""
    return _ORIGIN.get()


@contextmanager
def origin(value: str) -> Iterator[None]:
    """Changes made inside come from ``value`` (for example ``import:12`` or ``cli:restore``)."""
    token = _ORIGIN.set(value[:200])
    try:
        yield
    finally:
        _ORIGIN.reset(token)


class AuditOriginMiddleware:
    """Sets the origin of a request's changes to ``screen:<view name>`` (``api:<path>``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Run the request with its origin set."""
        if request.path.startswith("/api/"):
            label = f"api:{request.method} {request.path}"
        else:
            label = f"screen:{request.path}"
        with origin(label):
            return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: object, args: object, kwargs: object
    ) -> None:
        """Name the screen by its URL name once it is resolved."""
        match = request.resolver_match
        if match is not None and match.view_name and not request.path.startswith("/api/"):
            _ORIGIN.set(f"screen:{match.view_name}")
