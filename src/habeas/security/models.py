"""Publication records: a person becomes public only after a second person's review and a
recorded consent or risk check (see :mod:`habeas.security.gate`); and the TOTP devices of the
second factor, with their seeds encrypted at rest."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key, key_validator

from habeas.security.fields import EncryptedTextField


class Publication(models.Model):
    """Whether, and on whose word, a person is shown to the public."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for a second person's review"
        PUBLISHED = "published", "Published"
        WITHHELD = "withheld", "Withheld"

    class Consent(models.TextChoices):
        PERSON = "person", "The person agreed"
        FAMILY = "family", "The family or lawyer agreed"
        PUBLIC_CASE = "public_case", "The case is already public (court, media)"
        PARTNER_LIST = "partner_list", "Published by a partner organisation"
        REFUSED = "refused", "The family or person asked not to publish"
        NOT_ASKED = "not_asked", "Not asked yet"

    #: Consents that allow publication at all.
    ALLOWING = frozenset(
        {Consent.PERSON, Consent.FAMILY, Consent.PUBLIC_CASE, Consent.PARTNER_LIST}
    )

    person = models.OneToOneField(
        "registry.Person", on_delete=models.CASCADE, related_name="publication"
    )
    state = models.CharField(
        max_length=16, choices=State.choices, default=State.PENDING, db_index=True
    )
    consent = models.CharField(max_length=16, choices=Consent.choices, default=Consent.NOT_ASKED)
    risk_checked = models.BooleanField(
        default=False, help_text="Someone checked that publication puts no one at risk."
    )
    #: Why (or why not): may name relatives, so encrypted at rest.
    note = EncryptedTextField(blank=True, default="")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["person"]

    def __str__(self) -> str:
        return f"{self.state} #{self.person_id}"


class SealedTOTPDevice(TimestampMixin, ThrottlingMixin, Device):
    """django-otp's TOTP device with its seed encrypted at rest.

    The same fields and behaviour as :class:`django_otp.plugins.otp_totp.models.TOTPDevice`
    (its methods are reused as they are), except that ``key`` — the hex-encoded shared
    secret from which every code follows — is an :class:`EncryptedTextField`: a seized
    database (or a dump of it) yields ``enc1:<Fernet token>``, not the seed. django-otp finds
    this device type like any other (``devices_for_user``, ``OTPMiddleware``), and
    ``habeas keys rotate`` re-encrypts the seeds with every other encrypted value.
    """

    key = EncryptedTextField(
        validators=[key_validator],
        default=default_key,
        help_text="A hex-encoded secret key of up to 40 bytes (encrypted at rest).",
    )
    step = models.PositiveSmallIntegerField(default=30, help_text="The time step in seconds.")
    t0 = models.BigIntegerField(
        default=0, help_text="The Unix time at which to begin counting steps."
    )
    digits = models.PositiveSmallIntegerField(
        choices=[(6, 6), (8, 8)], default=6, help_text="The number of digits to expect in a token."
    )
    tolerance = models.PositiveSmallIntegerField(
        default=1, help_text="The number of time steps in the past or future to allow."
    )
    drift = models.SmallIntegerField(
        default=0,
        help_text="The number of time steps the prover is known to deviate from our clock.",
    )
    last_t = models.BigIntegerField(
        default=-1,
        help_text="The t value of the latest verified token. The next token must be at a "
        "higher time step.",
    )

    class Meta(Device.Meta):
        verbose_name = "TOTP device"

    # django-otp's own implementation, unchanged: it reads ``self.key`` (decrypted on load).
    bin_key = TOTPDevice.bin_key
    config_url = TOTPDevice.config_url
    verify_token = TOTPDevice.verify_token
    get_throttle_factor = TOTPDevice.get_throttle_factor
    _read_str_from_settings = TOTPDevice._read_str_from_settings
