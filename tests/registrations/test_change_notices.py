"""People holding a seat hear once, by their channel, when their dates change, and the
calendar they were e-mailed follows the site."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from recurrence import deserialize

from activities.models import Session
from activities.scheduling import cancel_session, move_session, restore_session, update_session
from core.dates import local_datetime
from core.messaging.models import Message
from core.messaging.sms.backends import locmem
from registrations import change_notices, services
from registrations.models import SentSchedule
from tests.factories import LocationFactory, make_group
from tests.registrations.calendar_client import CalendarClient

pytestmark = pytest.mark.django_db

FROZEN = datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC)
PHONE = "+39 333 123 4567"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(FROZEN, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    locmem.outbox.clear()
    yield
    locmem.outbox.clear()


@pytest.fixture
def weekly(person, django_capture_on_commit_callbacks):
    """A Tuesday group with Anna (e-mail only) and Beppe (phone only), both told.

    Built inside a commit capture: the test's own transaction never commits, so what
    publishing left waiting for the commit would otherwise stay pending."""
    with django_capture_on_commit_callbacks(execute=True):
        group = make_group(title="Over 50", starts_on=datetime.date(2026, 10, 6), capacity=10)
    anna = person(first_name="Anna", language="en")
    beppe = person(first_name="Beppe", email="", phone=PHONE, contact_channel="sms", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.register(participant=anna, activity=group)
        services.register(participant=beppe, activity=group)
    calendar = CalendarClient()
    calendar.receive_mail(mail.outbox[0])
    mail.outbox.clear()
    locmem.outbox.clear()
    return group, calendar


def site_starts(group):
    return sorted(
        s.start.astimezone(datetime.UTC)
        for s in Session.objects.filter(activity=group).not_cancelled()
    )


def tuesdays(group):
    return list(Session.objects.filter(activity=group).not_cancelled().order_by("start"))


def told_once_each(calendar):
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anna@example.org"]
    assert len(locmem.outbox) == 1 and locmem.outbox[0].to == "+393331234567"
    calendar.receive_mail(mail.outbox[0])
    email, sms = mail.outbox[0], locmem.outbox[0]
    mail.outbox.clear()
    locmem.outbox.clear()
    return email, sms


def test_both_confirmations_record_what_each_person_was_told(weekly):
    group, calendar = weekly
    assert SentSchedule.objects.count() == 2
    assert calendar.starts() == site_starts(group)


def test_a_cancel_a_move_and_a_weekday_change_reach_both_and_the_calendar_follows(
    weekly, django_capture_on_commit_callbacks
):
    group, calendar = weekly
    dates = tuesdays(group)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_session(dates[2], note="Sala chiusa per elezioni")
    email, sms = told_once_each(calendar)
    assert "cancelled" in email.body and "Sala chiusa per elezioni" in email.body
    assert "Over 50" in email.subject
    assert "cancelled" in sms.text and "/link/" in sms.text
    assert calendar.starts() == site_starts(group)

    day = dates[4].start.date() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        move_session(
            dates[4],
            start=local_datetime(day, datetime.time(17)),
            end=local_datetime(day, datetime.time(18, 30)),
        )
    email, sms = told_once_each(calendar)
    assert "moved to" in email.body and "moved to" in sms.text
    assert calendar.starts() == site_starts(group)

    group.recurrence = deserialize("RRULE:FREQ=WEEKLY;BYDAY=TH")
    with django_capture_on_commit_callbacks(execute=True):
        group.save_revision().publish()
    email, sms = told_once_each(calendar)
    assert "tuesday meeting is moved to thursday 18:00" in sms.text.lower()
    assert calendar.starts() == site_starts(group)
    thursdays = [s for s in site_starts(group) if s > FROZEN]
    assert len(thursdays) > 40


def test_ten_dates_cancelled_in_one_action_make_one_message_each(
    weekly, django_capture_on_commit_callbacks
):
    group, calendar = weekly
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for session in tuesdays(group)[:10]:
            cancel_session(session, note="Lavori")
    email, sms = told_once_each(calendar)
    assert Message.objects.filter(kind="change").count() == 2
    assert calendar.starts() == site_starts(group)
    assert "and 2 more dates" in email.body


def test_the_task_run_twice_sends_once(weekly, django_capture_on_commit_callbacks):
    group, calendar = weekly
    with django_capture_on_commit_callbacks(execute=True):
        cancel_session(tuesdays(group)[0])
        change_notices.tell_schedule_change.call(activity_id=group.pk)
    assert Message.objects.filter(kind="change").count() == 2
    told_once_each(calendar)


def test_dates_appended_by_the_daily_top_up_make_no_message(
    weekly, frozen, django_capture_on_commit_callbacks
):
    group, calendar = weekly
    frozen.shift(datetime.timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sync_sessions", verbosity=0)
    assert Session.objects.filter(activity=group).count() > 52
    assert not Message.objects.filter(kind="change").exists()


def test_a_rolled_back_change_tells_nobody(weekly, django_capture_on_commit_callbacks):
    group, _calendar = weekly
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                cancel_session(tuesdays(group)[0])
                raise RuntimeError("the coordinator's form failed")
        except RuntimeError:
            pass
    assert not Message.objects.filter(kind="change").exists()


def test_discreet_messages_name_neither_service_nor_subject(
    person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        group = make_group(
            title="Gruppo di mutuo aiuto dipendenze", starts_on=datetime.date(2026, 10, 6)
        )
    for fields in ({"email": "carla@example.org"}, {"email": "", "phone": PHONE}):
        participant = person(discreet=True, contact_channel="both", language="en", **fields)
        with django_capture_on_commit_callbacks(execute=True):
            services.register(participant=participant, activity=group)
    mail.outbox.clear()
    locmem.outbox.clear()
    day = tuesdays(group)[1].start.date() + datetime.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        move_session(
            tuesdays(group)[1],
            start=local_datetime(day, datetime.time(18)),
            end=local_datetime(day, datetime.time(19, 30)),
            note="Dipendenze: sala B",
        )
    texts = [m.subject for m in mail.outbox] + [m.body for m in mail.outbox]
    texts += [m.alternatives[0][0] for m in mail.outbox]
    texts += [a[1] for m in mail.outbox for a in m.attachments]
    texts += [s.text for s in locmem.outbox]
    assert len(mail.outbox) == 1 and len(locmem.outbox) == 1
    assert locmem.outbox[0].text.startswith("Job Café: Your meeting of")
    for text in texts:
        assert "dipendenze" not in text.lower() and "mutuo" not in text.lower()
        assert "group" not in text.lower()


def test_a_new_title_and_place_on_publish_are_told(weekly, django_capture_on_commit_callbacks):
    group, calendar = weekly
    group.title = "Over 50 al lavoro"
    group.location = LocationFactory(name="Villa Litta", address="Viale Rimembranze 12")
    with django_capture_on_commit_callbacks(execute=True):
        group.save_revision().publish()
    email, sms = told_once_each(calendar)
    assert "It is now called “Over 50 al lavoro”" in email.body
    assert "It now meets at Villa Litta" in email.body
    assert {e["LOCATION"] for e in calendar.events()} == {group.location.full_address}


def test_a_place_whose_address_is_edited_tells_the_people_meeting_there(
    weekly, django_capture_on_commit_callbacks
):
    group, calendar = weekly
    place = LocationFactory(name="Villa Litta", address="Largo Vittorio Veneto 12")
    group.location = place
    with django_capture_on_commit_callbacks(execute=True):
        group.save_revision().publish()
    told_once_each(calendar)
    place.address = "Viale Rimembranze 12"  # the room moved within the same place
    with django_capture_on_commit_callbacks(execute=True):
        place.save()
    email, sms = told_once_each(calendar)
    assert "Viale Rimembranze 12" in email.body
    assert {e["LOCATION"] for e in calendar.events()} == {place.full_address}
    with django_capture_on_commit_callbacks(execute=True):
        place.save()  # saved again, nothing changed: nobody is told
    assert not mail.outbox and not locmem.outbox


def test_a_new_note_and_a_restored_date_are_told(weekly, django_capture_on_commit_callbacks):
    group, calendar = weekly
    session = tuesdays(group)[1]
    with django_capture_on_commit_callbacks(execute=True):
        update_session(
            session, start=session.start, end=session.end, cancelled=False, note="Portate il CV"
        )
    email, _sms = told_once_each(calendar)
    assert "Portate il CV" in email.body
    with django_capture_on_commit_callbacks(execute=True):
        cancel_session(session)
    told_once_each(calendar)
    with django_capture_on_commit_callbacks(execute=True):
        restore_session(session)
    email, _sms = told_once_each(calendar)
    assert "new date" in email.body
    assert calendar.starts() == site_starts(group)


def test_walk_ins_and_people_registered_by_staff_hear_of_changes(
    weekly, person, django_capture_on_commit_callbacks
):
    group, _calendar = weekly
    walk_in = person(first_name="Carlo", email="carlo@example.org", language="en")
    by_staff = person(first_name="Dora", email="dora@example.org", language="en")
    services.record_walk_in(participant=walk_in, activity=group, by=None)
    services.register(participant=by_staff, activity=group, staff=True, notify=False)
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        cancel_session(tuesdays(group)[3])
    assert {m.to[0] for m in mail.outbox} == {
        "anna@example.org",
        "carlo@example.org",
        "dora@example.org",
    }
