"""Accounts: log in and out (Django's views), and the API tokens of the signed-in user."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from habeas.api.models import ApiToken
from habeas.api.scopes import scopes_for
from habeas.web.decorators import require_perm
from habeas.web.forms import TokenForm


class LoginView(auth_views.LoginView):
    """The login page."""

    template_name = "web/accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Log out (POST only, with CSRF)."""


@require_perm("web.manage_tokens")
def tokens(request: HttpRequest) -> HttpResponse:
    """The user's API tokens; a new token's secret is shown once."""
    allowed = scopes_for(request.user)
    form = TokenForm(request.POST or None, scopes=[(s, s) for s in allowed])
    secret = None
    if request.method == "POST" and form.is_valid():
        token, secret = ApiToken.issue(
            user=request.user, name=form.cleaned_data["name"], scopes=form.cleaned_data["scopes"]
        )
        messages.success(request, _("Token created. Copy it now: it is not shown again."))
    return render(
        request,
        "web/accounts/tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": ApiToken.objects.filter(user=request.user, revoked_at__isnull=True),
        },
    )


@require_POST
@require_perm("web.manage_tokens")
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the user's tokens."""
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    token.revoke()
    messages.success(request, _("Token revoked."))
    return redirect("web:tokens")
