"""What a project a few years old holds past its retention periods, so that the demo's
Privacy → Retention report has something to show (docs/privacy.md predicts its counts).

Seeded after every app's demo: two people who took part in 2023 and never came back,
their history from then, e-mails sent last spring, a desk request nobody followed up for
four months, and a partner invitation withdrawn weeks ago. Idempotent: what is already
there (or was already erased by the job) is not written again until the job has erased it.
"""

import datetime
import secrets

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from activities.models import Organisation
from appointments import requests
from appointments.models import ContactRequest
from associations.models import Invitation
from core.messaging.models import Channel, Message, MessageStatus
from core.privacy import notice
from registrations.models import Participant
from registrations.services import find_or_create_participant

# (first name, last name, year of birth, town): took part in 2023, not seen since.
PAST_PARTICIPANTS = (
    ("Ornella", "Bassani", 1966, "Lainate"),
    ("Vittorio", "Cremaschi", 1961, "Garbagnate Milanese"),
)
QUIET_REQUEST_NAME = "Rosa (richiesta dell'estate)"
WITHDRAWN_INVITATION = "ex.volontaria@example.org"


def seed(*, stdout, password: str) -> None:
    now = timezone.now()
    people = _past_participants(now - relativedelta(months=30))
    _old_history(people, now - relativedelta(months=37))
    _last_spring_messages(now - datetime.timedelta(days=200))
    _quiet_request(now - datetime.timedelta(days=120))
    _withdrawn_invitation(now - datetime.timedelta(days=45))
    stdout.write(
        "Archive: 2 people not seen since 2023, old e-mails, a quiet desk request and a "
        "withdrawn invitation, for the retention report."
    )


def _past_participants(when) -> list[Participant]:
    people = []
    for first, last, year, town in PAST_PARTICIPANTS:
        email = f"{first.lower()}.{last.lower()}@example.org"
        known = Participant.objects.filter(email=email).first()
        if known is None:
            known = find_or_create_participant(
                email=email,
                first_name=first,
                last_name=last,
                birth_year=year,
                municipality=town,
                province="MI",
                referral_source="employment_centre",
                consent_at=when,
                consent_version=notice.version_for_consent(),
            )
            Participant.objects.filter(pk=known.pk).update(created_at=when, updated_at=when)
            known.consents.update(given_at=when)
        people.append(known)
    return people


def _old_history(people, when) -> None:
    """Their records' creation, in the history of actions, from over three years ago."""
    kind = ContentType.objects.get_for_model(Participant)
    for person in people:
        entries = ModelLogEntry.objects.filter(
            content_type=kind, object_id=str(person.pk), action="wagtail.create"
        )
        if not entries.exists():
            log(person, "wagtail.create")
        entries.update(timestamp=when)


def _last_spring_messages(when) -> None:
    """Three reminders e-mailed last spring (the log keeps them 180 days by default)."""
    someone = Participant.objects.filter(anonymised_at__isnull=True, email__gt="").exclude(
        email__in=[f"{f.lower()}.{la.lower()}@example.org" for f, la, *_ in PAST_PARTICIPANTS]
    )
    person = someone.order_by("pk").first()
    if person is None:
        return
    for number in (1, 2, 3):
        message, created = Message.objects.get_or_create(
            dedupe_key=f"demo-archive-reminder-{number}",
            defaults={
                "kind": "reminder",
                "channel": Channel.EMAIL,
                "address": person.email,
                "subject": "Promemoria: ci vediamo giovedì",
                "text": "Le ricordiamo l'incontro di giovedì alle 18.",
                "recipient": person,
                "status": MessageStatus.SENT,
                "sent_at": when,
            },
        )
        if created:
            Message.objects.filter(pk=message.pk).update(created_at=when)


def _quiet_request(when) -> None:
    """A call-back request from last summer that nobody followed up."""
    if ContactRequest.objects.filter(name=QUIET_REQUEST_NAME).exists():
        return
    request = requests.submit_request(
        name=QUIET_REQUEST_NAME,
        way="call_back",
        reachable="Il pomeriggio",
        phone="+39 333 000 4455",
        need="Vorrei sapere se ci sono corsi per chi rientra al lavoro.",
        language="it",
        now=when,
    )
    Message.objects.filter(
        recipient_type=ContentType.objects.get_for_model(ContactRequest),
        recipient_id=request.pk,
    ).update(created_at=when, sent_at=when, status=MessageStatus.SENT)


def _withdrawn_invitation(when) -> None:
    """An invitation to a partner's volunteer, withdrawn before she accepted it."""
    organisation = Organisation.objects.order_by("pk").first()
    if organisation is None or Invitation.objects.filter(email=WITHDRAWN_INVITATION).exists():
        return
    Invitation.objects.create(
        organisation=organisation,
        email=WITHDRAWN_INVITATION,
        token_hash=secrets.token_hex(32),
        invited_by=get_user_model().objects.filter(is_superuser=True).first(),
        expires_at=when + datetime.timedelta(days=7),
        revoked_at=when,
    )
    Invitation.objects.filter(email=WITHDRAWN_INVITATION).update(created_at=when)
