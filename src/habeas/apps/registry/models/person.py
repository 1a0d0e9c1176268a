"""The registry person: one identity to which one or more source records belong."""

from __future__ import annotations

from django.db import models

from habeas.vocabulary import DatePrecision, Gender, Status


class Person(models.Model):
    """An identity in the registry.

    Its displayed facts are *derived* from the member source records (see
    :mod:`habeas.apps.registry.profile`) and cached here for search, lists and statistics;
    they are never typed in directly. ``merged_into`` keeps the id of a person absorbed by
    identity resolution stable: it forwards to the surviving person.
    """

    display_name = models.CharField(max_length=300, db_index=True)
    display_name_latin = models.CharField(max_length=300, blank=True)
    gender = models.CharField(max_length=8, choices=Gender.choices(), blank=True)
    birth_date = models.DateField(null=True, blank=True)
    birth_precision = models.CharField(max_length=8, choices=DatePrecision.choices(), blank=True)
    region = models.CharField(max_length=200, blank=True)
    citizenships = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=24, choices=Status.choices(), default=Status.UNKNOWN, db_index=True
    )
    conflicts = models.JSONField(
        default=dict, blank=True, help_text="Field → the differing values the sources assert."
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="absorbed"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    #: Fields and who may see them (the rest are public).
    CONFIDENTIAL_FIELDS: dict[str, str] = {}

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.display_name} (#{self.pk})"
