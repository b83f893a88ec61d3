"""Addresses of the staff screens for registrations, under /admin/registrations/."""

from django.urls import path

from registrations import admin_broadcast, admin_views

app_name = "registrations_admin"

urlpatterns = [
    path("", admin_views.ActivityListView.as_view(), name="index"),
    path(
        "results/",
        admin_views.ActivityListView.as_view(results_only=True),
        name="index_results",
    ),
    path("<int:activity_pk>/", admin_views.ActivityRegistrationsView.as_view(), name="activity"),
    path("<int:activity_pk>/add/", admin_views.WalkInView.as_view(), name="walk_in"),
    path(
        "<int:activity_pk>/write/",
        admin_broadcast.WriteToParticipantsView.as_view(),
        name="write",
    ),
    path(
        "<int:activity_pk>/sessions/<int:session_id>/write/",
        admin_broadcast.WriteToParticipantsView.as_view(),
        name="write_session",
    ),
    path("<int:activity_pk>/export/", admin_views.RegistrationsExportView.as_view(), name="export"),
    path(
        "registration/<int:pk>/<slug:action>/",
        admin_views.RegistrationActionView.as_view(),
        name="action",
    ),
]
