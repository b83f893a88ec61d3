"""What the public sees of an organisation's approved events."""

import html
import re

import pytest
from django.test import Client

from tests.associations.conftest import draft_event, published_event
from tests.factories import programme_page

pytestmark = pytest.mark.django_db


def test_event_names_its_organiser_who_lists_it_and_the_programme_filters_by_it(
    org_a, org_b, coordinator
):
    programme = programme_page()
    event = published_event(org_a, title="Open day Alfa", coordinator=coordinator)
    published_event(org_b, title="Open day Beta", coordinator=coordinator)
    draft_event(org_a, title="Bozza segreta")
    visitor = Client()

    page = visitor.get(event.url).content.decode()
    assert org_a.get_absolute_url() in page

    organisation_page = visitor.get(org_a.get_absolute_url()).content.decode()
    assert "Open day Alfa" in organisation_page
    assert "Open day Beta" not in organisation_page
    assert "Bozza segreta" not in organisation_page

    # The event is ten days away: the filtered first week is empty and links to its date.
    this_week = visitor.get(programme.url, {"organiser": org_a.slug}).content.decode()
    next_date = re.search(r'href="(\?[^"]*date_from=[^"]*)"[^>]*>\s*La prossima data', this_week)
    assert next_date, "an empty week offers the next date the filters keep"
    filtered = visitor.get(programme.url + html.unescape(next_date[1])).content.decode()
    assert "Open day Alfa" in filtered and "Open day Beta" not in filtered

    section = visitor.get(org_a.space.events_index.url).content.decode()
    assert "Open day Alfa" in section and "Bozza segreta" not in section


def test_drafts_are_not_public(org_a):
    event = draft_event(org_a, title="Bozza segreta")
    assert event.get_url()
    assert Client().get(event.get_url()).status_code == 404
