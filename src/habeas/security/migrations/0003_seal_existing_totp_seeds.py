"""Move the TOTP devices enrolled before seeds were encrypted into ``SealedTOTPDevice``.

django-otp's ``otp_totp_totpdevice`` table holds the seed in plain hex. Each of its devices is
copied, field for field, into ``security_sealedtotpdevice`` (where the seed is encrypted on
the way in) and then deleted, so no plaintext seed stays behind. The users keep their
authenticator apps (the seed is the same); a session verified against an old device is asked
for a code once more. Reversing moves the devices back (decrypted).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

#: The fields both device models share, copied as they are.
FIELDS = (
    "user_id",
    "name",
    "confirmed",
    "throttling_failure_timestamp",
    "throttling_failure_count",
    "created_at",
    "last_used_at",
    "key",
    "step",
    "t0",
    "digits",
    "tolerance",
    "drift",
    "last_t",
)


def _move(source: Any, target: Any) -> int:
    moved = 0
    for device in source.objects.order_by("pk"):
        copy = target.objects.create(**{name: getattr(device, name) for name in FIELDS})
        # ``created_at`` is auto_now_add: keep the enrolment time, not the migration's.
        target.objects.filter(pk=copy.pk).update(created_at=device.created_at)
        device.delete()
        moved += 1
    return moved


def seal_seeds(apps: Any, schema_editor: Any) -> None:
    """Every plain-text device becomes a sealed one; the plain rows are deleted."""
    _move(apps.get_model("otp_totp", "TOTPDevice"), apps.get_model("security", "SealedTOTPDevice"))


def unseal_seeds(apps: Any, schema_editor: Any) -> None:
    """The reverse: the devices go back to django-otp's table, decrypted."""
    _move(apps.get_model("security", "SealedTOTPDevice"), apps.get_model("otp_totp", "TOTPDevice"))


class Migration(migrations.Migration):
    dependencies = [
        ("security", "0002_sealed_totp_device"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(seal_seeds, unseal_seeds)]
