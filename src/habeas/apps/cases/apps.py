from django.apps import AppConfig


class CasesConfig(AppConfig):
    """Cases, charges, sentences, custody, events, facilities and recognition."""

    name = "habeas.apps.cases"
    label = "cases"
    verbose_name = "Cases"
