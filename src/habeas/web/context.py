"""Template context for every page: the visitor's role and what they may see and do."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from habeas.web.roles import audience_for, role_of


def web_context(request: HttpRequest) -> dict[str, Any]:
    """``role``, ``audience`` and the workspace permissions the navigation needs."""
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    return {
        "role": role_of(user),
        "audience": audience_for(user).value,
        "can_edit": signed_in and user.has_perm("registry.change_person"),
        "can_draft": signed_in and user.has_perm("web.add_draft"),
        "can_import": signed_in and user.has_perm("web.import_lists"),
    }
