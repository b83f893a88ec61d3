"""“Write to participants”: a short message from staff to the people of an activity (or
of one of its sessions), by each person's channel.

Who hears it: the people holding a seat (`registrations.seats`), and on request those
on the waiting list; never an anonymised record. `audience()` tells staff beforehand
how many are reached by e-mail, by SMS, by both, and who cannot be reached (contact
preference "none", or no usable address). `write_to_participants()` writes one
`messaging.Batch` and one message per person and channel through
`core.messaging.services.queue`, and logs the action on the activity's history. Staff
outside the activity's scope, an empty or too long text, a session of another activity
or an audience nobody can reach raise `BroadcastError`, and nothing is written.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from activities.models import ActivityPage, Session
from core.dates import spoken_datetime
from core.errors import ServiceError
from core.messaging import services as messaging
from core.messaging.models import Batch, Channel
from registrations import notices, seats
from registrations.models import Participant, Registration, RegistrationStatus
from registrations.permissions import can_write_to_participants

KIND = "staff_message"
TEMPLATE = "registrations/messages/staff_message"
SUBJECT = _("A message about %(title)s")
# The text, the "Job Café – <title>:" prefix (title cut to SMS_TITLE_LENGTH) and one
# signed link fit in three concatenated SMS (`core.messaging.services.SMS_MAX_LENGTH`).
MAX_LENGTH = 260
SMS_TITLE_LENGTH = 40

MESSAGES = {
    "not_allowed": _("You cannot write to the participants of this activity."),
    "wrong_session": _("This session does not belong to the activity."),
    "empty": _("Please write the message."),
    "too_long": _(
        "The message is too long: at most %(max)s characters, so that it fits in an SMS "
        "(it has %(length)s)."
    ),
    "nobody": _("Nobody can be reached: there is nobody to send the message to."),
}


class BroadcastError(ServiceError):
    """The message cannot be sent; `message` says why, translated."""

    messages = MESSAGES


@dataclass
class Audience:
    """Who a message would reach, and how, before it is sent."""

    by_email: list[Registration] = field(default_factory=list)
    by_sms: list[Registration] = field(default_factory=list)
    by_both: list[Registration] = field(default_factory=list)
    unreachable: list[Participant] = field(default_factory=list)

    @property
    def reachable(self) -> list[Registration]:
        return self.by_email + self.by_sms + self.by_both

    @property
    def total(self) -> int:
        return len(self.reachable) + len(self.unreachable)


def audience(*, activity: ActivityPage, include_waitlist: bool = False) -> Audience:
    """The people a message about `activity` reaches, by channel.

    A message about one session goes to the same people: those holding a seat (and, on
    request, those waiting) are the ones expected on that date.
    """
    statuses = [seats.SEAT_STATUS]
    if include_waitlist:
        statuses.append(RegistrationStatus.WAITLISTED)
    registrations = (
        Registration.objects.filter(
            activity=activity, status__in=statuses, participant__anonymised_at__isnull=True
        )
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )
    result = Audience()
    for registration in registrations:
        channels = set(messaging.channels_for(notices.recipient_of(registration.participant)))
        if channels == {Channel.EMAIL, Channel.SMS}:
            result.by_both.append(registration)
        elif channels == {Channel.EMAIL}:
            result.by_email.append(registration)
        elif channels == {Channel.SMS}:
            result.by_sms.append(registration)
        else:
            result.unreachable.append(registration.participant)
    return result


def clean_text(text: str) -> str:
    """The message as it will be sent (trimmed); raises `BroadcastError` if empty or too long."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise BroadcastError("empty")
    if len(text) > MAX_LENGTH:
        raise BroadcastError("too_long", max=MAX_LENGTH, length=len(text))
    return text


def check_scope(*, by, activity: ActivityPage, session: Session | None = None) -> None:
    """Refuse staff outside the activity's scope, and a session of another activity."""
    if not can_write_to_participants(by, activity):
        raise BroadcastError("not_allowed")
    if session is not None and session.activity_id != activity.pk:
        raise BroadcastError("wrong_session")


def about(activity: ActivityPage, session: Session | None = None) -> str:
    """What the batch is about, as staff read it in the log."""
    if session is None:
        return activity.title
    return f"{activity.title} — {spoken_datetime(session.start)}"


def write_to_participants(
    *,
    activity: ActivityPage,
    text: str,
    by,
    include_waitlist: bool = False,
    session: Session | None = None,
) -> Batch:
    """Send `text` to the activity's (or session's) people, by each one's channel.

    Returns the batch written; the messages are delivered after the commit.
    """
    check_scope(by=by, activity=activity, session=session)
    text = clean_text(text)
    people = audience(activity=activity, include_waitlist=include_waitlist)
    if not people.reachable:
        raise BroadcastError("nobody")
    with transaction.atomic():
        batch = Batch.objects.create(
            sent_by=by,
            about=about(activity, session)[:255],
            text=text,
            recipients=len(people.reachable),
            unreachable=len(people.unreachable),
        )
        following = session or notices.next_date(activity)  # read once for everyone
        for registration in people.reachable:
            _queue(registration, text=text, session=session, following=following, batch=batch)
        log(
            activity,
            "jobcafe.registration.write_to_participants",
            user=by,
            data={
                "batch": batch.pk,
                "session": session.pk if session else None,
                "recipients": batch.recipients,
                "unreachable": batch.unreachable,
            },
        )
    return batch


def _queue(registration: Registration, *, text: str, session, following, batch: Batch) -> None:
    context = notices.context_for(
        registration, KIND, upcoming=[], session=session, next_session=following
    )
    context.update({"text": text, "sms_title_length": SMS_TITLE_LENGTH})
    messaging.queue(
        notices.recipient_of(registration.participant),
        kind=KIND,
        template=TEMPLATE,
        context=context,
        subject=SUBJECT,
        subject_params={"title": context["title"]},
        dedupe_key=f"batch:{batch.pk}:{registration.pk}",
        batch=batch,
    )
