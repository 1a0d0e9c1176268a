"""URL routes: the web application, the JSON API under /api/v1, the language switch, and
Django's admin (users and settings, for the admin role)."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from habeas.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("habeas.web.urls")),
]
