"""The registry of personal data: complete, current, and what erasure really does.

The copy, the erasure, the retention job and the privacy notice all read the registry,
so a field missing from it would be forgotten by all of them: these tests fail first.
"""

import datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test.utils import isolate_apps
from django.utils import timezone

from appointments.models import ContactRequest
from appointments.requests import record_contact, submit_request
from attendance.services import record_counselling
from core import personal_data as pd
from core.personal_data import NotPersonal, PersonalField, PersonModel, Registry, registry
from core.privacy.notice import current_version
from registrations.models import Participant
from registrations.services import anonymise, register
from stats.services import record_outcome, record_support
from tests.factories import ParticipantFactory, UserFactory, make_edition


def _is_ours(app_config) -> bool:
    """An app of the project, not a library installed in a virtual environment inside it."""
    path = Path(app_config.path)
    base = Path(settings.BASE_DIR)
    return path.is_relative_to(base) and not {".venv", "site-packages"} & set(
        path.relative_to(base).parts
    )


def _our_models():
    """Every concrete model of the project's own apps, and every model with entries."""
    declared = registry().models()
    return [
        model
        for model in apps.get_models()
        if not model._meta.proxy
        and (_is_ours(model._meta.app_config) or model._meta.label in declared)
    ]


def _entry(model, field, **overrides):
    values = {
        "category": pd.FREE_TEXT,
        "purpose": pd.PURPOSE_REGISTRATION,
        "legal_basis": pd.PUBLIC_TASK,
        "retention": pd.FREE_TEXT_NOTES,
        "erasure": pd.BLANK,
    }
    return PersonalField(model, field, **{**values, **overrides})


def test_every_field_that_can_hold_personal_data_is_registered():
    assert _our_models(), "no models found: the check would pass on nothing"
    assert pd.unregistered_fields(_our_models(), registry()) == []


def test_participants_and_logins_are_the_people():
    assert registry().people == {"registrations.Participant", "auth.User"}


def test_the_check_covers_our_apps_and_the_login_but_not_every_library():
    labels = {model._meta.label for model in _our_models()}
    assert {"registrations.Participant", "auth.User", "account.EmailAddress"} <= labels
    assert {"stats.Outcome", "messaging.Message", "jobcafe.HomePage"} <= labels
    assert "wagtailimages.Image" not in labels


def test_no_entry_names_a_field_that_no_longer_exists():
    assert pd.stale_entries(registry()) == []


def test_entries_use_known_categories_bases_retention_keys_and_erasures():
    assert pd.invalid_entries(registry()) == []


def test_an_entry_left_out_is_reported():
    without_email = [
        entry
        for entry in (*registry().personal, *registry().not_personal)
        if (entry.model, entry.field) != ("registrations.Participant", "email")
    ]
    missing = pd.unregistered_fields([Participant], Registry(without_email))
    assert missing == ["registrations.Participant.email"]


@isolate_apps("core")
def test_a_new_text_field_is_reported():
    class Diary(models.Model):
        text = models.TextField()
        written_on = models.DateField()

        class Meta:
            app_label = "core"

    assert pd.unregistered_fields([Diary], Registry([])) == ["core.Diary.text"]


@isolate_apps("core")
def test_every_field_of_a_model_about_people_must_be_declared():
    """Once a model holds personal data, a date or a number on it says something too."""

    class Diary(models.Model):
        text = models.TextField()
        written_on = models.DateField()
        mood = models.PositiveSmallIntegerField()

        class Meta:
            app_label = "core"

    reg = Registry([_entry("core.Diary", "text")])
    assert pd.unregistered_fields([Diary], reg) == ["core.Diary.written_on", "core.Diary.mood"]


def test_a_link_to_a_person_makes_every_field_count():
    """Attendance has no text of its own to speak of, but its rows are about a person."""
    from attendance.models import Attendance

    assert pd.fields_to_declare(Attendance, Registry([])) == ["status", "method"]
    reg = Registry([PersonModel("registrations.Participant")])
    assert set(pd.fields_to_declare(Attendance, reg)) == {
        "participant",
        "session",
        "status",
        "method",
        "recorded_by",
        "recorded_at",
    }


def test_an_entry_naming_a_missing_field_or_model_is_reported():
    reg = Registry(
        [
            NotPersonal("registrations.Participant", "nickname", "gone"),
            NotPersonal("registrations.Diary", "text", "never was"),
            PersonModel("registrations.Visitor"),
        ]
    )
    assert pd.stale_entries(reg) == [
        "registrations.Visitor",
        "registrations.Participant.nickname",
        "registrations.Diary.text",
    ]


def test_unknown_keys_and_a_keep_without_reason_are_reported():
    reg = Registry(
        [
            _entry("registrations.Participant", "email", retention="forever"),
            _entry("registrations.Participant", "phone", category="gossip"),
            _entry("registrations.Participant", "first_name", erasure=pd.KEEP),
            _entry("registrations.Participant", "last_name", erasure=pd.KEEP, why_kept="a reason"),
        ]
    )
    assert pd.invalid_entries(reg) == [
        "registrations.Participant.email",
        "registrations.Participant.phone",
        "registrations.Participant.first_name",
    ]


def test_the_gaps_are_the_ones_the_privacy_page_lists():
    """None left: session notes, staff messages and editors' comments are reached by the
    retention of free text (tests/core/privacy/test_retention_notes.py), partner invitations
    by theirs."""
    assert registry().gaps() == ()


def test_every_model_holding_personal_data_says_who_sees_it():
    """The records of processing and the notice's recipients read these: none may be missing."""
    reg = registry()
    holding = {entry.model for entry in reg.personal}
    assert holding, "no personal fields: the check would pass on nothing"
    assert sorted(holding - set(reg.access)) == []
    assert sorted(set(reg.access) - holding) == [], "an Access for a model with no personal field"


def test_every_audience_is_known_and_has_a_label():
    reg = registry()
    assert set(pd.AUDIENCE_LABELS) == set(pd.AUDIENCES)
    unknown = {
        model: [who for who in seen_by if who not in pd.AUDIENCES]
        for model, seen_by in reg.access.items()
    }
    assert {model: who for model, who in unknown.items() if who} == {}
    assert all(reg.access.values()), "an Access naming nobody"


def test_who_sees_what_follows_the_permissions():
    """Partners see counts, never names; requests stay with the desk; the person sees theirs."""
    reg = registry()
    assert pd.FACILITATORS in reg.seen_by("registrations.Participant")
    assert pd.PARTNER_EDITORS not in reg.seen_by("registrations.Participant")
    assert pd.PARTNERS_COUNTS in reg.seen_by("registrations.Registration")
    assert pd.PARTNERS_COUNTS in reg.seen_by("attendance.Attendance")
    assert set(reg.seen_by("appointments.ContactRequest")) == {
        pd.THE_PERSON,
        pd.COORDINATORS,
        pd.DESK_OPERATORS,
        pd.TECHNICAL_ADMINS,
    }
    for model in reg.access:
        assert pd.COORDINATORS in reg.seen_by(model) or model == "sessions.Session", model
        assert pd.TECHNICAL_ADMINS in reg.seen_by(model), model
    assert reg.seen_by("core.Nothing") == ()


def test_a_field_declared_twice_is_refused():
    with pytest.raises(ValueError, match="declared twice"):
        Registry([_entry("core.Diary", "text"), NotPersonal("core.Diary", "text", "why")])


def test_lookups_by_model_category_and_retention_key():
    reg = registry()
    assert {e.field for e in reg.by_model("registrations.Participant")} >= {"email", "phone"}
    free_text = {(e.model, e.field) for e in reg.by_category(pd.FREE_TEXT)}
    assert {
        ("stats.Outcome", "notes"),
        ("stats.SupportMeasure", "notes"),
        ("attendance.CounsellingSession", "counsellor"),
        ("attendance.SessionReport", "note"),
    } <= free_text
    assert ("messaging.Message", "address") in {
        (e.model, e.field) for e in reg.by_retention(pd.MESSAGE_LOG)
    }
    assert reg.entry("registrations.Participant", "email").erasure == pd.BLANK


@pytest.mark.django_db
def test_the_participant_entries_say_what_erasure_does():
    """Blanked fields are empty after an erasure, kept ones unchanged: the registry is true."""
    person = ParticipantFactory(
        user=UserFactory(),
        phone="+39 333 1234567",
        birth_year=1990,
        municipality="Lainate",
        province="MI",
    )
    before = Participant.objects.get(pk=person.pk)
    after = anonymise(participant=person)
    entries = registry().by_model("registrations.Participant")
    blanked = [e.field for e in entries if e.erasure == pd.BLANK]
    # The erasure stamps these two itself.
    stamped = {"updated_at", "anonymised_at"}
    kept = [e.field for e in entries if e.erasure == pd.KEEP and e.field not in stamped]
    assert blanked
    assert all(getattr(after, field) in ("", None) for field in blanked)
    assert all(getattr(before, field) not in ("", None) for field in blanked)
    assert {field: getattr(after, field) for field in kept} == {
        field: getattr(before, field) for field in kept
    }
    assert after.user is None


@pytest.mark.django_db
def test_free_text_about_a_person_marked_blank_is_blank_after_an_erasure():
    """Every field of a row tied to the person that the registry says is blanked, is blanked."""
    today = datetime.date.today()
    person = ParticipantFactory(consent_at=timezone.now(), consent_version=current_version())
    note = "Called Anna Rossi on 347 555 1234"
    edition = make_edition(days=[today])
    register(participant=person, activity=edition, by=UserFactory(), staff=True)
    record_outcome(participant=person, kind="fixed_term", date=today, notes=note)
    record_support(participant=person, kind="support_pact", date=today, notes=note)
    record_counselling(
        participant=person, activity=edition, date=today, counsellor=note, done=True, by=None
    )
    contact = submit_request(
        name="Anna", phone="347 555 1234", way="call_back", reachable="morning", need=note
    )
    record_contact(contact, "contacted", by=None, notes=note)
    ContactRequest.objects.filter(pk=contact.pk).update(participant=person)
    anonymise(participant=person)
    blanked = [
        entry
        for entry in registry().personal
        if entry.erasure == pd.BLANK and entry.model != "registrations.Participant"
    ]
    assert {entry.model for entry in blanked} >= {
        "appointments.ContactRequest",
        "stats.Outcome",
        "stats.SupportMeasure",
        "attendance.CounsellingSession",
    }
    for entry in blanked:
        model = apps.get_model(entry.model)
        if "participant" not in {field.name for field in model._meta.fields}:
            continue  # not tied to a participant: reached through the login (see test_erasure)
        rows = model.objects.filter(participant=person)
        assert rows.exists(), f"give the person a {entry.model} above"
        assert set(rows.values_list(entry.field, flat=True)) == {""}, entry
