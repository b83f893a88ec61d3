from django.urls import path

from associations import views

app_name = "associations"

urlpatterns = [
    path("invitations/<str:token>/", views.accept_invitation_view, name="accept_invitation"),
]
