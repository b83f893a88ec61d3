"""Addresses of the privacy screens, under /admin/privacy/."""

from django.urls import path

from core.privacy.admin_records import RecordsView
from core.privacy.admin_retention import RetentionReportView

app_name = "privacy"

urlpatterns = [
    path("retention/", RetentionReportView.as_view(), name="retention"),
    path("records/", RecordsView.as_view(), name="records"),
]
