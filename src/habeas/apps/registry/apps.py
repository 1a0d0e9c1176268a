from django.apps import AppConfig


class RegistryConfig(AppConfig):
    """Persons, names, source records and confidential notes."""

    name = "habeas.apps.registry"
    label = "registry"
    verbose_name = "Registry"
