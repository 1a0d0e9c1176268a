"""Two-factor authentication (TOTP, RFC 6238, through django-otp) for editors and above,
and the session's absolute lifetime.

:class:`RequireTwoFactorMiddleware` lets a signed-in user of a role in
``settings.HABEAS_2FA_ROLES`` (and any staff or superuser) reach nothing but the two-factor
pages and log-out until the session is verified with a code: not the workspace, not even
the public pages (which would show them internal values). A user without a device is sent
to enrol one, a user with one to enter a code.

Devices are :class:`habeas.security.models.SealedTOTPDevice`: django-otp's TOTP device with
the seed encrypted at rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice as PlainTOTPDevice

from habeas.security.models import SealedTOTPDevice as TOTPDevice
from habeas.web.roles import role_of

LOGIN_AT = "habeas_login_at"
#: Paths an unverified user may still reach.
OPEN_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/static/", "/i18n/")


def needs_two_factor(user: Any) -> bool:
    """Whether this user must verify a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return role_of(user) in settings.HABEAS_2FA_ROLES


def confirmed_device(user: Any) -> TOTPDevice | None:
    """The user's confirmed TOTP device, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def enrol_device(user: Any, *, confirmed: bool = False) -> TOTPDevice:
    """The user's pending device (made when missing); ``confirmed`` for command-line use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    if confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device


def remove_devices(user: Any) -> int:
    """Delete every TOTP device of ``user`` (sealed, and any plain one left from before the
    seeds were encrypted); returns how many. They enrol again at their next login."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    plain, _ = PlainTOTPDevice.objects.filter(user=user).delete()
    return removed + plain


def code_for(device: TOTPDevice, at: float | None = None) -> str:
    """The code an authenticator app shows for ``device`` now (or at time ``at``)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


class RequireTwoFactorMiddleware:
    """Enforce the second factor and the absolute session lifetime."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Redirect unverified editors to the two-factor pages; end over-age sessions."""
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        now = time.time()
        started = request.session.get(LOGIN_AT)
        if started is None:
            request.session[LOGIN_AT] = now
        elif now - float(started) > settings.HABEAS_SESSION_MAX_AGE:
            logout(request)
            return redirect_to_login(request.get_full_path())
        if needs_two_factor(user) and not user.is_verified():
            if request.path.startswith(OPEN_PREFIXES):
                return self.get_response(request)
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "two-factor verification required"}, status=403)
            name = "web:otp_verify" if confirmed_device(user) else "web:otp_setup"
            target = reverse(name) + "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)
