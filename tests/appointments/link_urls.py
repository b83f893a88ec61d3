"""The site's URLs plus the desk's three signed-link addresses, for tests of the messages
that carry them, whichever pages answer at those addresses."""

from django.http import HttpResponse
from django.urls import include, path


def _page(request, value):
    return HttpResponse()


_links = (
    [
        path("withdraw/<str:value>/", _page, name="withdraw"),
        path("book/<str:value>/", _page, name="book_link"),
        path("manage/<str:value>/", _page, name="manage"),
    ],
    "appointments",
)

urlpatterns = [path("desk-links/", include(_links)), path("", include("jobcafe.urls"))]
