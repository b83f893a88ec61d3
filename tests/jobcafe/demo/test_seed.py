"""`manage.py seed_demo`: a current, convincing programme; running it twice changes nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from activities.models import ActivityPage, Organisation, Session, SessionStatus
from core.messaging.phones import normalise_phone, sms_number
from courses.models import CourseEditionPage
from jobcafe import demo
from jobcafe.demo import DEMO_PASSWORD
from registrations.models import Participant
from tests.factories import stored_models

pytestmark = pytest.mark.django_db

CALLS = []


def recording_seeder(*, stdout, password):
    CALLS.append(stdout)


def counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in stored_models()}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module (it takes a few seconds); tests only read."""
    # The site's address as in development, where the demo runs (the command prints it).
    development = override_settings(
        SITE_URL="http://127.0.0.1:8000", WAGTAILADMIN_BASE_URL="http://127.0.0.1:8000"
    )
    with django_db_blocker.unblock(), transaction.atomic():
        mail.outbox = []
        first = StringIO()
        with development:
            call_command("seed_demo", stdout=first)
        before = counts()
        call_command("seed_demo", stdout=StringIO())
        yield {
            "output": first.getvalue(),
            "before": before,
            "after": counts(),
            "mails": len(mail.outbox),
        }
        transaction.set_rollback(True)


def test_running_twice_creates_nothing_new(seeded):
    changed = {
        label: (n, seeded["after"][label])
        for label, n in seeded["before"].items()
        if seeded["after"][label] != n
    }
    assert changed == {}


def printed_logins(output: str) -> list[list[str]]:
    """The rows of the "Demo logins" table: user name, e-mail, password, role."""
    table = output.split("Demo logins:", 1)[1].strip().splitlines()
    return [line.split(None, 3) for line in table[1:]]


def test_every_demo_login_is_printed_and_opens_the_site(seeded, client):
    rows = printed_logins(seeded["output"])
    by_name = {username: (email, password, role) for username, email, password, role in rows}
    assert by_name["admin"][2] == "administrator"
    assert by_name["coordinatrice"][2] == "coordinator"
    assert by_name["facilitatore"] == ("facilitatore@jobcafe.local", DEMO_PASSWORD, "facilitator")
    assert by_name["sportello"] == ("sportello@jobcafe.local", DEMO_PASSWORD, "desk operator")
    assert {"associazione", "donneinrete"} <= {u for u, *_, r in rows if r == "partner editor"}
    assert sum(1 for *_, role in rows if role == "resident") == 3
    for username, email, password, _role in rows:
        for login in (username, email):  # the site's log-in takes either
            response = client.post("/accounts/login/", {"login": login, "password": password})
            assert response.status_code == 302, login
            client.logout()


def test_readme_lists_the_logins_seed_demo_prints(seeded):
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    for username, email, password, role in printed_logins(seeded["output"]):
        assert f"| `{username}` | `{email}` | `{password}` | {role} |" in readme


def test_admin_login_is_printed_and_works(seeded):
    assert "http://127.0.0.1:8000/admin/" in seeded["output"]
    user = authenticate(username="admin", password=DEMO_PASSWORD)
    assert user is not None and user.is_superuser
    for username, role in [("coordinatrice", "Coordinators"), ("facilitatore", "Facilitators")]:
        assert (
            authenticate(username=username, password=DEMO_PASSWORD)
            .groups.filter(name=role)
            .exists()
        )


def test_tu_puoi_has_eight_editions_in_three_towns(seeded):
    editions = CourseEditionPage.objects.live().select_related("location")
    towns = sorted(e.location.town for e in editions)
    assert towns.count("Cremona") == 4
    assert towns.count("Crema") == 3
    assert towns.count("Casalmaggiore") == 1
    now = timezone.now()
    states = {"past": 0, "running": 0, "future": 0}
    for edition in editions:
        sessions = list(Session.objects.filter(activity=edition).order_by("start"))
        assert len(sessions) == 7
        assert sum(s.hours for s in sessions) == 28
        if sessions[-1].end < now:
            states["past"] += 1
        elif sessions[0].start > now:
            states["future"] += 1
            states["open"] = states.get("open", 0) + edition.registration_is_open()
        else:
            states["running"] += 1
    assert states["running"] == 1
    assert states["past"] >= 2 and states["future"] >= 2
    assert states["open"] >= 2


def test_groups_have_a_past_and_a_future_and_holiday_changes(seeded):
    groups = ActivityPage.objects.filter(kind="group")
    assert groups.count() == 6
    now = timezone.now()
    for group in groups:
        assert Session.objects.filter(activity=group, start__lt=now).exists()
        assert Session.objects.filter(activity=group, start__gt=now).exists()
    assert Session.objects.filter(status=SessionStatus.CANCELLED).exclude(note="").exists()
    assert Session.objects.filter(status=SessionStatus.MOVED).count() == 1
    modes = set(groups.values_list("registration_mode", flat=True))
    assert {"none", "open", "approval"} <= modes


def test_the_small_group_is_full(seeded):
    from registrations.models import Registration

    group = ActivityPage.objects.get(slug="laboratorio-digitale-piccolo-gruppo")
    assert Registration.objects.filter(activity=group, status="confirmed").count() == group.capacity


def test_programme_pages_render(seeded, client):
    for url in [
        "/",
        "/programma/",
        "/gruppi/",
        "/corsi/",
        "/eventi/",
        "/privacy/",
        "/gruppi/over-50-ripartire-insieme/",
        "/corsi/tu-puoi/cremona-3/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Over 50: ripartire insieme" in client.get("/programma/").content.decode()


def test_extra_seeders_run_in_order(monkeypatch):
    monkeypatch.setattr(
        demo,
        "EXTRA_SEEDERS",
        [recording_seeder, recording_seeder],
    )
    CALLS.clear()
    call_command("seed_demo", stdout=StringIO())
    assert len(CALLS) == 2


def test_seeding_sends_no_email_to_the_made_up_people(seeded):
    assert seeded["mails"] == 0


def test_partner_events_sit_in_their_organisation_section_for_its_editor(seeded):
    from django.contrib.auth import get_user_model

    from associations.permissions import events_for

    editor = get_user_model().objects.get(username="associazione")
    slugs = set(events_for(editor).values_list("slug", flat=True))
    # The foundation's workshop by the same association, not only the association's own demo.
    assert {"workshop-curriculum", "simulazione-di-colloquio"} <= slugs


def test_every_phone_in_the_demo_is_a_real_number_and_phone_only_people_get_sms(seeded):
    people = Participant.objects.exclude(phone="")
    assert people.filter(email="", contact_channel="sms").count() >= 2
    assert people.filter(email="", discreet=True).exists()
    for person in people:
        assert normalise_phone(person.phone) == person.phone, person.phone
        assert person.contact_channel == "sms" or person.email
        assert sms_number(person.phone), "people reached by SMS have a mobile"
    weekly = ActivityPage.objects.get(slug="over-50-ripartire-insieme")
    registered = Participant.objects.filter(registrations__activity=weekly)
    assert registered.exclude(email="").exists() and registered.filter(email="").exists()
    for organisation in Organisation.objects.exclude(phone=""):
        normalise_phone(organisation.phone)  # a public phone people can call


def test_the_desk_has_requests_in_every_state_slots_and_counselling_hours(seeded):
    from collections import Counter

    from appointments.contact import desk_phones
    from appointments.models import Appointment, ContactRequest, Slot
    from attendance.models import CounsellingSession
    from registrations.models import Registration

    statuses = Counter(ContactRequest.objects.values_list("status", flat=True))
    # "new": 2 with the archive's request from last summer, past its period (jobcafe.demo.archive).
    assert statuses == {"new": 2, "no_answer": 2, "contacted": 1, "booked": 1, "closed": 2}
    assert set(
        ContactRequest.objects.filter(status="no_answer").values_list("attempts", flat=True)
    ) == {2}
    turned = ContactRequest.objects.get(participant__isnull=False)
    assert Registration.objects.filter(
        participant=turned.participant, activity__slug="over-50-ripartire-insieme"
    ).exists()
    assert turned.appointments.get().status == "held"
    booked = ContactRequest.objects.get(status="booked").appointments.get()
    assert booked.status == "booked" and booked.slot.start > timezone.now()

    now = timezone.now()
    desk = (
        Slot.objects.upcoming(now)
        .free()
        .filter(availability__kind="first_interview", availability__mode="in_person")
    )
    times = {timezone.localtime(s.start).strftime("%a %H:%M") for s in desk}
    assert times == {"Wed 09:00", "Wed 09:45", "Wed 10:30", "Wed 11:15"}
    assert {s.availability.location.town for s in desk} == {"Lainate"}
    assert Slot.objects.upcoming(now).filter(availability__mode="phone").exists()
    assert desk_phones().numbers  # "Talk to us" shows a number to call

    counselling = Appointment.objects.filter(kind="counselling", edition__slug="cremona-3")
    ahead = counselling.get(status="booked")
    assert ahead.participant.email == "luca.ferrari@example.org" and ahead.slot.start > now
    held = counselling.get(status="held")
    assert held.slot.start < now
    assert CounsellingSession.objects.filter(
        participant=held.participant, activity__slug="cremona-3", done=True
    ).exists()
