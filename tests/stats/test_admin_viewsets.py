"""The follow-up admin: the participant chooser shows names only to those who record follow-up."""

from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, get_resolver, reverse

from core.roles import ASSOCIATION_EDITORS, FACILITATORS
from stats.admin_viewsets import participant_chooser
from tests.factories import ParticipantFactory, user_in_role

pytestmark = pytest.mark.django_db

NAME = "Zebedeo"


@pytest.fixture
def people():
    return [
        ParticipantFactory(first_name=NAME, last_name="Quintavalle"),
        ParticipantFactory(first_name=NAME, last_name="Abbondanzieri"),
    ]


def chooser_urls(people) -> list[str]:
    """Every route the chooser registers, read from the viewset, with sample arguments."""
    namespace = participant_chooser.name
    urls = []
    for pattern in participant_chooser.get_urlpatterns():
        assert isinstance(pattern, URLPattern)
        name = f"{namespace}:{pattern.name}"
        kwargs = {"pk": people[0].pk} if "pk" in pattern.pattern.regex.groupindex else {}
        url = reverse(name, kwargs=kwargs)
        if pattern.name == "chosen_multiple":
            url += "?" + "&".join(f"id={person.pk}" for person in people)
        urls.append(url)
    return urls


def test_the_sample_covers_every_view_of_the_chooser(people):
    names = {pattern.name for pattern in participant_chooser.get_urlpatterns()}
    assert {"choose", "choose_results", "chosen", "chosen_multiple", "create"} <= names
    assert all(get_resolver().resolve(urlsplit(url).path) for url in chooser_urls(people))


@pytest.mark.parametrize("role", [FACILITATORS, ASSOCIATION_EDITORS])
def test_staff_who_record_no_follow_up_open_no_view_of_the_chooser(client, people, role):
    client.force_login(user_in_role(role))
    for url in chooser_urls(people):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert NAME not in response.content.decode(), url


def test_coordinators_get_the_names_of_the_chosen(client, people, coordinator):
    client.force_login(coordinator)
    url = reverse(f"{participant_chooser.name}:chosen_multiple")
    response = client.get(url, {"id": [person.pk for person in people]})
    assert response.status_code == 200
    assert "Quintavalle" in response.content.decode()
    assert "Abbondanzieri" in response.content.decode()
