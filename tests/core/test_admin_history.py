"""The history views of our viewsets: a user id no key can hold, typed in the address,
is a refused filter (the page answers 200), never a 500."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.views.generic.history import HistoryView as WagtailHistoryView
from wagtail.log_actions import log
from wagtail.models import Page

from activities.models import Session
from core.admin_history import HistoryFilterSet
from core.roles import COORDINATORS
from tests.factories import LocationFactory, UserFactory, make_event, user_in_role
from tests.test_access import OUR_APPS

HUGE_ID = "9" * 30


def history_views():
    """(route name, view class, model) of every history view in the admin's URLs."""

    def walk(patterns, namespaces=()):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = namespaces + ((entry.namespace,) if entry.namespace else ())
                yield from walk(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern):
                view_class = getattr(entry.callback, "view_class", None)
                if view_class and issubclass(view_class, WagtailHistoryView):
                    name = ":".join(namespaces + (entry.name,))
                    yield name, view_class, entry.callback.view_initkwargs.get("model")

    return list(walk(get_resolver().url_patterns))


def test_every_history_view_of_our_models_reads_user_ids_first():
    ours = [(name, view, model) for name, view, model in history_views() if model]
    ours = [(name, view) for name, view, model in ours if model._meta.app_label in OUR_APPS]
    assert len(ours) >= 9  # sessions, participants, marks, changes, counselling, 4 snippets
    for name, view in ours:
        assert issubclass(view.filterset_class, HistoryFilterSet), name


def test_the_user_filter_keeps_wagtails_place_and_label():
    wagtail_filters = WagtailHistoryView.filterset_class.base_filters
    assert list(HistoryFilterSet.base_filters) == list(wagtail_filters)
    assert HistoryFilterSet.base_filters["user"].label == wagtail_filters["user"].label


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("namespace", "make_object"),
    [
        ("sessions", lambda: Session.objects.filter(activity=make_event()).get()),
        ("wagtailsnippets_activities_location", LocationFactory),
    ],
)
def test_an_impossible_user_id_is_a_refused_filter(client, namespace, make_object):
    editor = UserFactory(username="root", is_superuser=True, is_staff=True)
    instance = make_object()
    log(instance=instance, action="wagtail.edit", user=editor)  # the user filter shows
    client.force_login(editor)
    for route in ("history", "history_results"):
        url = reverse(f"{namespace}:{route}", args=[instance.pk])
        assert client.get(url, {"user": str(editor.pk)}).status_code == 200
        response = client.get(url, {"user": HUGE_ID})
        assert response.status_code == 200, url
        assert not response.context["filters"].is_valid()


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["wagtailadmin_reports:site_history", "page_history"])
def test_wagtails_own_history_views_answer_an_impossible_user_id_without_error(client, route):
    """Wagtail's site history and page history are not ours, but they show our data: the
    same malformed filter must not break them either."""
    client.force_login(user_in_role(COORDINATORS))
    home = Page.objects.filter(depth=2).first()
    url = (
        reverse("wagtailadmin_reports:site_history")
        if route == "wagtailadmin_reports:site_history"
        else reverse("wagtailadmin_pages:history", args=[home.pk])
    )
    response = client.get(url, {"user": "9" * 30})
    assert response.status_code == 200
