"""The releases app."""

from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    """Release lists, their manual entries and frozen versions."""

    name = "habeas.releases"
    label = "releases"
    verbose_name = "Release lists"
