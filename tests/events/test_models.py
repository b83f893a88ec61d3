"""The events index lists what comes next first."""

import datetime

import pytest

from tests.factories import event_index, make_event

pytestmark = pytest.mark.django_db


def get(client, url):
    response = client.get(url, headers={"accept-language": "it"})
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_events_are_listed_soonest_first(client):
    today = datetime.date.today()
    make_event(title="Alfa, fra tre settimane", day=today + datetime.timedelta(days=21))
    make_event(title="Zeta, fra cinque giorni", day=today + datetime.timedelta(days=5))
    html = get(client, event_index().url)
    assert html.index("Zeta, fra cinque giorni") < html.index("Alfa, fra tre settimane")
