from django.apps import AppConfig


class SourcesConfig(AppConfig):
    """Sources, import runs and source changes."""

    name = "habeas.apps.sources"
    label = "sources"
    verbose_name = "Sources"
