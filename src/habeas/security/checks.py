"""Deployment checks (``django-admin check --deploy``): refuse the development secret key."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

DEV_SECRET = "habeas-development-key-not-for-production"  # noqa: S105


@register(Tags.security, deploy=True)
def secret_key_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    """The development secret key must not reach production."""
    if settings.SECRET_KEY == DEV_SECRET and not settings.DEBUG:
        return [Error("HABEAS_SECRET_KEY is not set", id="habeas.E001")]
    return []
