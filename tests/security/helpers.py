"""Signing in as the tests' users the way a person does: password, then a real TOTP code
computed from the device's key (never a bypass of the second factor)."""

from __future__ import annotations

from typing import Any

from django.test import Client

from habeas.security.twofactor import code_for, confirmed_device, enrol_device


def device_for(user: Any) -> Any:
    """The user's confirmed TOTP device (enrolled now when missing)."""
    return confirmed_device(user) or enrol_device(user, confirmed=True)


def next_code(device: Any) -> str:
    """A code the device will accept now: the current step's, or the next step's when the
    current one was used already (django-otp refuses a code twice)."""
    import time

    device.refresh_from_db()
    now = time.time()
    step = int((now - device.t0) // device.step)
    if step <= device.last_t:
        return code_for(device, at=now + device.step * (device.last_t + 1 - step))
    return code_for(device, at=now)


def verify_session(client: Client, user: Any) -> None:
    """Complete the second factor for a logged-in client with a computed code."""
    device = device_for(user)
    response = client.post("/accounts/2fa/verify/", {"code": next_code(device), "next": "/"})
    assert response.status_code == 302, response.content.decode()[:500]


def signed_in(user: Any, client: Client | None = None) -> Client:
    """A client logged in as ``user`` (second factor verified when the role needs it)."""
    from habeas.security.twofactor import needs_two_factor

    client = client or Client()
    client.force_login(user)
    if needs_two_factor(user):
        verify_session(client, user)
    return client
