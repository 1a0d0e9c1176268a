"""The security app: publication records (the publication gate) and system checks."""

from __future__ import annotations

from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Publication gate, field encryption, two-factor enforcement."""

    name = "habeas.security"
    label = "security"
    verbose_name = "Security"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the deployment checks."""
        from habeas.security import checks  # noqa: F401
