import datetime

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from activities.models import Session, SessionStatus
from core.messaging.models import Message
from registrations import seats, selectors, services
from registrations.models import Participant, Registration, RegistrationStatus
from registrations.services import RegistrationError, registration_problem
from tests.factories import make_course, make_edition, make_event, make_group

pytestmark = pytest.mark.django_db

CONFIRMED, WAITLISTED = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED


def test_first_come_get_seats_then_the_waiting_list_in_order(person):
    group = make_group(capacity=2)
    regs = [services.register(participant=person(), activity=group) for _ in range(4)]
    assert [r.status for r in regs] == [CONFIRMED, CONFIRMED, WAITLISTED, WAITLISTED]
    assert [selectors.waitlist_position(r) for r in regs] == [None, None, 1, 2]
    assert seats.left_in(group) == 0


def test_unlimited_activity_confirms_everyone(person):
    event = make_event(capacity=None)
    assert all(
        services.register(participant=person(), activity=event).status == CONFIRMED
        for _ in range(5)
    )
    assert seats.left_in(event) is None


def test_cancelling_a_seat_promotes_the_first_waiting_and_emails_them(
    person, django_capture_on_commit_callbacks
):
    group = make_group(capacity=1)
    first = services.register(participant=person(), activity=group)
    second = services.register(participant=person(), activity=group)
    third = services.register(participant=person(), activity=group)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=first, by=None)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == CONFIRMED
    assert selectors.waitlist_position(third) == 1
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "A seat is free for you" in subjects[second.participant.email]
    assert "cancelled" in subjects[first.participant.email]


def test_cancelling_from_the_waiting_list_promotes_nobody(person):
    group = make_group(capacity=1)
    services.register(participant=person(), activity=group)
    waiting = services.register(participant=person(), activity=group)
    last = services.register(participant=person(), activity=group)
    services.cancel(registration=waiting)
    last.refresh_from_db()
    assert last.status == WAITLISTED and selectors.waitlist_position(last) == 1


def test_cancelling_twice_is_refused(person):
    registration = services.register(participant=person(), activity=make_group())
    services.cancel(registration=registration)
    with pytest.raises(RegistrationError) as error:
        services.cancel(registration=registration)
    assert error.value.code == "not_active"


def test_registering_twice_is_refused_and_changes_nothing(person):
    group = make_group()
    participant = person()
    services.register(participant=participant, activity=group)
    with pytest.raises(RegistrationError) as error:
        services.register(participant=participant, activity=group)
    assert error.value.code == "already_registered"
    assert "already registered" in error.value.message
    assert Registration.objects.count() == 1


def test_database_constraint_backs_the_check(person):
    group = make_group()
    participant = person()
    services.register(participant=participant, activity=group)
    with pytest.raises(IntegrityError):
        Registration.objects.create(participant=participant, activity=group, status=WAITLISTED)


def test_register_again_after_cancelling(person):
    group = make_group()
    participant = person()
    services.cancel(registration=services.register(participant=participant, activity=group))
    assert services.register(participant=participant, activity=group).status == CONFIRMED


def test_approval_mode_makes_requests_pending_and_approval_takes_a_seat(
    person, django_capture_on_commit_callbacks
):
    group = make_group(capacity=1, registration_mode="approval")
    a = services.register(participant=person(), activity=group)
    b = services.register(participant=person(), activity=group)
    assert a.status == b.status == RegistrationStatus.PENDING
    assert seats.left_in(group) == 1, "pending requests hold no seat"
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(registration=a, by=None)
        services.approve(registration=b, by=None)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (CONFIRMED, WAITLISTED)
    assert any("confirmed" in m.subject for m in mail.outbox)


def test_refuse_only_pending(person):
    group = make_group(registration_mode="approval")
    r = services.register(participant=person(), activity=group)
    services.refuse(registration=r, by=None)
    r.refresh_from_db()
    assert r.status == RegistrationStatus.REFUSED
    with pytest.raises(RegistrationError):
        services.approve(registration=r, by=None)


def test_promote_with_a_free_seat_confirms_and_when_full_moves_to_the_head(person):
    group = make_group(capacity=1)
    services.register(participant=person(), activity=group)
    w1 = services.register(participant=person(), activity=group)
    w2 = services.register(participant=person(), activity=group)
    services.promote(registration=w2, by=None)
    w2.refresh_from_db()
    assert w2.status == WAITLISTED and selectors.waitlist_position(w2) == 1
    assert selectors.waitlist_position(w1) == 2
    group.capacity = 2
    group.save()
    services.promote(registration=w1, by=None)
    w1.refresh_from_db()
    # Raising the capacity freed a seat; the head of the queue (w2) takes it first.
    w2.refresh_from_db()
    assert w2.status == CONFIRMED or w1.status == CONFIRMED
    assert Registration.objects.filter(activity=group, status=CONFIRMED).count() == 2


def test_no_registration_mode_past_and_cancelled_activities(person):
    with pytest.raises(RegistrationError) as error:
        services.register(participant=person(), activity=make_event(registration_mode="none"))
    assert error.value.code == "no_registration"

    past = make_event(title="Old", day=datetime.date.today() - datetime.timedelta(days=5))
    with pytest.raises(RegistrationError) as error:
        services.register(participant=person(), activity=past)
    assert error.value.code == "past"

    cancelled = make_event(title="Called off")
    Session.objects.filter(activity=cancelled).update(status=SessionStatus.CANCELLED)
    with pytest.raises(RegistrationError) as error:
        services.register(participant=person(), activity=cancelled)
    assert error.value.code == "past"
    assert Registration.objects.count() == 0


def test_unpublished_activity(person):
    event = make_event()
    event.unpublish()
    with pytest.raises(RegistrationError) as error:
        services.register(participant=person(), activity=event)
    assert error.value.code == "unpublished"


def test_registration_window(person):
    now = timezone.now()
    later = make_event(title="Later", registration_opens_at=now + datetime.timedelta(days=1))
    closed = make_event(title="Closed", registration_closes_at=now - datetime.timedelta(hours=1))
    for activity, code in [(later, "not_open_yet"), (closed, "closed")]:
        with pytest.raises(RegistrationError) as error:
            services.register(participant=person(), activity=activity)
        assert error.value.code == code
    # Staff registering someone in person are not bound by the window.
    assert services.register(participant=person(), activity=closed, staff=True).status == CONFIRMED


def _course_edition(**rules):
    course = make_course(**rules)
    start = datetime.date(timezone.localdate().year + 1, 3, 2)
    return make_edition(
        course=course, days=[start + datetime.timedelta(days=7 * i) for i in range(7)]
    )


def test_age_rule_on_the_course_start_date(person):
    edition = _course_edition(min_age=19, max_age=39)
    year = timezone.localdate().year + 1
    ok = services.register(participant=person(birth_year=year - 30), activity=edition)
    assert ok.status == CONFIRMED
    for birth_year, code in [
        (year - 10 if year - 10 <= timezone.localdate().year - 14 else year - 17, "too_young"),
        (year - 45, "too_old"),
    ]:
        with pytest.raises(RegistrationError) as error:
            services.register(participant=person(birth_year=birth_year), activity=edition)
        assert error.value.code == code
    # Born in the year that makes them 40 during the course's year: they may still be 39.
    assert (
        services.register(participant=person(birth_year=year - 40), activity=edition).status
        == CONFIRMED
    )
    with pytest.raises(RegistrationError) as error:
        services.register(participant=person(birth_year=None), activity=edition)
    assert error.value.code == "birth_year_missing"


def test_residence_rule(person):
    edition = _course_edition(eligible_province="CR", eligible_municipalities="Lodi\nCodogno")
    assert (
        services.register(
            participant=person(municipality="Crema", province="cr"), activity=edition
        ).status
        == CONFIRMED
    )
    assert (
        services.register(
            participant=person(municipality="codogno", province="LO"), activity=edition
        ).status
        == CONFIRMED
    )
    with pytest.raises(RegistrationError) as error:
        services.register(
            participant=person(municipality="Milano", province="MI"), activity=edition
        )
    assert error.value.code == "residence"
    assert "Lodi" in error.value.message
    assert "Cremona" in error.value.message and "CR" not in error.value.message  # its name


def test_answers_are_saved_only_when_the_registration_succeeds(person):
    edition = _course_edition(min_age=19, max_age=39)
    participant = person(birth_year=None, municipality="")
    with pytest.raises(RegistrationError):
        services.register(
            participant=participant,
            activity=edition,
            answers={"birth_year": 1950, "municipality": "Crema"},
        )
    participant.refresh_from_db()
    assert participant.birth_year is None and participant.municipality == ""
    year = timezone.localdate().year + 1
    services.register(participant=participant, activity=edition, answers={"birth_year": year - 25})
    participant.refresh_from_db()
    assert participant.birth_year == year - 25


def test_implausible_birth_year_and_missing_consent(person):
    group = make_group()
    with pytest.raises(RegistrationError) as error:
        services.register(participant=person(), activity=group, answers={"birth_year": 1700})
    assert error.value.code == "birth_year_invalid"
    with pytest.raises(RegistrationError) as error:
        services.register(participant=person(consent_at=None, consent_version=""), activity=group)
    assert error.value.code == "consent"
    fresh = person(consent_at=None, consent_version="")
    services.register(participant=fresh, activity=group, answers={"consent": True})
    fresh.refresh_from_db()
    assert fresh.consent_at is not None and fresh.consent_version


def test_questions_ask_only_what_is_missing(person):
    group = make_group()
    edition = _course_edition(min_age=19, eligible_province="CR")
    assert services.questions_for(None, group) == [
        "first_name",
        "last_name",
        "referral_source",
        "consent",
    ]
    complete = person(birth_year=1990, municipality="Crema", province="CR")
    assert services.questions_for(complete, group) == []
    assert services.questions_for(person(), edition) == ["birth_year", "municipality", "province"]


def test_every_change_is_logged(person):
    group = make_group(capacity=1)
    first = services.register(participant=person(), activity=group)
    services.register(participant=person(), activity=group)
    services.cancel(registration=first)
    actions = list(ModelLogEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "jobcafe.registration.confirm",
        "jobcafe.registration.waitlist",
        "jobcafe.registration.cancel",
        "jobcafe.registration.promote",
    ]


def test_participant_for_user_creates_once(django_user_model):
    user = django_user_model.objects.create_user("ann", "ann@example.org", "pw-long-enough")
    assert services.participant_for_user(user) is None
    created = services.participant_for_user(user, create=True)
    assert created.email == "ann@example.org"
    assert services.participant_for_user(user, create=True) == created
    assert Participant.objects.count() == 1


def test_a_walk_in_who_signs_up_later_keeps_their_record(person, django_user_model):
    walk_in = person(first_name="Pino", email="pino@example.org")
    services.register(participant=walk_in, activity=make_group())
    user = django_user_model.objects.create_user("pino", "Pino@example.org", "pw-long-enough")
    assert services.participant_for_user(user, create=True) == walk_in
    walk_in.refresh_from_db()
    assert walk_in.user == user and walk_in.registrations.count() == 1


def test_a_walk_in_is_confirmed_beyond_capacity_and_logged(person):
    group = make_group(capacity=1)
    services.register(participant=person(), activity=group)
    waiting = services.register(participant=person(), activity=group)
    walk_in = services.record_walk_in(participant=waiting.participant, activity=group, by=None)
    assert walk_in.pk == waiting.pk and walk_in.status == CONFIRMED
    newcomer = services.record_walk_in(participant=person(), activity=group, by=None)
    assert newcomer.status == CONFIRMED and seats.taken(group) == 3
    again = services.record_walk_in(participant=newcomer.participant, activity=group, by=None)
    assert again == newcomer
    actions = ModelLogEntry.objects.filter(action="jobcafe.attendance.walk_in")
    assert actions.count() == 2


def test_a_walk_in_of_an_erased_record_is_refused(person):
    erased = person(anonymised_at=timezone.now())
    with pytest.raises(RegistrationError) as error:
        services.record_walk_in(participant=erased, activity=make_group(), by=None)
    assert error.value.code == "anonymised"


def test_a_registration_made_earlier_keeps_its_date_and_place_and_sends_nothing(
    person, django_capture_on_commit_callbacks
):
    group = make_group(capacity=1)
    services.register(participant=person(), activity=group)
    late = services.register(participant=person(), activity=group)
    earlier = timezone.now() - datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        typed_in = services.register(participant=person(), activity=group, at=earlier, notify=False)
    assert mail.outbox == []
    typed_in.refresh_from_db()
    assert typed_in.created_at == earlier and typed_in.queued_at == earlier
    assert [r.pk for r in services.waiting_list(group)] == [typed_in.pk, late.pk]


SUNDAY_9 = datetime.datetime(2026, 11, 1, 8, tzinfo=datetime.UTC)  # 09:00 in Rome


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


def test_find_or_create_participant_reuses_the_oldest_record_known_by_email(person):
    known = person(email="anna@example.org")
    again = services.find_or_create_participant(email="ANNA@example.org", first_name="Other")
    assert again.pk == known.pk and again.first_name == known.first_name
    nameless = services.find_or_create_participant(
        email="", first_name="Walk", phone="333 123 4567"
    )
    assert nameless.pk != known.pk and nameless.phone == "+393331234567"
    assert services.find_or_create_participant(email="", first_name="Walk").pk != nameless.pk


def test_a_person_staff_know_only_by_phone_is_reached_by_sms():
    by_phone = services.find_or_create_participant(first_name="Rosa", phone="+39 347 765 4321")
    with_both = services.find_or_create_participant(
        email="ada@example.org", first_name="Ada", phone="3337654321"
    )
    assert (by_phone.contact_channel, by_phone.phone) == ("sms", "+393477654321")
    assert (with_both.contact_channel, with_both.phone) == ("email", "+393337654321")


def test_a_phone_that_is_not_a_phone_number_creates_nobody():
    with pytest.raises(RegistrationError) as raised:
        services.find_or_create_participant(first_name="Rosa", phone="call me")
    assert raised.value.code == "phone" and "check the phone number" in raised.value.message
    assert not Participant.objects.exists()


def test_registering_with_a_wrong_phone_changes_nothing(person):
    group = make_group()
    me = person(phone="")
    with pytest.raises(RegistrationError, match="check the phone number"):
        services.register(participant=me, activity=group, answers={"phone": "12"})
    me.refresh_from_db()
    assert me.phone == "" and not Registration.objects.exists()
    services.register(participant=me, activity=group, answers={"phone": "333 123 4567"})
    me.refresh_from_db()
    assert me.phone == "+393331234567"


@pytest.mark.parametrize(
    ("language", "kept"), [("en", "en"), ("en-gb", "en"), ("it", "it"), ("de", "it"), ("", "it")]
)
def test_a_resident_gets_messages_in_the_language_they_used_the_site_in(
    verified_user, language, kept
):
    user = verified_user()
    participant = services.participant_for_user(user, create=True, language=language)
    assert participant.language == kept


def test_staff_record_past_participation_and_nobody_is_told(
    person, django_capture_on_commit_callbacks
):
    """A finished edition: residents are refused, staff record who took part, silently."""
    today = datetime.date.today()
    days = [today - datetime.timedelta(days=70 - 7 * i) for i in range(7)]
    edition = make_edition(days=days, capacity=1)
    with pytest.raises(RegistrationError) as error:
        services.register(participant=person(), activity=edition)
    assert error.value.code == "past"
    with django_capture_on_commit_callbacks(execute=True):
        recorded = [
            services.register(
                participant=person(),
                activity=edition,
                staff=True,
                at=timezone.now() - datetime.timedelta(days=80),
                notify=True,  # asked for, yet a past edition never notifies
            )
            for _ in range(2)
        ]
    assert [r.status for r in recorded] == [CONFIRMED, CONFIRMED], "they took part: no queue"
    assert mail.outbox == []
    assert not Message.objects.exists(), "no e-mail, no SMS, no invitation in the outbox"


def test_staff_cannot_record_participation_in_an_activity_never_held(person):
    cancelled = make_event(title="Called off", day=datetime.date.today() - datetime.timedelta(3))
    Session.objects.filter(activity=cancelled).update(status=SessionStatus.CANCELLED)
    with pytest.raises(RegistrationError) as error:
        services.register(participant=person(), activity=cancelled, staff=True)
    assert error.value.code == "past"
