"""People with no activity for the period set (24 months by default) are anonymised by the
retention job: names and contacts go, the statistics keep their counts, and anything the
person did since the cutoff, here or on a floor above, keeps them."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail import hooks
from wagtail.models import ModelLogEntry

from activities.models import Session
from appointments.models import Appointment, ContactRequest
from attendance.models import Attendance, AttendanceStatus, CounsellingSession
from core.privacy import periods as retention_periods
from core.privacy import retention
from core.privacy.models import PrivacySettings, RetentionRun
from core.roles import FACILITATORS
from registrations import retention as inactive
from registrations.models import Participant, Registration, RegistrationStatus
from stats.figures.compute import compute
from stats.figures.filters import Scope, StatsFilter
from stats.models import Outcome
from tests.factories import (
    ContactRequestFactory,
    ParticipantFactory,
    UserFactory,
    make_desk_slots,
    make_edition,
    make_event,
    user_in_role,
)
from tests.registrations.everything import E164, EMAIL, FIRST_NAME, LAST_NAME, PHONE, USERNAME
from tests.registrations.test_erasure import where_it_is_found

pytestmark = pytest.mark.django_db

RULE = inactive.RULE_KEY


def months_ago(months: int) -> datetime.datetime:
    return timezone.now() - relativedelta(months=months)


def backdate(obj, **fields):
    """Set dates Django fills in itself (`auto_now`), as if the row were written then."""
    type(obj).objects.filter(pk=obj.pk).update(**fields)


def old_person(**fields) -> Participant:
    """Someone who signed up and consented 30 months ago."""
    then = months_ago(30)
    person = ParticipantFactory(consent_at=then, consent_version="2024-01", **fields)
    backdate(person, created_at=then, updated_at=then)
    return person


@pytest.fixture
def old_edition():
    """A course edition of seven weekly meetings held 30 months ago."""
    first = timezone.localdate(months_ago(30))
    days = [first + datetime.timedelta(weeks=i) for i in range(7)]
    return make_edition(title="Passata", days=days)


def took_part(person, edition):
    """Confirmed in `edition` and present at its first five meetings, all recorded then."""
    registration = Registration.objects.create(
        participant=person, activity=edition, status=RegistrationStatus.CONFIRMED
    )
    backdate(registration, created_at=months_ago(31), updated_at=months_ago(31))
    for session in Session.objects.filter(activity=edition).order_by("start")[:5]:
        mark = Attendance.objects.create(
            participant=person, session=session, status=AttendanceStatus.PRESENT, method="admin"
        )
        backdate(mark, recorded_at=session.end)


def edition_figures(title="Passata"):
    table = next(t for t in compute(StatsFilter(), Scope.full()) if t.key == "editions")
    return next(row for row in table.rows if row.get("label") == title)


def dry_run_count() -> int:
    return next(line.count for line in retention.preview() if line.rule.key == RULE)


def still_named(person) -> bool:
    person.refresh_from_db()
    return person.anonymised_at is None and person.first_name != ""


def test_the_rule_is_handed_to_the_retention_job():
    rule = next(rule for rule in retention.rules() if rule.key == RULE)
    assert (rule.retention, rule.order) == ("participant_inactive", 10)
    assert str(rule.label) == "Participants with no activity: anonymised"


def test_an_inactive_person_is_anonymised_and_the_statistics_keep_their_counts(old_edition):
    gone = old_person(first_name="Ermenegilda", last_name="Sforza", phone="347 555 0000")
    took_part(gone, old_edition)
    before = edition_figures()
    assert before["enrolled"] == 1

    done = retention.run()

    assert done.counts[RULE] == 1
    gone.refresh_from_db()
    assert gone.anonymised_at is not None
    assert (gone.first_name, gone.last_name, gone.email, gone.phone) == ("", "", "", "")
    assert edition_figures() == before
    assert Attendance.objects.filter(participant=gone).count() == 5
    # The history says a participant was anonymised, never who.
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Participant), object_id=str(gone.pk)
    )
    assert entries.filter(action="jobcafe.participant.anonymise").exists()
    assert not [e for e in entries if "Ermenegilda" in e.label or "Sforza" in e.label]


def test_someone_with_every_kind_of_record_is_erased_everywhere_once_inactive(everything):
    """The job reaches every place account deletion reaches (`test_erasure`): here the
    period is over because the job runs ten years from now."""
    user, me = everything
    later = timezone.now() + relativedelta(years=10)
    assert retention.run(now=later).counts[RULE] == 1
    found = where_it_is_found(FIRST_NAME, LAST_NAME, EMAIL, USERNAME, PHONE, E164, "555 1234")
    assert found == [], "\n".join(found)
    assert not get_user_model().objects.filter(pk=user.pk).exists()


def a_mark_on_a_recent_date(person, edition):
    event = make_event(title="Recente", day=timezone.localdate(months_ago(6)))
    session = Session.objects.get(activity=event)
    mark = Attendance.objects.create(
        participant=person, session=session, status=AttendanceStatus.PRESENT, method="roll_call"
    )
    backdate(mark, recorded_at=session.end)


def a_counselling_hour(person, edition):
    CounsellingSession.objects.create(
        participant=person, activity=edition, date=timezone.localdate(months_ago(3)), done=True
    )


def an_outcome(person, edition):
    Outcome.objects.create(
        participant=person, course_edition=edition, kind="fixed_term", date=timezone.localdate()
    )


def an_appointment_to_come(person, edition):
    appointment = Appointment.objects.create(
        slot=make_desk_slots()[0], kind="first_interview", participant=person
    )
    backdate(appointment, booked_at=months_ago(30), changed_at=months_ago(30))


def a_registration_for_a_date_next_month(person, edition):
    event = make_event(title="Prossima", day=timezone.localdate() + datetime.timedelta(days=30))
    registration = Registration.objects.create(
        participant=person, activity=event, status=RegistrationStatus.CONFIRMED
    )
    backdate(registration, created_at=months_ago(30), updated_at=months_ago(30))


def a_recent_sign_in(person, edition):
    user = UserFactory(date_joined=months_ago(30), last_login=months_ago(1))
    backdate(person, user=user)


def a_new_record(person, edition):
    backdate(person, created_at=months_ago(2))


@pytest.mark.parametrize(
    "recent",
    [
        a_mark_on_a_recent_date,
        a_counselling_hour,
        an_outcome,
        an_appointment_to_come,
        a_registration_for_a_date_next_month,
        a_recent_sign_in,
        a_new_record,
    ],
)
def test_anything_done_since_the_cutoff_keeps_the_person(old_edition, recent):
    kept = old_person()
    took_part(kept, old_edition)
    recent(kept, old_edition)
    assert dry_run_count() == 0
    assert retention.run().counts[RULE] == 0
    assert still_named(kept)


def test_the_period_set_in_the_admin_is_the_one_applied(old_edition):
    person = old_person()
    took_part(person, old_edition)
    settings = PrivacySettings.load()
    settings.participant_inactive_months = 36
    settings.save()
    assert dry_run_count() == 0
    settings.participant_inactive_months = 12
    settings.save()
    assert dry_run_count() == 1


def test_the_dry_run_counts_and_changes_nothing(old_edition):
    people = [old_person() for _ in range(3)]
    for person in people:
        took_part(person, old_edition)
    ParticipantFactory()  # signed up today

    assert dry_run_count() == 3

    assert all(still_named(person) for person in people)
    assert not RetentionRun.objects.exists()


def test_a_second_run_changes_nothing(old_edition):
    person = old_person()
    took_part(person, old_edition)
    assert retention.run().counts[RULE] == 1
    person.refresh_from_db()
    anonymised_at = person.anonymised_at

    assert retention.run().counts[RULE] == 0
    assert dry_run_count() == 0
    person.refresh_from_db()
    assert person.anonymised_at == anonymised_at


def test_counting_takes_the_same_queries_for_2_or_20_people(old_edition):
    periods, now = retention_periods.current(), timezone.now()

    def queries_to_count() -> int:
        with CaptureQueriesContext(connection) as queries:
            inactive.count_inactive(periods, now)
        return len(queries)

    for person in [old_person() for _ in range(2)]:
        took_part(person, old_edition)
    with_two = queries_to_count()
    for person in [old_person() for _ in range(18)]:
        took_part(person, old_edition)
    assert inactive.count_inactive(periods, now) == 20
    assert queries_to_count() == with_two == 1


def test_a_resident_loses_their_login_as_when_deleting_the_account(old_edition):
    user = UserFactory(date_joined=months_ago(30), last_login=months_ago(29))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    person = old_person(user=user, email=user.email)
    took_part(person, old_edition)

    assert retention.run().counts[RULE] == 1

    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not EmailAddress.objects.filter(email=user.email).exists()
    person.refresh_from_db()
    assert person.anonymised_at is not None and person.user is None


def test_a_staff_login_stays_when_its_participant_record_is_anonymised(old_edition):
    staff = user_in_role(FACILITATORS, date_joined=months_ago(30), last_login=months_ago(29))
    person = old_person(user=staff)
    took_part(person, old_edition)

    assert retention.run().counts[RULE] == 1

    assert get_user_model().objects.filter(pk=staff.pk).exists()
    person.refresh_from_db()
    assert person.anonymised_at is not None and person.user is None


def test_someone_who_registers_while_the_job_runs_is_left_alone(old_edition, monkeypatch):
    """The list is read first; each person is asked again under the lock."""
    person = old_person()
    took_part(person, old_edition)
    listed = inactive.inactive_participants
    calls = []

    def registers_after_the_list_is_read(cutoff):
        if calls:  # the second question: under the lock
            a_registration_for_a_date_next_month(person, old_edition)
        calls.append(cutoff)
        return listed(cutoff)

    monkeypatch.setattr(inactive, "inactive_participants", registers_after_the_list_is_read)

    assert retention.run().counts[RULE] == 0
    assert len(calls) == 2
    assert still_named(person)


def test_people_anonymised_before_are_not_counted_again(old_edition):
    person = old_person()
    took_part(person, old_edition)
    backdate(person, anonymised_at=months_ago(1), first_name="")
    assert dry_run_count() == 0


def test_a_registration_cancelled_long_ago_does_not_keep_someone_for_its_dates_to_come(
    old_edition,
):
    person = old_person()
    took_part(person, old_edition)
    a_registration_for_a_date_next_month(person, old_edition)
    Registration.objects.filter(participant=person, activity__title="Prossima").update(
        status=RegistrationStatus.CANCELLED
    )
    assert dry_run_count() == 1


def test_a_hook_whose_ids_hold_null_keeps_only_its_people(old_edition):
    """NOT IN a list holding NULL would keep everybody: the rule reads hooks' ids safely."""
    gone, kept = old_person(), old_person()
    for person in (gone, kept):
        took_part(person, old_edition)
    ContactRequestFactory(participant=kept)
    ContactRequestFactory(participant=None)  # a request that never became a participant

    def requests_participants(cutoff):
        return ContactRequest.objects.values_list("participant_id", flat=True)

    with hooks.register_temporarily("participant_active_since", requests_participants):
        assert dry_run_count() == 1
