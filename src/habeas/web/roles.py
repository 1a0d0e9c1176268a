"""Roles as Django groups: public (anonymous), volunteer, editor, coordinator, admin.

Each role is a group holding the permissions of the roles below it plus its own. What a
user may *see* follows from two permissions: ``web.view_internal`` and
``web.view_confidential`` (see :func:`audience_for`).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db import transaction

from habeas.apps.registry.visibility import Audience

#: Permissions of each role, as ``app_label.codename``; each role includes the one before.
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "public": (),
    "volunteer": ("web.add_draft", "web.view_draft"),
    "editor": (
        "web.view_internal",
        "web.publish_draft",
        "web.change_draft",
        "web.import_lists",
        "web.manage_tokens",
        "registry.add_person",
        "registry.change_person",
        "registry.add_personname",
        "cases.add_case",
        "cases.add_charge",
        "cases.add_sentence",
        "cases.add_custodyperiod",
        "cases.add_event",
        "cases.add_recognition",
        "cases.add_facility",
        "cases.change_facility",
        "cases.add_facilityaddress",
    ),
    "coordinator": ("web.view_confidential", "web.coordinate"),
    "admin": (
        "auth.add_user",
        "auth.change_user",
        "auth.view_user",
        "auth.view_group",
        "auth.change_group",
    ),
}
ROLES = tuple(ROLE_PERMISSIONS)

#: Demo accounts made by :func:`ensure_demo_users`, one per working role.
DEMO_USERS = {"volunteer": "volunteer", "editor": "editor", "coordinator": "coordinator"}


def role_permissions(role: str) -> list[str]:
    """All permissions of ``role``, including those of the roles below it."""
    names: list[str] = []
    for name in ROLES:
        names.extend(ROLE_PERMISSIONS[name])
        if name == role:
            return names
    raise ValueError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")


def ensure_roles(using: str = "default") -> dict[str, Group]:
    """Create or update the role groups and their permissions; returns them by name."""
    groups: dict[str, Group] = {}
    wanted = {p for role in ROLES for p in role_permissions(role)}
    found: dict[str, Permission] = {}
    for perm in Permission.objects.using(using).select_related("content_type"):
        key = f"{perm.content_type.app_label}.{perm.codename}"
        if key in wanted:
            found[key] = perm
    with transaction.atomic(using=using):
        for role in ROLES:
            group, _ = Group.objects.using(using).get_or_create(name=role)
            group.permissions.set([found[p] for p in role_permissions(role) if p in found])
            groups[role] = group
    return groups


def role_of(user: Any) -> str:
    """The highest role a user holds ("public" for anonymous visitors)."""
    if user is None or not user.is_authenticated:
        return "public"
    if user.is_superuser:
        return "admin"
    names = {g.name for g in user.groups.all()}
    for role in reversed(ROLES):
        if role in names:
            return role
    return "public"


def audience_for(user: Any) -> Audience:
    """What a user may see: confidential, internal, or public values."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return Audience.PUBLIC
    if user.has_perm("web.view_confidential"):
        return Audience.CONFIDENTIAL
    if user.has_perm("web.view_internal"):
        return Audience.INTERNAL
    return Audience.PUBLIC


def ensure_demo_users(password: str | None = None) -> dict[str, str]:
    """Create (or reset) the demo accounts ``volunteer``, ``editor`` and ``coordinator``.

    Args:
        password: one password for all of them; a random one when not given.

    Returns:
        Username → password, to print for whoever runs the demo.
    """
    from django.contrib.auth import get_user_model

    groups = ensure_roles()
    secret = password or secrets.token_urlsafe(9)
    users = get_user_model()
    made: dict[str, str] = {}
    for username, role in DEMO_USERS.items():
        user, _ = users.objects.get_or_create(username=username)
        user.set_password(secret)
        user.save()
        user.groups.set([groups[role]])
        made[username] = secret
    return made
