"""Italian dates in messages built in code, the logged-in menu, the events index order."""

import datetime

import pytest
from django.utils import timezone, translation

from registrations.services import registration_problem
from tests.factories import UserFactory, event_index, make_event, make_group

pytestmark = pytest.mark.django_db

SUNDAY_9 = datetime.datetime(2026, 11, 1, 8, tzinfo=datetime.UTC)  # 09:00 in Rome


def get(client, url):
    response = client.get(url, headers={"accept-language": "it"})
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_closed_registration_says_the_date_the_italian_way():
    group = make_group(
        registration_mode="open",
        registration_closes_at=SUNDAY_9,
        starts_on=datetime.date.today() + datetime.timedelta(days=7),
    )
    now = max(timezone.now(), SUNDAY_9 + datetime.timedelta(days=1))
    with translation.override("it"):
        message = registration_problem(group, now=now).message
    assert message == "Le iscrizioni si sono chiuse domenica 1 novembre 2026 alle 09:00."
    with translation.override("en"):
        message = registration_problem(group, now=now).message
    assert message == "Registration closed on Sunday 1 November 2026 at 09:00."


def test_a_named_facilitator_finds_sessions_and_attendance_in_the_menu(client):
    user = UserFactory(username="maria")
    group = make_group(title="Over 50 insieme")
    client.force_login(user)
    html = get(client, group.url)
    assert "Le mie iscrizioni" in html and "Le mie presenze" in html
    assert "Le mie sessioni" not in html  # a resident only

    group.facilitators.add(user)
    group.save()  # a ParentalManyToManyField is written on save
    html = get(client, group.url)
    assert "Le mie sessioni" in html


def test_events_are_listed_soonest_first(client):
    today = datetime.date.today()
    make_event(title="Alfa, fra tre settimane", day=today + datetime.timedelta(days=21))
    make_event(title="Zeta, fra cinque giorni", day=today + datetime.timedelta(days=5))
    html = get(client, event_index().url)
    assert html.index("Zeta, fra cinque giorni") < html.index("Alfa, fra tre settimane")


@pytest.mark.parametrize(
    "url, title",
    [
        ("/admin/attendance/progress/", "Presenze per attività"),
        ("/admin/attendance/import/", "Importa un registro cartaceo"),
        ("/admin/associations/our-events/", "I nostri eventi"),
        ("/admin/associations/", "Organizzazioni partner"),
        ("/admin/attendance_marks/", "Presenze"),
    ],
)
def test_admin_screens_are_titled_in_italian(client, url, title):
    from django.contrib.auth.models import Group

    from core.roles import COORDINATORS, ensure_roles

    ensure_roles()
    user = UserFactory(username="giulia")
    user.groups.add(Group.objects.get(name=COORDINATORS))
    make_group(title="Over 50 insieme")  # some activity to look at
    client.force_login(user)
    html = get(client, url)
    heading = html[html.index("<h1") : html.index("</h1>")]
    assert title in heading and "Home" not in heading
