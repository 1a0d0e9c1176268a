"""Cached public fragments, invalidated by a registry generation.

The public pages spend most of their time rendering the same HTML for every visitor: a
person's page body, the results of a popular search, the search form's long lists of
filter choices (rendered once for every query, with the visitor's selection marked per
request). Those fragments are cached here, for the **public audience only**
(anonymous visitors: they see published persons and public values only, so a fragment can
hold nothing confidential), per interface language.

Every key carries the registry's *generation*, read from the database at the start of the
request (one cheap query, before any data is read, so a change committed meanwhile is
never stored under an older generation than the data it follows). The generation changes
with every committed write that a public page can show:

* ``web.Generation`` (a counter and a random token renewed with it), bumped in the
  writer's own transaction by a signal on every ORM save or delete of the registry,
  cases, sources, security (publication) and audit models — every audited change writes
  an audit entry through the ORM, so the bulk writes that fire no other signal (imports,
  ``publish_demo``) bump it too — and by :func:`bump` for any other writer;
* ``audit.AuditHead.seq``, which moves with every audited change as well.

The random token keeps a rolled-back write's generation from ever recurring: the next
write gets a new token, even where the counter comes to the same value again. While the
row is missing (a flushed database) nothing is cached at all.

An entry is also dropped after :data:`TTL` seconds, so a write made behind the
application's back (a hand-edited database) is bounded too. Caches are per process (the
default local-memory cache): nothing crosses between workers but the generation.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import get_language

#: Seconds a fragment lives at most (the generation invalidates it earlier on any change).
TTL = 600
#: Apps whose writes change what the public pages show.
WATCHED_APPS = frozenset({"registry", "cases", "sources", "security", "audit"})
_REQUEST_ATTR = "_habeas_generation"
_MISSING = object()
T = TypeVar("T")


def generation() -> str | None:
    """The registry's current generation (changes with every committed public-facing write);
    None when the generation row is missing (a flushed database): then nothing is cached."""
    from habeas.audit.models import AuditHead
    from habeas.web.models import Generation

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT g.n, g.token, (SELECT seq FROM {AuditHead._meta.db_table} WHERE id = 1) "  # noqa: S608
            f"FROM {Generation._meta.db_table} g WHERE g.id = 1"
        )
        row = cursor.fetchone()
    if row is None or not row[1]:
        return None
    n, token, seq = row
    return f"{n}.{token}.{seq or 0}"


def request_generation(request: HttpRequest) -> str | None:
    """The generation for this request, read once (at its first use) and kept on it."""
    if not hasattr(request, _REQUEST_ATTR):
        setattr(request, _REQUEST_ATTR, generation())
    return getattr(request, _REQUEST_ATTR)


def remember_generation(request: HttpRequest, stamp: str | None) -> None:
    """Keep ``stamp``, read at the start of the request, as the request's generation."""
    setattr(request, _REQUEST_ATTR, stamp)


def bump(**_: Any) -> None:
    """Move the generation on, with a fresh random token (a signal receiver; also callable
    directly by a writer that bypasses the ORM and the audit log)."""
    from habeas.web.models import Generation

    token = secrets.token_hex(8)
    updated = Generation.objects.filter(pk=1).update(n=F("n") + 1, token=token)
    if not updated:
        Generation.objects.get_or_create(pk=1, defaults={"n": 1, "token": token})


def on_write(sender: type, **kwargs: Any) -> None:
    """``post_save`` / ``post_delete`` / ``m2m_changed``: bump for the watched apps' models."""
    if kwargs.get("raw"):  # loading fixtures
        return
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.app_label in WATCHED_APPS:
        bump()


def is_public(request: HttpRequest) -> bool:
    """Whether the request is an anonymous visitor's (the only audience fragments serve)."""
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def cached_value(
    request: HttpRequest,
    name: str,
    compute: Callable[[], T],
    *,
    parts: tuple[Any, ...] = (),
    per_generation: bool = True,
) -> T:
    """``compute()``'s value for ``name`` (and ``parts``) from the cache, or computed and
    stored there; in the interface language's key space.

    Only for anonymous visitors: anyone signed in gets ``compute()`` every time. With
    ``per_generation`` (the default) the key carries the registry's generation, so any
    committed write makes a new key; without it the caller's ``parts`` must identify the
    value's inputs completely (as the filter choices' stamp does for the search form)."""
    if not is_public(request) or not getattr(settings, "HABEAS_PAGE_CACHE", True):
        return compute()
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    stamp = request_generation(request) if per_generation else "-"
    if stamp is None:
        return compute()
    key = f"web:page:{name}:{get_language() or 'en'}:{stamp}:{digest}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        if not _per_visitor(value):
            cache.set(key, value, TTL)
    return value  # type: ignore[return-value]


def _per_visitor(value: object) -> bool:
    """Whether rendered HTML in ``value`` holds a visitor's own CSRF token (never shared)."""
    if isinstance(value, str):
        return "csrfmiddlewaretoken" in value
    if isinstance(value, tuple | list):
        return any(_per_visitor(v) for v in value)
    return False


def cached_fragment(
    request: HttpRequest,
    name: str,
    parts: tuple[Any, ...],
    render: Callable[[], str],
    *,
    per_generation: bool = True,
) -> str:
    """A rendered HTML fragment through :func:`cached_value`."""
    return cached_value(request, name, render, parts=parts, per_generation=per_generation)
