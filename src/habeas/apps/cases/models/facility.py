"""Penitentiary facilities and their postal addresses for letters."""

from __future__ import annotations

from django.db import models

from habeas.vocabulary import FacilityType


class Facility(models.Model):
    """A place of detention: a pre-trial centre, a colony, a prison, a hospital."""

    country = models.CharField(max_length=2, default="RU")
    name = models.CharField(max_length=300, unique=True)
    facility_type = models.CharField(
        max_length=24, choices=FacilityType.choices(), default=FacilityType.OTHER
    )
    number = models.CharField(max_length=16, blank=True)
    region = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "facilities"

    def __str__(self) -> str:
        return self.name


class FacilityAddress(models.Model):
    """A postal address for letters, valid over a period, as a source states it."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="addresses")
    address = models.TextField()
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    record = models.ForeignKey(
        "registry.SourceRecord", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["facility", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["facility", "address"], name="unique_facility_address")
        ]

    def __str__(self) -> str:
        return self.address
