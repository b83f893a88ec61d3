from django.urls import path

from associations import admin_views

app_name = "associations_admin"

urlpatterns = [
    path("", admin_views.OrganisationsView.as_view(), name="index"),
    path("our-events/", admin_views.OurEventsView.as_view(), name="our_events"),
    path("<int:pk>/", admin_views.OrganisationStaffView.as_view(), name="staff"),
]
