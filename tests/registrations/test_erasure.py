"""Deleting an account erases the person from every table and every log entry.

The person is given everything the site can hold about someone: registrations, attendance
marks with their history, counselling, follow-up outcomes and support measures with notes
that name them, a personal calendar address, and log entries of every kind. After the
account is deleted through its page, no text column of any table still holds their name,
e-mail address, username or phone number; the rows that statistics count are still there.
"""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from appointments.models import Appointment, ContactRequest
from attendance.models import Attendance, AttendanceChange, CounsellingSession
from feeds.models import CalendarToken
from registrations.erasure import neutralise_log_entries, rewrite_log_data
from registrations.models import Registration
from registrations.services import register
from stats.models import Outcome, SupportMeasure
from stats.services import record_support
from tests.factories import PASSWORD, make_group, stored_models
from tests.registrations.everything import (
    E164,
    EMAIL,
    FIRST_NAME,
    LAST_NAME,
    NOTE,
    PHONE,
    USERNAME,
)

pytestmark = pytest.mark.django_db


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
            Appointment,
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
