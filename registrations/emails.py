"""E-mails to participants about their registrations (plain text + simple HTML).

Called after the transaction commits (see services._notify), so they read the
registration as it was saved. Nobody without an e-mail address, and nobody whose
record was anonymised, gets anything.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from registrations.invitations import INVITATION_CONTENT_TYPES, build_invitation
from registrations.models import Registration
from registrations.selectors import waitlist_position

# Which e-mails carry a calendar invitation, and with which iTIP method.
INVITATION_METHOD = {
    "confirmed": "REQUEST",
    "promoted": "REQUEST",
    "approved": "REQUEST",
    "cancelled": "CANCEL",
}


def _subject(kind: str, title: str) -> str:
    subjects = {
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
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subjects[kind] % {"title": title}


def _send(*, kind: str, to: str, context: dict, activity=None) -> None:
    subject = _subject(kind, activity.title if activity else "")
    text = render_to_string("registrations/emails/message.txt", context)
    html = render_to_string("registrations/emails/message.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    method = INVITATION_METHOD.get(kind)
    if method and activity is not None:
        ics = build_invitation(activity, method=method, attendee_email=to)
        if ics:
            message.attach(
                "invito.ics" if translation.get_language() == "it" else "invite.ics",
                ics,
                INVITATION_CONTENT_TYPES[method],
            )
    message.send()


def _context(registration: Registration, kind: str, **extra) -> dict:
    activity = registration.activity.specific
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
        "sessions": list(activity.upcoming_sessions(limit=6)),
        "location": activity.location,
        **extra,
    }


def send_registration_email(registration_pk: int, kind: str, *, language: str | None = None):
    registration = (
        Registration.objects.select_related("participant", "activity")
        .filter(pk=registration_pk)
        .first()
    )
    if registration is None:
        return
    participant = registration.participant
    if not participant.email or participant.anonymised_at:
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        _send(
            kind=kind,
            to=participant.email,
            context=_context(registration, kind),
            activity=registration.activity.specific,
        )


def send_reminder(registration: Registration, session, *, language: str | None = None):
    """The day-before reminder for one session. Raises if the mail server refuses it."""
    with translation.override(language or settings.LANGUAGE_CODE):
        context = _context(registration, "reminder", session=session)
        _send(
            kind="reminder",
            to=registration.participant.email,
            context=context,
            activity=registration.activity.specific,
        )
