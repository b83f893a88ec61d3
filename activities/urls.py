from django.urls import path

from activities import views

urlpatterns = [
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
]
