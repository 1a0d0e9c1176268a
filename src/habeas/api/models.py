"""Scoped API tokens. Only a hash of the secret is stored; the secret is shown once."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX = "hb_"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token of one user, limited to some scopes (see :mod:`habeas.api.scopes`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    key_id = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @classmethod
    def issue(cls, *, user: Any, name: str, scopes: list[str]) -> tuple[ApiToken, str]:
        """Create a token; returns it and its secret (``hb_<key id>_<random>``)."""
        key_id = secrets.token_hex(6)
        secret = f"{PREFIX}{key_id}_{secrets.token_urlsafe(24)}"
        token = cls.objects.create(
            user=user, name=name, key_id=key_id, key_hash=_hash(secret), scopes=list(scopes)
        )
        return token, secret

    @classmethod
    def authenticate(cls, secret: str) -> ApiToken | None:
        """The live token with this secret (None for unknown, revoked or expired ones)."""
        parts = secret.split("_", 2)
        if len(parts) != 3 or f"{parts[0]}_" != PREFIX:
            return None
        token = cls.objects.select_related("user").filter(key_id=parts[1]).first()
        if token is None or not hmac.compare_digest(token.key_hash, _hash(secret)):
            return None
        now = timezone.now()
        if token.revoked_at or (token.expires_at and token.expires_at <= now):
            return None
        if not token.user.is_active:
            return None
        cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token

    def revoke(self) -> None:
        """Stop the token working."""
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
