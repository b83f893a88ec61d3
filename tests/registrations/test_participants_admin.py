"""Participants in the admin: coordinators only; search, filters, summary, edit, export, erase."""

import csv
import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import ModelLogEntry

from activities.models import Session
from attendance.models import Attendance
from core.roles import ASSOCIATION_EDITORS, COORDINATORS, FACILITATORS
from registrations import accounts, services
from registrations.models import Participant, RegistrationStatus
from registrations.participants_admin import registration_summary
from registrations.services import register
from tests.factories import UserFactory, make_group, user_in_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = user_in_role(COORDINATORS)
    client.force_login(user)
    return user


@pytest.fixture
def walk_in(person):
    return person(
        first_name="Maria",
        last_name="Bianchi",
        email="maria@example.org",
        phone="333 1234567",
        municipality="Cremona",
        province="CR",
        birth_year=1975,
    )


def urls(participant):
    pk = participant.pk
    return [
        reverse("participants:index"),
        reverse("participants:index") + "?export=csv",
        reverse("participants:inspect", args=[pk]),
        reverse("participants:edit", args=[pk]),
        reverse("participants:anonymise", args=[pk]),
        reverse("participants:history", args=[pk]),
    ]


@pytest.mark.parametrize("role", ["anonymous", "resident", FACILITATORS, ASSOCIATION_EDITORS])
def test_nobody_but_coordinators_gets_in(client, walk_in, role):
    if role == "resident":
        client.force_login(UserFactory())
    elif role != "anonymous":
        user = user_in_role(role)
        if role == FACILITATORS:  # even the facilitator of an activity she registered for
            group = make_group()
            group.facilitators.add(user)
            register(participant=walk_in, activity=group)
        client.force_login(user)
    for url in urls(walk_in):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        assert "Bianchi" not in body and "maria@example.org" not in body, url
    response = client.post(reverse("participants:anonymise", args=[walk_in.pk]))
    assert response.status_code in (302, 403)
    response = client.post(
        reverse("participants:edit", args=[walk_in.pk]),
        {"first_name": "Altro", "referral_source": "other"},
    )
    assert response.status_code in (302, 403)
    walk_in.refresh_from_db()
    assert walk_in.first_name == "Maria" and walk_in.anonymised_at is None
    if role in (FACILITATORS, ASSOCIATION_EDITORS):
        home = client.get(reverse("wagtailadmin_home")).content.decode()
        assert reverse("participants:index") not in home


def test_coordinator_gets_in_and_has_the_menu_item(client, coordinator, walk_in):
    for url in urls(walk_in):
        assert client.get(url).status_code == 200, url
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("participants:index") in home
    # Nobody adds or deletes participants here.
    assert client.get(reverse("participants:add")).status_code in (302, 403)
    assert client.post(reverse("participants:delete", args=[walk_in.pk])).status_code in (302, 403)
    assert Participant.objects.filter(pk=walk_in.pk).exists()


def names_listed(client, query=""):
    response = client.get(reverse("participants:index_results") + query)
    assert response.status_code == 200
    body = response.content.decode()
    return {
        name
        for name in (
            "Anna Rossi",
            "Marco Rossi",
            "Maria Bianchi",
            "Luca Verdi",
            "Anonymised participant",
        )
        if name in body
    }


def test_search_and_filters(client, coordinator, person, resident):
    person(
        first_name="Anna",
        last_name="Rossi",
        email="anna@example.org",
        municipality="Cremona",
        referral_source="informagiovani",
    )
    person(
        first_name="Marco",
        last_name="Rossi",
        email="mr@example.org",
        municipality="CREMONA ",
        referral_source="word_of_mouth",
    )
    resident(
        first_name="Maria",
        last_name="Bianchi",
        municipality="Crema",
        referral_source="employment_centre",
    )
    gone = person(first_name="Luca", last_name="Verdi", municipality="Lodi")
    services.anonymise(participant=gone, by=coordinator)

    assert names_listed(client, "?q=rossi") == {"Anna Rossi", "Marco Rossi"}
    assert names_listed(client, "?q=Rossi+Anna") == {"Anna Rossi"}
    assert names_listed(client, "?q=mr%40example") == {"Marco Rossi"}
    assert names_listed(client, "?referral_source=informagiovani") == {"Anna Rossi"}
    # One choice per municipality, whatever the capitalisation.
    assert names_listed(client, "?municipality=Cremona") == {"Anna Rossi", "Marco Rossi"}
    assert names_listed(client, "?account=yes") == {"Maria Bianchi"}
    assert names_listed(client, "?account=no&anonymised=no") == {"Anna Rossi", "Marco Rossi"}
    assert names_listed(client, "?anonymised=yes") == {"Anonymised participant"}
    page = client.get(reverse("participants:index")).content.decode()
    assert page.count('value="Cremona"') == 1 and 'value="CREMONA' not in page


def test_page_shows_registrations_and_attendance_counts(client, coordinator, walk_in):
    group = make_group(title="Over 50", capacity=10)
    register(participant=walk_in, activity=group, staff=True)
    five_weeks = datetime.timedelta(days=36)  # the first five Tuesdays are now past
    for session in Session.objects.filter(activity=group):
        Session.objects.filter(pk=session.pk).update(
            start=session.start - five_weeks, end=session.end - five_weeks
        )
    held = list(Session.objects.held().filter(activity=group).order_by("start"))
    assert len(held) >= 5
    for session, status in zip(
        held, ["present", "late", "present", "excused", "absent"], strict=False
    ):
        Attendance.objects.create(
            participant=walk_in, session=session, status=status, method="roll_call"
        )
    [row] = registration_summary(walk_in)
    assert (row["attended"], row["excused"], row["absent"], row["held"]) == (3, 1, 1, len(held))
    assert row["registration"].status == RegistrationStatus.CONFIRMED
    page = client.get(reverse("participants:inspect", args=[walk_in.pk])).content.decode()
    assert "Over 50" in page and "Confirmed" in page and "maria@example.org" in page
    assert "<td>3</td>" in page and f"<td>{len(held)}</td>" in page


def test_edit_checks_like_the_public_form(client, coordinator, walk_in):
    url = reverse("participants:edit", args=[walk_in.pk])
    data = {
        "first_name": "Maria Grazia",
        "last_name": "Bianchi",
        "email": "mg@example.org",
        "phone": "333",
        "birth_year": "1850",
        "municipality": "Cremona",
        "province": "Cremona",
        "referral_source": "informagiovani",
        "contact_channel": "email",
        "language": "it",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "four digits" in str(errors["birth_year"])
    assert "two letters" in str(errors["province"])
    assert "check the phone number" in str(errors["phone"])
    walk_in.refresh_from_db()
    assert walk_in.first_name == "Maria" and walk_in.birth_year == 1975  # nothing half-saved
    response = client.post(
        url, {**data, "birth_year": "1976", "province": "mi", "phone": "333 765 4321"}
    )
    assert response.status_code == 302
    walk_in.refresh_from_db()
    assert (
        walk_in.first_name,
        walk_in.birth_year,
        walk_in.province,
        walk_in.email,
        walk_in.phone,
    ) == ("Maria Grazia", 1976, "MI", "mg@example.org", "+393337654321")
    assert ModelLogEntry.objects.filter(
        action="wagtail.edit", user=coordinator, object_id=str(walk_in.pk)
    ).exists()


def test_staff_see_and_edit_how_a_person_is_contacted(client, coordinator, walk_in):
    url = reverse("participants:edit", args=[walk_in.pk])
    data = {
        "first_name": walk_in.first_name,
        "last_name": walk_in.last_name,
        "email": "",
        "phone": "",
        "referral_source": "informagiovani",
        "contact_channel": "sms",
        "language": "en",
        "discreet": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "please write a mobile number" in str(response.context["form"].errors["phone"])
    walk_in.refresh_from_db()
    assert walk_in.contact_channel == "email" and not walk_in.discreet
    assert client.post(url, {**data, "phone": "347 765 4321"}).status_code == 302
    walk_in.refresh_from_db()
    assert (walk_in.contact_channel, walk_in.phone, walk_in.discreet, walk_in.language) == (
        "sms",
        "+393477654321",
        True,
        "en",
    )
    page = client.get(reverse("participants:inspect", args=[walk_in.pk])).content.decode()
    assert "+39 347 765 4321" in page and "Discreet messages" in page
    for typed in ("347 765", "347-765-4321", "Maria 4321"):
        listing = client.get(reverse("participants:index"), {"q": typed}).content.decode()
        assert walk_in.first_name in listing and "+39 347 765 4321" in listing, typed


def test_an_account_holders_e_mail_is_theirs_to_change(client, coordinator, resident):
    user, participant = resident(first_name="Sara")
    response = client.post(
        reverse("participants:edit", args=[participant.pk]),
        {
            "first_name": "Sara",
            "email": "other@example.org",
            "referral_source": "other",
            "contact_channel": "email",
            "language": "it",
        },
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.email == user.email
    page = client.get(reverse("participants:inspect", args=[participant.pk])).content.decode()
    assert reverse("participants:anonymise", args=[participant.pk]) not in page
    response = client.post(reverse("participants:anonymise", args=[participant.pk]))
    participant.refresh_from_db()
    assert response.status_code == 302 and participant.anonymised_at is None


def test_anonymise_asks_first_then_erases_and_logs(
    client, coordinator, walk_in, person, django_capture_on_commit_callbacks
):
    group = make_group(title="Laboratorio digitale", capacity=1)
    register(participant=walk_in, activity=group, staff=True)
    waiting = register(participant=person(first_name="Giulia"), activity=group)
    client.post(
        reverse("participants:edit", args=[walk_in.pk]),
        {
            "first_name": "Maria",
            "last_name": "Bianchi",
            "birth_year": "1975",
            "municipality": "Cremona",
            "province": "CR",
            "referral_source": "other",
        },
    )
    url = reverse("participants:anonymise", args=[walk_in.pk])

    confirm = client.get(url).content.decode()
    assert "Laboratorio digitale" in confirm and "cannot be undone" in confirm
    walk_in.refresh_from_db()
    assert walk_in.anonymised_at is None  # looking is not doing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "has been anonymised" in response.content.decode()
    walk_in.refresh_from_db()
    assert walk_in.anonymised_at and (walk_in.first_name, walk_in.email, walk_in.phone) == (
        "",
        "",
        "",
    )
    assert (walk_in.birth_year, walk_in.municipality) == (1975, "Cremona")
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED  # the freed seat went on
    assert ModelLogEntry.objects.filter(
        action="jobcafe.participant.anonymise", user=coordinator, object_id=str(walk_in.pk)
    ).exists()
    participant_type = ContentType.objects.get_for_model(Participant)
    labels = ModelLogEntry.objects.filter(content_type=participant_type).values_list(
        "label", flat=True
    )
    assert labels and not [label for label in labels if "Bianchi" in label]
    # Afterwards: nothing left to edit, nothing to anonymise again.
    response = client.get(reverse("participants:edit", args=[walk_in.pk]))
    assert response.status_code == 302
    assert client.post(url).status_code == 302
    assert ModelLogEntry.objects.filter(action="jobcafe.participant.anonymise").count() == 1


def test_self_service_deletion_and_the_admin_share_one_anonymisation():
    assert accounts.anonymise is services.anonymise
    assert not hasattr(accounts, "_scrub_history")


def test_export_is_csv_with_formulas_neutralised(client, coordinator, person):
    rossi = person(first_name='=HYPERLINK("x")', last_name="Rossi", municipality="Cremona")
    response = client.get(reverse("participants:index") + "?export=csv&q=Rossi")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="participants')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["Participant number", "First name", "Last name", "E-mail"]
    assert "Has an account" in rows[0]
    assert rows[1][0] == str(rossi.pk), "the number the imports and paper registers use"
    assert rows[1][1] == '\'=HYPERLINK("x")' and rows[1][2] == "Rossi"
    assert rows[1][rows[0].index("Has an account")] == "No"


def test_the_pages_speak_italian(client, coordinator, walk_in):
    from django.utils import translation

    with translation.override("it"):
        page = client.get(
            reverse("participants:anonymise", args=[walk_in.pk]), HTTP_ACCEPT_LANGUAGE="it"
        ).content.decode()
    assert "Sì, anonimizza" in page and "non si può annullare" in page


def test_export_as_spreadsheet(client, coordinator, walk_in):
    from openpyxl import load_workbook

    response = client.get(reverse("participants:index") + "?export=xlsx")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(body)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Participant number", "First name", "Last name")
    assert rows[1][:3] == (walk_in.pk, "Maria", "Bianchi")


def test_summary_queries_do_not_grow_with_activities(walk_in, django_assert_num_queries):
    register(participant=walk_in, activity=make_group(title="Uno"), staff=True)
    with django_assert_num_queries(4):
        assert len(registration_summary(walk_in)) == 1
    for title in ("Due", "Tre"):
        register(participant=walk_in, activity=make_group(title=title), staff=True)
    with django_assert_num_queries(4):
        assert [row["activity"].title for row in registration_summary(walk_in)] == [
            "Tre",
            "Due",
            "Uno",
        ]


def test_times_on_the_page_are_rome_time(client, coordinator, person):
    consent = datetime.datetime(2026, 11, 21, 23, 45, tzinfo=datetime.UTC)
    someone = person(first_name="Elena", consent_at=consent)
    page = client.get(reverse("participants:inspect", args=[someone.pk])).content.decode()
    assert "Sunday 22 November 2026, 00:45" in page  # not the UTC 23:45 of the 21st
    page = client.get(
        reverse("participants:inspect", args=[someone.pk]), headers={"accept-language": "it"}
    ).content.decode()
    assert "domenica 22 novembre 2026, 00:45" in page
