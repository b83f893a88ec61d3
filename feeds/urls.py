"""Plain Django routes: Wagtail's routable pages cannot have a dot in a route."""

from django.urls import path

from feeds import views

app_name = "feeds"

urlpatterns = [
    path("calendar/programme.ics", views.programme_feed, name="programme"),
    path("calendar/activity/<int:page_id>.ics", views.activity_feed, name="activity"),
    path("calendar/session/<int:session_id>.ics", views.session_download, name="session"),
    path("calendar/personal/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("calendar/personal/", views.personal_address, name="personal"),
]
