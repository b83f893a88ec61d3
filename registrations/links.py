"""Signed links in messages that work without logging in: "I can't come this time",
"Cancel my registration", "I don't want the seat".

A link carries the action, the registration and (for one date) the session, signed
with the site's secret and a timestamp; it expires after `LINK_MAX_AGE` and does
what it says once (a second tap finds the work done and says so). The payload is a
short list, so that a link still fits in an SMS with its text.

`open_link` reads a link and the records it names; the views of each action (here
for cancel and decline, in attendance for "I can't come") check the rest.
"""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from activities.models import Session
from core.http import site_url
from registrations.models import Registration, RegistrationStatus

SALT = "jobcafe.registrations.links"
CANT_COME, CANCEL, DECLINE = "cant_come", "cancel", "decline"
ACTIONS = (CANT_COME, CANCEL, DECLINE)
# One letter per action inside the token; the URL names of the pages that act.
CODES = {CANT_COME: "c", CANCEL: "x", DECLINE: "d"}
URL_NAMES = {
    CANT_COME: "attendance:cant_come",
    CANCEL: "registrations:link",
    DECLINE: "registrations:link",
}
LINK_MAX_AGE = datetime.timedelta(days=60)

PROBLEMS = {
    "invalid": _(
        "This link does not work: part of it may be missing. Open it again from the "
        "message, or see your registrations."
    ),
    "expired": _(
        "This link has expired. You can still see and change your registrations from "
        "“My registrations”, or contact us."
    ),
    "erased": _("This link no longer works: the registration it was for does not exist any more."),
}


class BadLink(Exception):
    """The link was tampered with, or expired (`expired`)."""

    def __init__(self, *, expired: bool = False):
        self.expired = expired
        super().__init__("expired" if expired else "invalid")


class LinkProblem(Exception):
    """A link that cannot do what it says; `message` tells the person why, translated."""

    def __init__(self, code: str, message=None):
        self.code = code
        self._message = message
        super().__init__(code)

    @property
    def message(self) -> str:
        return str(self._message or PROBLEMS[self.code])


@dataclass(frozen=True)
class Link:
    action: str
    registration: Registration
    session: Session | None = None


def token(action: str, registration_id: int, session_id: int | None = None) -> str:
    if action not in ACTIONS:
        raise ValueError(f"Unknown link action {action!r}.")
    payload = [CODES[action], registration_id]
    if session_id is not None:
        payload.append(session_id)
    return signing.dumps(payload, salt=SALT, compress=True)


def read(value: str) -> tuple[str, int, int | None]:
    """(action, registration id, session id or None) of a link; raises `BadLink`."""
    try:
        payload = signing.loads(value, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise BadLink(expired=True) from None
    except (signing.BadSignature, ValueError):
        raise BadLink() from None
    actions = {code: action for action, code in CODES.items()}
    if not isinstance(payload, list) or len(payload) not in (2, 3):
        raise BadLink()
    if payload[0] not in actions or not all(type(n) is int for n in payload[1:]):
        raise BadLink()
    session_id = payload[2] if len(payload) == 3 else None
    return actions[payload[0]], payload[1], session_id


def url(action: str, registration_id: int, session_id: int | None = None) -> str:
    path = reverse(URL_NAMES[action], args=[token(action, registration_id, session_id)])
    return site_url(path)


# Messages that tell of a registration's end: nothing left to cancel.
ENDED_KINDS = ("cancelled", "cancelled_request", "refused")


def links_for(registration, *, session=None, kind: str = "", next_session=None) -> dict:
    """The links a message about `registration` carries (and `session`, for one date).

    A message about no date in particular still lets a person holding a seat say they
    will miss the next one (`next_session`): "cant_come_next", offered by e-mail only
    (an SMS carries one link, the one about the date it names).
    """
    if kind in ENDED_KINDS:
        return {}
    links = {"cancel": url(CANCEL, registration.pk)}
    if session is not None:
        links["cant_come"] = url(CANT_COME, registration.pk, session.pk)
    elif next_session is not None and registration.status == RegistrationStatus.CONFIRMED:
        links["cant_come_next"] = url(CANT_COME, registration.pk, next_session.pk)
    if kind == "promoted":
        links["decline"] = url(DECLINE, registration.pk)
    return links


def open_link(value: str, *, actions: tuple[str, ...]) -> Link:
    """The registration (and session) a link names, if it may do one of `actions`.

    Raises `LinkProblem`: tampered, expired, for another page, the person erased,
    a session that is not of the registration's activity. Whether the action can
    still be done (already cancelled, a date gone by) is the action's own question.
    """
    try:
        action, registration_id, session_id = read(value)
    except BadLink as error:
        raise LinkProblem("expired" if error.expired else "invalid") from None
    if action not in actions or (action == CANT_COME) != (session_id is not None):
        raise LinkProblem("invalid")
    registration = (
        Registration.objects.select_related("participant", "activity")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or registration.participant.anonymised_at:
        raise LinkProblem("erased")
    session = None
    if session_id is not None:
        session = Session.objects.filter(
            pk=session_id, activity_id=registration.activity_id
        ).first()
        if session is None:
            raise LinkProblem("invalid")
    registration.activity = registration.activity.specific
    if session is not None:
        session.activity = registration.activity
    return Link(action=action, registration=registration, session=session)
