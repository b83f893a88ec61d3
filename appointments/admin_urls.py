"""Addresses of the desk's staff screens, under /admin/desk/ (availability has its own
viewset, `appointments.admin_availability`)."""

from django.urls import path

from appointments import admin_appointment_actions as appointment_actions
from appointments import admin_request_actions as request_actions
from appointments.admin_appointment_list import AppointmentIndexView
from appointments.admin_request_list import RequestIndexView

app_name = "desk"

urlpatterns = [
    path("requests/", RequestIndexView.as_view(), name="requests"),
    path(
        "requests/results/",
        RequestIndexView.as_view(results_only=True),
        name="requests_results",
    ),
    path("requests/<int:request_id>/", request_actions.RequestView.as_view(), name="request"),
    path(
        "requests/<int:request_id>/contact/",
        request_actions.RecordContactView.as_view(),
        name="request_contact",
    ),
    path(
        "requests/<int:request_id>/book/",
        request_actions.BookFromRequestView.as_view(),
        name="request_book",
    ),
    path(
        "requests/<int:request_id>/link/",
        request_actions.SendBookingLinkView.as_view(),
        name="request_link",
    ),
    path(
        "requests/<int:request_id>/participant/",
        request_actions.MakeParticipantView.as_view(),
        name="request_participant",
    ),
    path("appointments/", AppointmentIndexView.as_view(), name="appointments"),
    path(
        "appointments/results/",
        AppointmentIndexView.as_view(results_only=True),
        name="appointments_results",
    ),
    path("appointments/book/", appointment_actions.ChooseSlotView.as_view(), name="book"),
    path(
        "appointments/book/<int:slot_id>/",
        appointment_actions.BookForSomeoneView.as_view(),
        name="book_for",
    ),
    path(
        "appointments/<int:appointment_id>/",
        appointment_actions.AppointmentView.as_view(),
        name="appointment",
    ),
    path(
        "appointments/<int:appointment_id>/move/",
        appointment_actions.MoveAppointmentView.as_view(),
        name="appointment_move",
    ),
    path(
        "appointments/<int:appointment_id>/<slug:action>/",
        appointment_actions.AppointmentActionView.as_view(),
        name="appointment_action",
    ),
]
