"""E-mails to participants about their registrations (plain text + simple HTML).

Sent through `core.mail`: after the transaction commits (`notify`), so they read the
registration as it was saved and a mail error never reaches the person registering;
the day-before reminder is sent at once (`send_reminder`) because the reminder run
needs to know whether it went out. Nobody without an e-mail address, and nobody whose
record was anonymised, gets anything.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import mail
from registrations.invitations import INVITATION_CONTENT_TYPES, build_invitation
from registrations.models import Registration
from registrations.selectors import waitlist_position

TEMPLATE = "registrations/emails/message"

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
}

# Which e-mails carry a calendar invitation, and with which iTIP method.
INVITATION_METHOD = {
    "confirmed": "REQUEST",
    "promoted": "REQUEST",
    "approved": "REQUEST",
    "cancelled": "CANCEL",
}


def _invitation(kind: str, activity, to: str, language: str) -> list[mail.Attachment]:
    method = INVITATION_METHOD.get(kind)
    ics = method and build_invitation(activity, method=method, attendee_email=to)
    if not ics:
        return []
    filename = "invito.ics" if language == "it" else "invite.ics"
    return [mail.Attachment(filename, ics, INVITATION_CONTENT_TYPES[method])]


def _context(registration: Registration, kind: str, *, upcoming=None, **extra) -> dict:
    """What the message shows; `upcoming` is the activity's next dates when already read."""
    activity = registration.activity.specific
    if upcoming is None:
        upcoming = list(activity.upcoming_sessions(limit=6))
    try:
        url = activity.get_full_url() or ""
    except Exception:  # noqa: BLE001 - a page without a site still gets its e-mail
        url = ""
    return {
        "kind": kind,
        "participant": registration.participant,
        "activity": activity,
        "activity_url": url,
        "my_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("registrations:mine"),
        "position": waitlist_position(registration),
        "sessions": upcoming,
        "location": activity.location,
        **extra,
    }


def _send(registration: Registration, kind: str, *, language: str, **extra) -> None:
    activity = registration.activity.specific
    to = registration.participant.email
    mail.send(
        to=to,
        subject=SUBJECTS[kind],
        subject_params={"title": activity.title},
        template=TEMPLATE,
        context=_context(registration, kind, **extra),
        language=language,
        attachments=_invitation(kind, activity, to, language),
    )


@mail.delivery_task
def deliver_registration_email(*, kind: str, record_id: int, language: str) -> None:
    """The e-mail of `kind` about registration `record_id`, as it is now."""
    registration = (
        Registration.objects.select_related("participant", "activity").filter(pk=record_id).first()
    )
    if registration is None:
        return
    participant = registration.participant
    if not participant.email or participant.anonymised_at:
        return
    _send(registration, kind, language=language)


def notify(registration: Registration, kind: str) -> None:
    """Send the e-mail of `kind`, in the current language, once the transaction commits."""
    mail.send_after_commit(
        deliver_registration_email,
        kind=kind,
        record_id=registration.pk,
        language=get_language() or settings.LANGUAGE_CODE,
    )


def send_reminder(
    registration: Registration, session, *, language: str | None = None, upcoming=None
):
    """The day-before reminder for one session. Raises if the mail server refuses it.

    `upcoming`: the activity's next dates, when the caller read them once for everybody.
    """
    _send(
        registration,
        "reminder",
        language=language or settings.LANGUAGE_CODE,
        session=session,
        upcoming=upcoming,
    )
