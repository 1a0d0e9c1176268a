"""API token scopes, and the permission a user needs to hold each one.

A token never reaches further than its user: the audience of a request is the narrower of
what the token's scopes allow and what the user may see now.
"""

from __future__ import annotations

from typing import Any

from habeas.apps.registry.visibility import Audience
from habeas.web.roles import audience_for

READ = "read"
READ_INTERNAL = "read:internal"
READ_CONFIDENTIAL = "read:confidential"
WRITE = "write"

#: Scope → the permission the token's user must hold for it ("" = any signed-in user).
SCOPES: dict[str, str] = {
    READ: "",
    READ_INTERNAL: "web.view_internal",
    READ_CONFIDENTIAL: "web.view_confidential",
    WRITE: "registry.add_person",
}


def scopes_for(user: Any) -> list[str]:
    """The scopes ``user`` may put on a token."""
    return [s for s, perm in SCOPES.items() if not perm or user.has_perm(perm)]


def token_audience(user: Any, scopes: list[str]) -> Audience:
    """What a request with this token may see."""
    reach = audience_for(user)
    if READ_CONFIDENTIAL in scopes and reach == Audience.CONFIDENTIAL:
        return Audience.CONFIDENTIAL
    if (READ_INTERNAL in scopes or READ_CONFIDENTIAL in scopes) and reach in (
        Audience.INTERNAL,
        Audience.CONFIDENTIAL,
    ):
        return Audience.INTERNAL
    return Audience.PUBLIC
