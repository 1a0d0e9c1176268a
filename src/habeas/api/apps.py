"""The API app's configuration."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """JSON API and its tokens."""

    name = "habeas.api"
    label = "api"
    verbose_name = "API"
