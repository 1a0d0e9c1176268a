"""Two-factor pages: enrol an authenticator app (TOTP), and enter a code after logging in."""

from __future__ import annotations

import base64
import io
from base64 import b32encode

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django_otp import login as otp_login

from habeas.audit import chain
from habeas.security.twofactor import confirmed_device, enrol_device


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app."""

    code = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label=_l("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/workspace/"


def _qr_data_uri(text: str) -> str:
    """The enrolment URL as an SVG QR code in a data: URI (the CSP allows data: images)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Enrol a TOTP device; only while the user has none (a stolen password cannot add one)."""
    if confirmed_device(request.user) is not None:
        return redirect("web:otp_verify")
    device = enrol_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            chain.record(
                actor=request.user,
                action="enrol_2fa",
                object_type="user",
                object_id=request.user.pk,
            )
            return redirect(_next(request))
        form.add_error("code", _("That code is not right. Check the app's clock and try again."))
    context = {
        "form": form,
        "secret": b32encode(device.bin_key).decode(),
        "qr": _qr_data_uri(device.config_url),
        "next": _next(request),
    }
    return render(request, "web/accounts/otp_setup.html", context)


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """Enter the current code; repeated wrong codes slow down (django-otp throttling)."""
    device = confirmed_device(request.user)
    if device is None:
        return redirect("web:otp_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("code", _("That code is not right, or too many tries: wait and retry."))
    return render(request, "web/accounts/otp_verify.html", {"form": form, "next": _next(request)})
