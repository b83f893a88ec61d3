"""Calendar invitations attached to registration e-mails (iTIP, RFC 5546).

    payload = build_invitation(activity, method="REQUEST", attendee_email=email)
    message.attach("invito.ics", payload, INVITATION_CONTENT_TYPES["REQUEST"])

REQUEST (confirmation, promotion, approval) carries one VEVENT per upcoming
session that takes place; CANCEL (the person's registration ends) carries the
same events with STATUS:CANCELLED so the client removes them. UIDs are the
feeds' UIDs, so a session is one event wherever it comes from.
"""

from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import vCalAddress

from activities import ical
from activities.models import Session
from messaging.services import Attachment

METHODS = ("REQUEST", "CANCEL")
INVITATION_CONTENT_TYPES = {m: f"text/calendar; charset=utf-8; method={m}" for m in METHODS}


def organiser_address(activity) -> vCalAddress:
    name, email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    address = vCalAddress(f"mailto:{email or 'noreply@' + ical.uid_domain()}")
    cn = activity.organiser.name if activity.organiser_id else (name or settings.WAGTAIL_SITE_NAME)
    address.params["CN"] = cn
    return address


def attendee_address(email: str, *, method: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["ROLE"] = "REQ-PARTICIPANT"
    address.params["PARTSTAT"] = "ACCEPTED" if method == "REQUEST" else "DECLINED"
    address.params["RSVP"] = "FALSE"
    return address


def invitation_sessions(activity):
    """Upcoming sessions that take place, in order.

    Without their activity: `build_invitation` sets the one it already has on each
    session (a Wagtail page per row would cost more than the rest of the invitation).
    """
    return Session.objects.filter(activity=activity).upcoming().not_cancelled().order_by("start")


def attachment_for(registration, *, method: str):
    """The invitation to attach to a message about `registration`, or None without dates."""
    email = registration.participant.email
    payload = email and build_invitation(registration.activity, method=method, attendee_email=email)
    if not payload:
        return None
    filename = "invito.ics" if registration.participant.language == "it" else "invite.ics"
    return Attachment(filename, payload.decode(), INVITATION_CONTENT_TYPES[method])


def build_invitation(activity, *, method: str, attendee_email: str) -> bytes | None:
    """An .ics invitation for one person and one activity.

    `method` is "REQUEST" or "CANCEL"; the events are the upcoming sessions that
    take place. Returns the bytes to attach with the content type
    `INVITATION_CONTENT_TYPES[method]`, or None when there is no session to put in
    it (an invitation without events confuses mail clients): send the e-mail without.
    """
    method = method.upper()
    if method not in METHODS:
        raise ValueError(f"Unsupported iTIP method {method!r}; use one of {METHODS}.")
    if not attendee_email:
        raise ValueError("An invitation needs the attendee's e-mail address.")
    activity = getattr(activity, "specific", activity)
    sessions = list(invitation_sessions(activity))
    if not sessions:
        return None
    page_url = activity.get_full_url() or ""
    now = timezone.now()
    organiser = organiser_address(activity)
    attendee = attendee_address(attendee_email, method=method)
    cal = ical.new_calendar(
        name=activity.title,
        feed_id=f"invitation-{activity.pk}",
        url=page_url,
        method=method,
        subscription=False,
    )
    for session in sessions:
        session.activity = activity
        event = ical.session_event(
            session, page_url=page_url, stamp=now, cancelled=method == "CANCEL"
        )
        event.add("ORGANIZER", organiser)
        event.add("ATTENDEE", attendee)
        cal.add_component(event)
    return ical.serialise(cal)
