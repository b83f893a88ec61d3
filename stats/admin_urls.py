"""Addresses of the statistics dashboard and its exports, under /admin/statistics/."""

from django.urls import path

from stats import views

urlpatterns = [
    path("", views.DashboardView.as_view(), name="stats_dashboard"),
    path(
        "export/<slug:table>/<slug:fmt>/", views.StatisticsExportView.as_view(), name="stats_export"
    ),
]
