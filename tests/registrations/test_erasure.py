"""Deleting an account erases the person from every table and every log entry.

The person is given everything the site can hold about someone: registrations, attendance
marks with their history, counselling, follow-up outcomes and support measures with notes
that name them, a personal calendar address, and log entries of every kind. After the
account is deleted through its page, no text column of any table still holds their name,
e-mail address, username or phone number; the rows that statistics count are still there.
"""

import datetime
import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from activities.models import Session
from appointments.models import ContactRequest
from appointments.requests import record_contact, submit_request
from attendance.models import Attendance, AttendanceChange, CounsellingSession
from attendance.services import record_attendance, record_counselling
from core.messaging.services import queue_email
from core.roles import COORDINATORS
from feeds.models import CalendarToken
from feeds.services import reset_personal_feed
from registrations.erasure import neutralise_log_entries, rewrite_log_data
from registrations.models import Registration
from registrations.services import register
from stats.models import Outcome, SupportMeasure
from stats.services import record_outcome, record_support
from tests.factories import PASSWORD, make_edition, make_group, stored_models, user_in_role

pytestmark = pytest.mark.django_db
# The desk's message carries signed links: their addresses, whichever pages answer there.
DESK_LINKS = pytest.mark.urls("tests.appointments.link_urls")

FIRST_NAME, LAST_NAME = "Ottavia", "Zanardelli"
USERNAME, EMAIL = "ozanardelli", "ottavia.z@example.org"
PHONE = "347 555 1234"
E164 = "+393475551234"  # the same number as the outbox writes it
NOTE = f"Called {FIRST_NAME} {LAST_NAME} on {PHONE}: she starts on Monday."


def text_columns(model):
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
    ]


def where_it_is_found(*needles: str) -> list[str]:
    """Every `app.Model.column` whose text holds one of the needles (case-insensitive)."""
    needles = [n.lower() for n in needles]
    found = []
    for model in stored_models():
        columns = text_columns(model)
        if not columns:
            continue
        for row in model._base_manager.values_list(*columns):
            for column, value in zip(columns, row, strict=True):
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if any(n in text.lower() for n in needles):
                    found.append(f"{model._meta.label}.{column}: {text[:80]}")
    return found


@pytest.fixture
def coordinator():
    return user_in_role(COORDINATORS, username="coordinatrice")


@pytest.fixture
def everything(resident, coordinator, django_capture_on_commit_callbacks):
    """A resident with every kind of record; returns (user, participant)."""
    user, me = resident(first_name=FIRST_NAME, last_name=LAST_NAME, phone=PHONE, birth_year=1980)
    type(user).objects.filter(pk=user.pk).update(
        username=USERNAME, email=EMAIL, first_name=FIRST_NAME, last_name=LAST_NAME
    )
    user.refresh_from_db()
    user.emailaddress_set.update(email=EMAIL)
    type(me).objects.filter(pk=me.pk).update(email=EMAIL, contact_channel="both")
    me.refresh_from_db()

    today = datetime.date.today()
    days = [today - datetime.timedelta(days=14), today - datetime.timedelta(days=7)] + [
        today + datetime.timedelta(days=7 * i) for i in range(1, 6)
    ]
    edition = make_edition(days=days)
    with django_capture_on_commit_callbacks(execute=True):  # messages by e-mail and SMS
        register(participant=me, activity=edition, by=coordinator, staff=True)
        register(participant=me, activity=make_group(), by=user)
        # An e-mail of the account itself (allauth's, through the outbox).
        queue_email(
            EmailMultiAlternatives(f"Codice per {FIRST_NAME}", "123456", to=[EMAIL]),
            kind="account:login_code",
            about=user,
        )
    held = Session.objects.filter(activity=edition).order_by("start")[:2]
    for session in held:
        record_attendance(session=session, marks={me.pk: "absent"}, method="admin", by=coordinator)
        record_attendance(session=session, marks={me.pk: "present"}, method="admin", by=coordinator)
    record_counselling(
        participant=me,
        activity=edition,
        date=today,
        counsellor=f"Dott.ssa Ferri, who knows {FIRST_NAME}",
        done=True,
        by=coordinator,
    )
    record_counselling(
        participant=me,
        activity=edition,
        date=today,
        counsellor=LAST_NAME,
        done=True,
        by=coordinator,
    )
    record_outcome(participant=me, kind="fixed_term", date=today, notes=NOTE, by=coordinator)
    record_support(participant=me, kind="support_pact", date=today, notes=NOTE, by=coordinator)
    reset_personal_feed(user=user)
    reset_personal_feed(user=user)
    # A private first contact at the desk that became this participant, with its message.
    with django_capture_on_commit_callbacks(execute=True):
        contact = submit_request(
            name=FIRST_NAME,
            phone=PHONE,
            email=EMAIL,
            way="call_back",
            reachable="morning",
            need=NOTE,
        )
    record_contact(contact, "contacted", by=coordinator, notes=NOTE)
    ContactRequest.objects.filter(pk=contact.pk).update(participant=me)
    # Staff edits in the admin: Wagtail's history of the participant and of the login, and
    # Django's admin log of the login.
    log(me, "wagtail.edit", user=coordinator, data={"first_name": FIRST_NAME, "phone": PHONE})
    log(user, "wagtail.edit", user=coordinator)
    LogEntry.objects.log_actions(
        user_id=coordinator.pk, queryset=[user], action_flag=CHANGE, change_message=EMAIL
    )
    return user, me


@DESK_LINKS
def test_the_fixture_leaves_the_person_everywhere(everything):
    """The control: before the deletion, every kind of place holds the person."""
    found = "\n".join(where_it_is_found(FIRST_NAME, LAST_NAME, EMAIL, USERNAME, PHONE, E164))
    for place in (
        "registrations.Participant.first_name",
        "stats.Outcome.notes",
        "stats.SupportMeasure.notes",
        "attendance.CounsellingSession.counsellor",
        "wagtailcore.ModelLogEntry.label",
        "wagtailcore.ModelLogEntry.data",
        "admin.LogEntry.object_repr",
        "account.EmailAddress.email",
        "messaging.Message.address",
        "messaging.Message.subject",
        "messaging.Message.text",
        "appointments.ContactRequest.name",
        "appointments.ContactRequest.notes",
    ):
        assert place in found
    assert ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(CalendarToken)
    ).exists()
    assert ModelLogEntry.objects.filter(label__contains=f"{FIRST_NAME} {LAST_NAME} — ").exists()


@DESK_LINKS
def test_deleting_the_account_erases_the_person_everywhere(client, everything):
    user, me = everything
    kept = {
        model: model.objects.count()
        for model in (
            Registration,
            Attendance,
            AttendanceChange,
            CounsellingSession,
            ContactRequest,
        )
    }
    client.force_login(user)
    response = client.post(reverse("registrations:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302

    found = where_it_is_found(FIRST_NAME, LAST_NAME, EMAIL, USERNAME, PHONE, E164, "555 1234")
    assert found == [], "\n".join(found)
    # Statistics keep their counts: the rows stay, without free text.
    for model, count in kept.items():
        assert model.objects.count() == count, model
    outcome, measure = Outcome.objects.get(), SupportMeasure.objects.get()
    assert (outcome.participant_id, outcome.kind, outcome.notes) == (me.pk, "fixed_term", "")
    assert (measure.participant_id, measure.kind, measure.notes) == (me.pk, "support_pact", "")
    counselling = CounsellingSession.objects.get()
    assert counselling.done and counselling.date and counselling.counsellor == ""
    assert not CalendarToken.objects.exists()
    assert not ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(CalendarToken)
    ).exists()
    me.refresh_from_db()
    assert (me.birth_year, me.anonymised_at is not None) == (1980, True)


def test_erasure_by_a_coordinator_reaches_the_same_places(client, coordinator, person):
    """A walk-in without an account, anonymised from the admin: notes and labels go too."""
    walk_in = person(first_name=FIRST_NAME, last_name=LAST_NAME, email=EMAIL, phone=PHONE)
    register(participant=walk_in, activity=make_group(), by=coordinator, staff=True)
    record_support(participant=walk_in, kind="grant", date=timezone.localdate(), notes=NOTE)
    client.force_login(coordinator)
    response = client.post(reverse("participants:anonymise", args=[walk_in.pk]))
    assert response.status_code == 302
    found = where_it_is_found(FIRST_NAME, LAST_NAME, EMAIL, PHONE, E164)
    assert found == [], "\n".join(found)
    assert SupportMeasure.objects.get().notes == ""


def test_log_entries_are_relabelled_with_one_query_per_kind_of_object(
    person, django_assert_max_num_queries
):
    group = make_group()
    people = [person(first_name=f"Name{n}") for n in range(4)]
    registrations = [register(participant=p, activity=group) for p in people]
    for instance in [*people, *registrations]:
        log(instance, "wagtail.edit", data={"who": str(instance)})
    # two kinds of object: two reads, then one bulk update (with its savepoint)
    with django_assert_max_num_queries(5):
        assert neutralise_log_entries([*people, *registrations]) >= 8
    edits = ModelLogEntry.objects.filter(action="wagtail.edit")
    assert [entry.data for entry in edits] == [{}] * 8


def test_rewrite_log_data_changes_only_the_data_it_is_told_to(person):
    anna, bruno = person(first_name="Anna"), person(first_name="Bruno")
    log(anna, "wagtail.edit", data={"email": "anna@example.org"})
    log(bruno, "wagtail.edit", data={"email": "bruno@example.org"})
    entries = ModelLogEntry.objects.filter(action="wagtail.edit")
    labels = dict(entries.values_list("pk", "label"))

    def keep(data):
        return {} if data.get("email") == "anna@example.org" else data

    assert rewrite_log_data(entries, keep) == 1
    assert dict(entries.values_list("object_id", "data")) == {
        str(anna.pk): {},
        str(bruno.pk): {"email": "bruno@example.org"},
    }
    assert dict(entries.values_list("pk", "label")) == labels
