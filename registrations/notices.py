"""Messages to participants about their registrations, by each person's channel.

Every message goes through `core.messaging.services.queue`: e-mail (plain text + simple
HTML, with a calendar invitation where it changes the person's calendar) or SMS,
in the person's language, discreet when they asked for it. Decisions are taken
after the transaction commits, in a task (`compose_registration_notice`), so they
read the registration as it was saved and nothing about a message can undo the
change or show the person an error page. Nobody whose record was anonymised, and
nobody who asked for no messages, gets anything.
"""

import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, router, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_tasks import task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from core.http import page_site_url, site_url
from core.messaging import services as messaging
from core.messaging.phones import can_receive_sms, normalise_phone
from registrations import invitations, links, schedules
from registrations.models import Participant, Registration, RegistrationStatus
from registrations.selectors import waitlist_position

TEMPLATE = "registrations/messages/registration"

SUBJECTS = {
    "confirmed": _("You are registered: %(title)s"),
    "waitlisted": _("You are on the waiting list: %(title)s"),
    "pending": _("We received your request: %(title)s"),
    "promoted": _("A seat is free for you: %(title)s"),
    "approved": _("Your registration is confirmed: %(title)s"),
    "refused": _("About your registration: %(title)s"),
    "cancelled": _("Registration cancelled: %(title)s"),
    "cancelled_request": _("Registration cancelled: %(title)s"),
    "reminder": _("Tomorrow: %(title)s"),
    "change": _("Change of dates: %(title)s"),
}
# In discreet messages the activity is "your meeting": its title may say what it is for.
DISCREET_TITLE = pgettext_lazy("discreet message", "your meeting")

# Which messages change the person's calendar, and how (iTIP method).
INVITATION_METHOD = {
    "confirmed": "REQUEST",
    "promoted": "REQUEST",
    "approved": "REQUEST",
    "cancelled": "CANCEL",
}


def recipient_of(participant: Participant) -> messaging.Recipient:
    """How to reach a participant: their addresses (a landline takes no SMS) and choices."""
    try:
        phone = normalise_phone(participant.phone)
    except ValidationError:
        phone = ""  # kept from before numbers were checked: staff see it, no SMS goes to it
    if phone and not can_receive_sms(phone):
        phone = ""
    return messaging.Recipient(
        email=participant.email,
        phone=phone,
        preference=participant.contact_channel,
        discreet=participant.discreet,
        language=participant.language or settings.LANGUAGE_CODE,
        about=participant,
    )


def my_registrations_url() -> str:
    return site_url(reverse("registrations:mine"))


NOT_READ = object()


def next_date(activity):
    """The activity's next session that takes place, or None."""
    return (
        activity.sessions.not_cancelled().filter(start__gt=timezone.now()).order_by("start").first()
    )


def context_for(
    registration: Registration, kind: str, *, upcoming=None, session=None, next_session=NOT_READ
) -> dict:
    """What a message about `registration` shows.

    `upcoming` (the next dates) and `next_session` (`next_date`) may be read once by a
    caller writing to many people of one activity."""
    participant = registration.participant
    activity = registration.activity.specific
    if upcoming is None:
        upcoming = list(activity.upcoming_sessions(limit=6))
    url = "" if participant.discreet else page_site_url(activity)
    if session is not None:
        next_session = session
    elif next_session is NOT_READ:
        next_session = next_date(activity)
    return {
        "kind": kind,
        "participant": participant,
        "activity": activity,
        "title": DISCREET_TITLE if participant.discreet else activity.public_title,
        "activity_url": url,
        "my_url": my_registrations_url(),
        "position": waitlist_position(registration),
        "sessions": upcoming,
        "session": session,
        "location": activity.location,
        "next_session": next_session,
        "links": links.links_for(
            registration, session=session, kind=kind, next_session=next_session
        ),
    }


def queue_notice(
    registration: Registration, kind: str, *, session=None, upcoming=None, dedupe_key=None
):
    """Write the message of `kind` about `registration` for each of the person's channels.

    A message that changes the person's calendar (`INVITATION_METHOD`) carries the
    invitation by e-mail and records what they were told (`schedules.record_sent`), by
    any channel, in the same transaction as the message.
    """
    participant = registration.participant
    if participant.anonymised_at:
        return []
    recipient = recipient_of(participant)
    context = context_for(registration, kind, upcoming=upcoming, session=session)
    send = functools.partial(
        messaging.queue,
        recipient,
        kind=kind,
        template=TEMPLATE,
        context=context,
        subject=SUBJECTS[kind],
        subject_params={"title": context["title"]},
        dedupe_key=dedupe_key,
    )
    method = INVITATION_METHOD.get(kind)
    if method is None:
        return send()
    with transaction.atomic():
        schedule = schedules.sent_schedule(registration, lock=True)
        if method == "CANCEL" and schedule is None:
            return send()  # never sent a series: nothing to remove
        sequence = schedules.next_sequence(schedule)
        told = schedules.current_sessions(registration) if method == "REQUEST" else []
        attachment = None
        if told or schedule is not None:  # no dates and nothing sent before: no calendar
            attachment = invitations.attachment_for(
                registration,
                method=method,
                sessions=told or schedule.sessions,
                sequence=sequence,
            )
        written = send(attachments=[attachment] if attachment else [])
        if written or not messaging.channels_for(recipient):
            schedules.record_sent(registration, sessions=told, sequence=sequence)
        return written


@task()
def compose_registration_notice(*, kind: str, record_id: int) -> None:
    """The message of `kind` about registration `record_id`, as it is now."""
    registration = (
        Registration.objects.select_related("participant", "activity").filter(pk=record_id).first()
    )
    if registration is None:
        return
    if kind == "waitlisted" and registration.status != RegistrationStatus.WAITLISTED:
        return  # moved up before this was written (a late worker): "a seat is free" follows
    queue_notice(registration, kind, dedupe_key=f"registration:{record_id}:{kind}")


def notify(registration: Registration, kind: str) -> None:
    """Tell the person about their registration (`kind`) once the transaction commits.

    When the task queue is a table of the same database (django-tasks-db, as in
    production), the task is written in the registration's own transaction: the worker
    sees it only once the registration is committed, a rolled-back registration takes
    it away, and a registration costs one commit instead of two (each commit waits for
    the disk, which on registration day is most of a request's time). Any other queue
    takes the task after the commit.
    """
    task = compose_registration_notice
    if _queued_in_this_database(task):
        task.enqueue(kind=kind, record_id=registration.pk)
    else:
        messaging.enqueue_after_commit(task, kind=kind, record_id=registration.pk)


def _queued_in_this_database(task) -> bool:
    return (
        isinstance(task.get_backend(), DatabaseBackend)
        and router.db_for_write(DBTaskResult) == DEFAULT_DB_ALIAS
    )
