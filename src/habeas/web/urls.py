"""Routes of the web application (namespace ``web``)."""

from django.urls import path

from habeas.web.views import (
    accounts,
    facilities,
    history,
    imports,
    public,
    stats,
    twofactor,
    workspace,
)

app_name = "web"

urlpatterns = [
    path("", public.home, name="home"),
    path("persons/<int:person_id>/", public.person, name="person"),
    path("facilities/", facilities.facility_list, name="facilities"),
    path("facilities/<int:facility_id>/", facilities.facility, name="facility"),
    path("statistics/", stats.statistics, name="statistics"),
    path("data/", stats.data, name="data"),
    path("data/<str:name>", stats.download, name="download"),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/2fa/setup/", twofactor.setup, name="otp_setup"),
    path("accounts/2fa/verify/", twofactor.verify, name="otp_verify"),
    path("workspace/persons/<int:person_id>/history/", history.history, name="person_history"),
    path(
        "workspace/persons/<int:person_id>/history/<int:seq>/restore/",
        history.restore,
        name="person_restore",
    ),
    path(
        "workspace/persons/<int:person_id>/publication/<str:step>/",
        history.publication,
        name="publication",
    ),
    path("accounts/logout/", accounts.LogoutView.as_view(), name="logout"),
    path("workspace/", workspace.dashboard, name="workspace"),
    path("workspace/tokens/", accounts.tokens, name="tokens"),
    path("workspace/tokens/<int:token_id>/revoke/", accounts.revoke_token, name="revoke_token"),
    path("workspace/persons/new/", workspace.person_new, name="person_new"),
    path("workspace/persons/<int:person_id>/edit/", workspace.person_edit, name="person_edit"),
    path("workspace/persons/<int:person_id>/cases/new/", workspace.case_new, name="case_new"),
    path(
        "workspace/persons/<int:person_id>/custody/new/",
        workspace.custody_new,
        name="custody_new",
    ),
    path("workspace/persons/<int:person_id>/events/new/", workspace.event_new, name="event_new"),
    path(
        "workspace/persons/<int:person_id>/recognitions/new/",
        workspace.recognition_new,
        name="recognition_new",
    ),
    path("workspace/facilities/new/", workspace.facility_edit, name="facility_new"),
    path(
        "workspace/facilities/<int:facility_id>/edit/",
        workspace.facility_edit,
        name="facility_edit",
    ),
    path("workspace/drafts/<int:draft_id>/", workspace.draft, name="draft"),
    path("workspace/drafts/<int:draft_id>/review/", workspace.draft_review, name="draft_review"),
    path("workspace/import/", imports.upload, name="import_upload"),
    path("workspace/import/<str:token>/map/", imports.map_columns, name="import_map"),
    path("workspace/import/<str:token>/dry-run/", imports.dry_run, name="import_dry_run"),
    path("workspace/import/<str:token>/run/", imports.run, name="import_run"),
]
