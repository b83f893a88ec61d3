"""Demo registrations for `manage.py seed_demo`. Idempotent: running twice changes nothing.

- residents with accounts (verified e-mail, password as the other demo users);
- the full "Laboratorio digitale" group gets a waiting list, one resident on it;
- the "Ricominciare" group (facilitator's approval) gets requests to approve;
- past and current course editions get their participants;
- a few confirmed places in the open groups and events;
- people staff registered with only a phone (reached by SMS), one of them with
  discreet messages, in the weekly "Over 50" group beside a resident with e-mail.

Every registration goes through `services.register`, as staff would enter it and
without e-mails, so the rules decide each status (the full group's newcomers wait,
the approval group's are pending); `at` dates it as if made at the time.
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from activities.models import ActivityPage
from core.messaging.phones import normalise_phone
from core.privacy import notice
from registrations import services
from registrations.models import Participant, Registration

RESIDENTS = [
    # e-mail, first, last, birth year, municipality, province
    ("anna.rossi@example.org", "Anna", "Rossi", 1968, "Lainate", "MI"),
    ("luca.ferrari@example.org", "Luca", "Ferrari", 1995, "Cremona", "CR"),
    ("sara.colombo@example.org", "Sara", "Colombo", 1990, "Crema", "CR"),
]

WAITING = [("Paolo", "Sala", 1962, "Rho")]
# first, last, birth year, municipality, phone as a person would say it, discreet messages
BY_PHONE = [
    ("Rosa", "Galli", 1967, "Lainate", "347 765 4321", False),
    ("Franco", "Mele", 1964, "Garbagnate", "+39 320 111 2233", True),
]
PENDING = [("Giorgio", "Bassi", 1975, "Lainate"), ("Elena", "Riva", 1981, "Garbagnate")]

FIRST_NAMES = [
    "Matteo",
    "Chiara",
    "Davide",
    "Giulia",
    "Andrea",
    "Martina",
    "Simone",
    "Federica",
    "Nicola",
    "Alessia",
]
LAST_NAMES = [
    "Bonetti",
    "Ferri",
    "Zanoni",
    "Arcari",
    "Bertoletti",
    "Lodigiani",
    "Ghisolfi",
    "Manfredini",
]
TOWNS = ["Cremona", "Crema", "Soresina", "Casalmaggiore", "Pizzighettone"]
EDITIONS = ["cremona-1", "crema-1", "cremona-2", "crema-2", "cremona-3"]


def edition_people(index: int, count: int = 6):
    """Different people for each edition, born 1988-2003, living in the province."""
    for n in range(count):
        k = index * count + n
        yield (
            FIRST_NAMES[k % len(FIRST_NAMES)],
            LAST_NAMES[(k // 3) % len(LAST_NAMES)],
            1988 + (k * 7) % 16,
            TOWNS[k % len(TOWNS)],
        )


def demo_participant(
    first, last, year, town, province="MI", *, user=None, email=None, referral="employment_centre"
) -> Participant:
    """A made-up person who has agreed to the privacy notice; the one already known by the
    address (by default first.last@example.org) when there is one."""
    return services.find_or_create_participant(
        email=email or f"{first.lower()}.{last.lower()}@example.org",
        first_name=first,
        last_name=last,
        birth_year=year,
        municipality=town,
        province=province,
        referral_source=referral,
        consent_at=timezone.now(),
        user=user,
        consent_version=notice.version_for_consent(),
    )


def phone_only_participant(first, last, year, town, phone, discreet) -> Participant:
    """A made-up person known only by a mobile number, as staff add people who phone in;
    the one already seeded with that name and number when there is one."""
    number = normalise_phone(phone)
    known = Participant.objects.filter(first_name=first, last_name=last, phone=number).first()
    if known is not None:
        return known
    return services.find_or_create_participant(
        first_name=first,
        last_name=last,
        phone=number,
        discreet=discreet,
        birth_year=year,
        municipality=town,
        province="MI",
        referral_source="social_services",
        consent_at=timezone.now(),
        consent_version=notice.version_for_consent(),
    )


def _registered_at(activity, minutes_ago: int) -> datetime.datetime:
    """`minutes_ago`, or a week before the first session when that had already started."""
    when = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    first = activity.sessions.order_by("start").first()
    if first is not None and first.start <= when:
        when = first.start - datetime.timedelta(days=7)
    return when


def register_once(
    participant, activity, *, minutes_ago: int | None = 0, staff: bool = True, by=None
) -> bool:
    """Register through the service as staff would (the rules decide the status), silently.

    `minutes_ago=None` registers now, undated, as `by` would at the desk. False when the
    person already has a registration for the activity (seeding again changes nothing).
    """
    if Registration.objects.filter(participant=participant, activity=activity).exists():
        return False
    services.register(
        participant=participant,
        activity=activity,
        by=by,
        staff=staff,
        at=None if minutes_ago is None else _registered_at(activity, minutes_ago),
        notify=False,
    )
    return True


def _activity(slug):
    return ActivityPage.objects.filter(slug=slug).first()


def _resident(email, first, last, year, town, province, *, password):
    user_model = get_user_model()
    user = user_model.objects.filter(email=email).first()
    if user is None:
        user = user_model.objects.create_user(
            username=email.split("@")[0],
            email=email,
            password=password,
            first_name=first,
            last_name=last,
        )
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    participant = demo_participant(
        first, last, year, town, province, user=user, email=email, referral="informagiovani"
    )
    if participant.user_id is None:
        participant.user = user
        participant.save(update_fields=["user"])
    return participant


@transaction.atomic
def seed(*, stdout, password: str) -> None:
    created = 0
    residents = [_resident(*row, password=password) for row in RESIDENTS]
    anna, luca, sara = residents

    full = _activity("laboratorio-digitale-piccolo-gruppo")
    if full is not None:
        for minutes, row in enumerate(WAITING):
            created += register_once(demo_participant(*row), full, minutes_ago=60 - minutes)
        created += register_once(anna, full, minutes_ago=30)

    approval = _activity("ricominciare-dopo-un-periodo-difficile")
    if approval is not None:
        for minutes, row in enumerate(PENDING):
            created += register_once(
                demo_participant(*row, referral="social_services"),
                approval,
                minutes_ago=120 - minutes,
                staff=False,  # a request for the facilitator to approve
            )

    over_50 = _activity("over-50-ripartire-insieme")
    if over_50 is not None:
        created += register_once(anna, over_50, minutes_ago=600)
        for row in BY_PHONE:
            created += register_once(phone_only_participant(*row), over_50, minutes_ago=500)

    for index, slug in enumerate(EDITIONS):
        edition = _activity(slug)
        if edition is None:
            continue
        for first, last, year, town in edition_people(index):
            participant = demo_participant(first, last, year, town, "CR", referral="informagiovani")
            created += register_once(participant, edition, minutes_ago=60 * 24 * 7)
    current = _activity("cremona-3")
    if current is not None:
        created += register_once(luca, current, minutes_ago=60 * 24)
    upcoming = _activity("crema-3")
    if upcoming is not None:
        created += register_once(sara, upcoming, minutes_ago=90)

    stdout.write(
        f"Registrations: {created} added; residents can log in as "
        f"{', '.join(r.email for r in residents)}."
    )
