"""Recording follow-up outcomes and support measures."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from courses.models import CourseEditionPage
from registrations import seats
from registrations.models import Participant
from stats.models import Outcome, SupportMeasure


def default_edition(
    *, participant: Participant, on: datetime.date | None = None
) -> CourseEditionPage | None:
    """The last course edition the person was enrolled in that started by `on`."""
    editions = CourseEditionPage.objects.filter(
        pk__in=seats.holding_seats().filter(participant=participant).values("activity_id")
    )
    if on is not None:
        editions = editions.filter(sessions__start__date__lte=on)
    return editions.order_by("-sessions__start").first()


def check_outcome(outcome: Outcome) -> None:
    """Fill in the edition when left empty; refuse an edition the person never enrolled in."""
    if outcome.participant_id is None:
        return
    if outcome.course_edition_id is None:
        outcome.course_edition = default_edition(participant=outcome.participant, on=outcome.date)
        if outcome.course_edition is None:
            raise ValidationError(
                {
                    "course_edition": _(
                        "%(person)s was not enrolled in any course edition that started by this "
                        "date. Check the date, or enrol them first."
                    )
                    % {"person": outcome.participant}
                }
            )
        return
    enrolled = (
        seats.holding_seats()
        .filter(participant=outcome.participant, activity_id=outcome.course_edition_id)
        .exists()
    )
    if not enrolled:
        raise ValidationError(
            {
                "course_edition": _(
                    "%(person)s was not enrolled in this course edition. Choose one of their "
                    "editions or leave the field empty."
                )
                % {"person": outcome.participant}
            }
        )


@transaction.atomic
def record_outcome(
    *,
    participant: Participant,
    kind: str,
    date: datetime.date,
    course_edition: CourseEditionPage | None = None,
    notes: str = "",
    by=None,
) -> Outcome:
    outcome = Outcome(
        participant=participant,
        kind=kind,
        date=date,
        course_edition=course_edition,
        notes=notes,
        recorded_by=by,
    )
    check_outcome(outcome)
    outcome.full_clean()
    outcome.save()
    log(outcome, "wagtail.create", user=by, content_changed=True)
    return outcome


@transaction.atomic
def record_support(
    *,
    participant: Participant,
    kind: str,
    date: datetime.date,
    amount=None,
    notes: str = "",
    by=None,
) -> SupportMeasure:
    measure = SupportMeasure(
        participant=participant, kind=kind, date=date, amount=amount, notes=notes, recorded_by=by
    )
    measure.full_clean()
    measure.save()
    log(measure, "wagtail.create", user=by, content_changed=True)
    return measure
