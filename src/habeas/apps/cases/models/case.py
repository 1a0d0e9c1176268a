"""A criminal case, its charges, and its sentences (first instance, appeal, cassation)."""

from __future__ import annotations

from django.db import models

from habeas.vocabulary import Regime


class Case(models.Model):
    """A prosecution of one person as one source record describes it."""

    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="cases")
    record = models.ForeignKey(
        "registry.SourceRecord", on_delete=models.CASCADE, related_name="cases"
    )
    country = models.CharField(max_length=2, default="RU")
    case_number = models.CharField(max_length=100, blank=True)
    investigating_authority = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["person", "id"]

    def __str__(self) -> str:
        return f"Case {self.case_number or self.pk} of person {self.person_id}"


class Charge(models.Model):
    """One legal reference a case charges: code + article + part + paragraph."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="charges")
    country = models.CharField(max_length=2, default="RU")
    code = models.CharField(max_length=8, default="UK")
    article = models.CharField(max_length=16, db_index=True)
    part = models.CharField(max_length=8, blank=True, help_text="e.g. '2' or '1.1'.")
    paragraph = models.CharField(max_length=4, blank=True)
    reference = models.CharField(max_length=40, help_text="Canonical form, e.g. RU-UK 207.3(2)(д).")

    class Meta:
        ordering = ["case", "id"]

    def __str__(self) -> str:
        return self.reference


class Sentence(models.Model):
    """A sentence as a verdict states it. An appeal's sentence supersedes the earlier one;
    both are kept."""

    class Stage(models.TextChoices):
        FIRST_INSTANCE = "first_instance"
        APPEAL = "appeal"
        CASSATION = "cassation"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sentences")
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.FIRST_INSTANCE)
    verdict_on = models.DateField(null=True, blank=True)
    court = models.CharField(max_length=300, blank=True)
    judge = models.CharField(max_length=200, blank=True)
    term_years = models.PositiveSmallIntegerField(default=0)
    term_months = models.PositiveSmallIntegerField(default=0)
    term_days = models.PositiveSmallIntegerField(default=0)
    regime = models.CharField(max_length=16, choices=Regime.choices(), blank=True)
    fine_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    fine_currency = models.CharField(max_length=3, blank=True)
    additional_penalties = models.JSONField(
        default=list, blank=True, help_text="e.g. restriction of freedom, bans, with terms."
    )
    in_absentia = models.BooleanField(default=False)
    suspended = models.BooleanField(default=False)
    supersedes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="superseded_by"
    )

    class Meta:
        ordering = ["case", "verdict_on", "id"]

    def __str__(self) -> str:
        return f"{self.term_text} {self.regime}".strip()

    @property
    def term_text(self) -> str:
        """The term in the compact interchange form, e.g. ``8y6m``."""
        parts = [(self.term_years, "y"), (self.term_months, "m"), (self.term_days, "d")]
        return "".join(f"{n}{unit}" for n, unit in parts if n) or "0y"
