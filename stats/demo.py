"""Demo follow-up: outcomes and support pacts for people of finished demo course editions.

Runs after the registrations and attendance demo seeders (`jobcafe.demo.EXTRA_SEEDERS`).
Choices are derived from the participant's id, so a second run finds every record
already there and changes nothing.
"""

import datetime
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone

from activities.models.sessions import not_cancelled_q
from courses.models import CourseEditionPage
from registrations import seats
from stats.models import Outcome, OutcomeKind, SupportKind, SupportMeasure

# Out of every 13 people followed up: a mix close to the real programme's report.
KINDS = [
    OutcomeKind.TRAINEESHIP,
    OutcomeKind.FIXED_TERM,
    OutcomeKind.FIXED_TERM,
    OutcomeKind.PERMANENT,
    OutcomeKind.FIXED_TERM,
    OutcomeKind.SELF_EMPLOYMENT,
    OutcomeKind.NONE,
    OutcomeKind.NONE,
    OutcomeKind.NONE,
    OutcomeKind.NONE,
    OutcomeKind.NONE,
    OutcomeKind.TRAINEESHIP,
    OutcomeKind.NONE,
]
PACT_AMOUNT = Decimal("2000")


def seed(*, stdout, password: str) -> None:  # makes no accounts: password unused
    today = timezone.localdate()
    finished = CourseEditionPage.objects.annotate(
        last=Max("sessions__start", filter=not_cancelled_q("sessions__"))
    ).filter(last__lt=timezone.now())
    ends = {e.pk: timezone.localtime(e.last).date() for e in finished}
    registrations = (
        seats.holding_seats()
        .filter(activity_id__in=ends)
        .select_related("participant")
        .order_by("pk")
    )
    already = set(Outcome.objects.values_list("participant_id", "course_edition_id"))
    supported = set(SupportMeasure.objects.values_list("participant_id", flat=True))
    outcomes, pacts = [], []
    for registration in registrations:
        person = registration.participant
        if person.anonymised_at or (person.pk, registration.activity_id) in already:
            continue
        if person.pk % 4 == 3:
            continue  # not reached at follow-up
        end = ends[registration.activity_id]
        kind = KINDS[person.pk % len(KINDS)]
        available = (today - end).days // 31  # whole months since the course ended
        if available < 1:
            continue  # the edition ended too recently to follow anyone up
        months = 1 + person.pk % min(7, available)
        day = end + datetime.timedelta(days=31 * months)
        outcomes.append(
            Outcome(
                participant=person,
                course_edition_id=registration.activity_id,
                kind=kind,
                date=day,
                notes="Dato di esempio raccolto al colloquio di verifica.",
            )
        )
        if person.pk % 3 == 0 and person.pk not in supported:
            supported.add(person.pk)
            pacts.append(
                SupportMeasure(
                    participant=person,
                    kind=SupportKind.SUPPORT_PACT,
                    amount=PACT_AMOUNT,
                    date=end + datetime.timedelta(days=7),
                    notes="Patto di sostegno di esempio.",
                )
            )
    Outcome.objects.bulk_create(outcomes)
    SupportMeasure.objects.bulk_create(pacts)
    if not registrations.exists():
        stdout.write("Follow-up: no enrolments in finished editions yet, nothing to add.")
    else:
        stdout.write(f"Follow-up: {len(outcomes)} outcomes and {len(pacts)} support pacts added.")
