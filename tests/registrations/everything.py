"""A resident with every kind of record the site can hold about someone, for the tests of
erasure (nothing of them is left) and of their copy (everything of them is in it).

Registrations (one by staff, one by themselves), attendance marks with their history,
counselling, follow-up outcomes and support measures with notes that name them, a personal
calendar address, messages by e-mail and SMS, a desk request and an appointment, and log
entries of every kind.
"""

import datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.mail import EmailMultiAlternatives
from wagtail.log_actions import log

from activities.models import Session
from appointments.booking import book
from appointments.models import ContactRequest
from appointments.requests import record_contact, submit_request
from attendance.services import record_attendance, record_counselling
from core.messaging.services import queue_email
from core.roles import COORDINATORS
from feeds.services import reset_personal_feed
from registrations.services import register
from stats.services import record_outcome, record_support
from tests.factories import make_edition, make_group, offered_time, user_in_role

FIRST_NAME, LAST_NAME = "Ottavia", "Zanardelli"
USERNAME, EMAIL = "ozanardelli", "ottavia.z@example.org"
PHONE = "347 555 1234"
E164 = "+393475551234"  # the same number as the outbox writes it
NOTE = f"Called {FIRST_NAME} {LAST_NAME} on {PHONE}: she starts on Monday."


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
    # A private first contact at the desk that became this participant, and an appointment.
    contact = submit_request(
        name=FIRST_NAME, phone=PHONE, email=EMAIL, way="call_back", reachable="morning", need=NOTE
    )
    record_contact(contact, "contacted", by=coordinator, notes=NOTE)
    ContactRequest.objects.filter(pk=contact.pk).update(participant=me)
    book(offered_time().slots.first(), participant=me, by=coordinator)
    # Staff edits in the admin: Wagtail's history of the participant and of the login, and
    # Django's admin log of the login.
    log(me, "wagtail.edit", user=coordinator, data={"first_name": FIRST_NAME, "phone": PHONE})
    log(user, "wagtail.edit", user=coordinator)
    LogEntry.objects.log_actions(
        user_id=coordinator.pk, queryset=[user], action_flag=CHANGE, change_message=EMAIL
    )
    return user, me
