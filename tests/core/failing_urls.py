"""A URL whose view fails, to see what a server error leaves in the log."""

from django.urls import path


def fail(request):
    raise RuntimeError("something broke")


urlpatterns = [path("fails/", fail)]
