"""The web app's configuration: roles are (re)created after every migration."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_roles(sender: AppConfig, **kwargs: Any) -> None:
    from habeas.web.roles import ensure_roles

    ensure_roles(using=kwargs.get("using", "default"))


class WebConfig(AppConfig):
    """Public pages, workspace, import wizard, roles."""

    name = "habeas.web"
    label = "web"
    verbose_name = _("Web application")

    def ready(self) -> None:
        """Create the role groups once this app's tables exist; move the registry's
        generation on every write the public pages show (:mod:`habeas.web.pagecache`)."""
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from habeas.web.pagecache import on_write

        post_migrate.connect(_create_roles, sender=self)
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(on_write, dispatch_uid=f"habeas-generation-{signal}")
