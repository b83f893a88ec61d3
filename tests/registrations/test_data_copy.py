"""A person's copy of their data: everything the database holds about them is in it.

The comparison does not trust the registry the copy is read from: it walks every table the
database has, follows every key that points at the person, at their login or at a row
already found (three steps: person → registration → reminder), adds the messages written
about those rows and the log entries about them, and requires each row to be in the copy.
"""

import datetime
import json

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core.messaging.models import Message
from core.roles import FACILITATORS
from tests.factories import PASSWORD, stored_models, user_in_role
from tests.registrations.everything import FIRST_NAME, NOTE, USERNAME

pytestmark = pytest.mark.django_db

GENERIC = {"messaging.Message", "wagtailcore.ModelLogEntry", "admin.LogEntry"}


def rows_in_the_database_about(participant) -> set[tuple[str, int]]:
    """(model label, pk) of every row about the person, found without the registry."""
    found = {(participant._meta.label, participant.pk)}
    if participant.user_id:
        found.add((participant.user._meta.label, participant.user_id))
    for _step in range(3):
        for model in stored_models():
            label = model._meta.label
            if label in GENERIC:
                continue
            for field in model._meta.concrete_fields:
                target = field.related_model
                if not field.is_relation or target is None:
                    continue
                pks = [pk for lbl, pk in found if lbl == target._meta.label]
                if not pks or label == target._meta.label:
                    continue
                # A key that names who recorded something (staff, or the person themselves
                # when they signed in) points at the login, not at a row about the person.
                if field.name in {"recorded_by", "created_by", "changed_by", "sent_by"}:
                    continue
                for pk in model._base_manager.filter(**{f"{field.name}__in": pks}).values_list(
                    "pk", flat=True
                ):
                    found.add((label, pk))
    for label, pk in list(found):
        content_type = ContentType.objects.get_by_natural_key(*label.lower().split("."))
        found |= {
            ("messaging.Message", m)
            for m in Message.objects.filter(
                recipient_type=content_type, recipient_id=pk
            ).values_list("pk", flat=True)
        }
        found |= {
            ("wagtailcore.ModelLogEntry", e)
            for e in ModelLogEntry.objects.filter(
                content_type=content_type, object_id=str(pk)
            ).values_list("pk", flat=True)
        }
        found |= {
            ("admin.LogEntry", e)
            for e in LogEntry.objects.filter(
                content_type=content_type, object_id=str(pk)
            ).values_list("pk", flat=True)
        }
    return found


def rows_in_the_copy(data: dict) -> set[tuple[str, int]]:
    return {(part["model"], row["id"]) for part in data["sections"] for row in part["rows"]}


def login(user) -> Client:
    client = Client()
    assert client.login(username=USERNAME, password=PASSWORD)
    return client


def test_the_resident_finds_every_row_the_database_holds_about_them(everything):
    user, me = everything
    response = login(user).get(reverse("registrations:my_data") + "?format=json")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    data = json.loads(response.content)
    in_the_database = rows_in_the_database_about(me)
    # The fixture holds every kind of record: the comparison is not between two empty sets.
    kinds = {label for label, _pk in in_the_database}
    assert {
        "registrations.Registration",
        "attendance.Attendance",
        "attendance.AttendanceChange",
        "attendance.CounsellingSession",
        "stats.Outcome",
        "stats.SupportMeasure",
        "messaging.Message",
        "feeds.CalendarToken",
        "account.EmailAddress",
        "wagtailcore.ModelLogEntry",
        "admin.LogEntry",
        "appointments.ContactRequest",
        "appointments.Appointment",
    } <= kinds
    assert in_the_database - rows_in_the_copy(data) == set()


def test_the_copy_shows_what_a_person_recognises_and_no_secret(everything):
    user, me = everything
    text = login(user).get(reverse("registrations:my_data"), HTTP_ACCEPT_LANGUAGE="en")
    text = text.content.decode()

    assert FIRST_NAME in text
    assert NOTE in text  # the follow-up's note, as typed
    assert "Tu puoi!" in text  # the course by its public name
    assert "Taken by" in text  # how each attendance mark was taken
    assert user.password not in text
    data = json.loads(login(user).get(reverse("registrations:my_data") + "?format=json").content)
    fields = {name for section in data["sections"] for row in section["rows"] for name in row}
    assert user.password not in json.dumps(data)
    assert not fields & {"password", "selector", "html", "dedupe_key", "recipient_id"}


def test_a_resident_without_a_participant_record_is_told_what_little_we_hold(verified_user):
    user = verified_user(username="nuovo", password=PASSWORD)
    client = Client()
    client.force_login(user)
    response = client.get(reverse("registrations:my_data"))
    assert response.status_code == 200
    assert "non conserviamo nulla su di te" in response.content.decode()


def test_someone_else_cannot_open_the_copy_without_signing_in(everything):
    response = Client().get(reverse("registrations:my_data"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_link_sent_by_staff_opens_the_copy_for_seven_days_then_says_it_expired(
    everything, coordinator, django_capture_on_commit_callbacks, time_machine
):
    user, me = everything
    staff = Client()
    staff.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(reverse("participants:data_copy", args=[me.pk]), follow=True)
    assert "Alla persona è stato inviato un link" in response.content.decode()
    url = next(line for line in mail.outbox[-1].body.splitlines() if "/data/" in line).strip()
    path = url[url.index("/data/") :]

    anyone = Client()
    assert FIRST_NAME in anyone.get(path).content.decode()
    assert anyone.get(path + "?format=json").status_code == 200

    time_machine.move_to(datetime.datetime.now() + datetime.timedelta(days=8))
    expired = anyone.get(path)
    assert expired.status_code == 410
    assert FIRST_NAME not in expired.content.decode()
    assert "è scaduto" in expired.content.decode()


def test_a_tampered_link_says_it_does_not_work(everything):
    response = Client().get(reverse("registrations:data_link", args=["abc:def"]))
    assert response.status_code == 400
    assert "non funziona" in response.content.decode()


@pytest.mark.parametrize("role", ["facilitator", "resident", "anonymous"])
def test_only_coordinators_produce_a_copy_at_the_desk(everything, role):
    _user, me = everything
    client = Client()
    if role == "facilitator":
        client.force_login(user_in_role(FACILITATORS))
    elif role == "resident":
        client.force_login(_user)
    response = client.get(reverse("participants:data_copy", args=[me.pk]))
    assert FIRST_NAME not in response.content.decode()
    assert response.status_code in (302, 403)
    assert Message.objects.filter(kind="data_copy").count() == 0
