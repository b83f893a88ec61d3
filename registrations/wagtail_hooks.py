from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from registrations import admin_views
from registrations.participants_admin import participant_viewset
from registrations.permissions import can_see_registrations


@hooks.register("register_log_actions")
def register_registration_log_actions(actions):
    for action, label, message in [
        ("confirm", _("Register"), _("Registered: seat confirmed")),
        ("waitlist", _("Join the waiting list"), _("Registered: on the waiting list")),
        ("pending", _("Ask to take part"), _("Registered: waiting for approval")),
        ("approve", _("Approve registration"), _("Registration approved")),
        ("refuse", _("Refuse registration"), _("Registration refused")),
        ("promote", _("Promote from the waiting list"), _("Moved from the waiting list to a seat")),
        ("move_up", _("Move up the waiting list"), _("Moved to the head of the waiting list")),
        ("cancel", _("Cancel registration"), _("Registration cancelled")),
    ]:
        actions.register_action(f"jobcafe.registration.{action}", label, message)
    actions.register_action(
        "jobcafe.participant.anonymise", _("Anonymise participant"), _("Participant anonymised")
    )


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_registrations(request.user)


@hooks.register("register_admin_urls")
def register_registrations_admin_urls():
    urlpatterns = [
        path("", admin_views.ActivityListView.as_view(), name="index"),
        path(
            "results/",
            admin_views.ActivityListView.as_view(results_only=True),
            name="index_results",
        ),
        path(
            "<int:activity_pk>/", admin_views.ActivityRegistrationsView.as_view(), name="activity"
        ),
        path("<int:activity_pk>/add/", admin_views.WalkInView.as_view(), name="walk_in"),
        path("<int:activity_pk>/export/", admin_views.ExportView.as_view(), name="export"),
        path(
            "registration/<int:pk>/<slug:action>/",
            admin_views.RegistrationActionView.as_view(),
            name="action",
        ),
    ]
    return [
        path(
            "registrations/",
            include((urlpatterns, "registrations_admin"), namespace="registrations_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_registrations_menu_item():
    return RegistrationsMenuItem(
        _("Registrations"),
        reverse("registrations_admin:index"),
        name="registrations",
        icon_name="form",
        order=205,
    )


@hooks.register("register_admin_viewset")
def register_participants_viewset():
    return participant_viewset
