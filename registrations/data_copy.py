"""A person's copy of their data: for themselves from their account, for staff at the desk
(someone without an account asks for it), and through a link staff send them.

What is in it is `core.data_copy` over the registry; here is who may have it and how it is
handed over. The link carries the participant's number, signed and timestamped; it works
for `LINK_MAX_AGE` and then says it has expired (a new one is asked for at the desk).
"""

import datetime
import json

from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.data_copy import as_json, copy_of
from core.http import site_url
from core.messaging import services as messaging
from registrations.models import Participant
from registrations.notices import recipient_of

SALT = "jobcafe.registrations.data_copy"
LINK_MAX_AGE = datetime.timedelta(days=7)

LINK_PROBLEMS = {
    "invalid": _(
        "This link does not work: part of it may be missing. Open it again from the message."
    ),
    "expired": _(
        "This link has expired: links to a copy of your data work for 7 days. Ask us for a new "
        "one, or sign in and open “My data”."
    ),
    "erased": _("This link no longer works: the data it was for has been erased."),
}


class CopyLinkProblem(Exception):
    def __init__(self, code: str):
        self.code = code
        super().__init__(code)

    @property
    def message(self) -> str:
        return str(LINK_PROBLEMS[self.code])


def link_url(participant: Participant) -> str:
    value = signing.dumps(participant.pk, salt=SALT)
    return site_url(reverse("registrations:data_link", args=[value]))


def open_link(value: str) -> Participant:
    """The participant a copy link names; raises `CopyLinkProblem`."""
    try:
        pk = signing.loads(value, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise CopyLinkProblem("expired") from None
    except (signing.BadSignature, ValueError):
        raise CopyLinkProblem("invalid") from None
    participant = Participant.objects.filter(pk=pk).first() if type(pk) is int else None
    if participant is None or participant.anonymised_at:
        raise CopyLinkProblem("erased")
    return participant


def send_link(participant: Participant, *, by) -> int:
    """Send the person a link to their copy by the channel they use; returns the messages
    written (0 when nothing reaches them: staff then print the copy instead)."""
    written = messaging.queue(
        recipient_of(participant),
        kind="data_copy",
        template="registrations/messages/data_copy",
        context={"url": link_url(participant), "days": LINK_MAX_AGE.days},
        subject=_("A copy of your data"),
        secret=True,
    )
    return len(written)


def json_download(participant: Participant) -> HttpResponse:
    """The copy as a JSON file to save."""
    data = as_json(copy_of(participant))
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="my-data-{day}.json"'
    response["Cache-Control"] = "private, no-store"
    return response
