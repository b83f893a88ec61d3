"""Registering, cancelling, approving: every change to a registration goes through here.

Invariants
- Seats: confirmed registrations never exceed the activity's capacity. Every
  function that changes who holds a seat runs in one transaction that first
  locks the activity's row (`select_for_update`; on SQLite the IMMEDIATE
  transaction already serialises writers), then counts, then writes.
- Queue: the waiting list is served in `queued_at` order (then pk). A freed seat
  goes to the first person waiting, in the same transaction that freed it.
- One active registration per participant and activity: a database constraint;
  losing that race becomes "already registered".
- Walk-ins (`record_walk_in`) are already in the room: they are confirmed whatever
  the capacity, and logged as walk-ins.
- E-mails go out after the transaction commits; every change is logged.
"""

import copy
import datetime
import functools
import threading
from collections.abc import Mapping
from contextlib import nullcontext

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from activities.models import ActivityPage, RegistrationMode, Session
from core.dates import spoken_datetime
from core.errors import ServiceError
from core.messaging import phones
from core.messaging.models import ContactChannel
from core.messaging.services import messages_about
from core.privacy import notice
from registrations import eligibility, notices, schedules, seats
from registrations.erasure import neutralise_log_entries
from registrations.models import (
    ACTIVE_STATUSES,
    PROFILE_FIELDS,
    Participant,
    Registration,
    RegistrationStatus,
)
from registrations.selectors import ended_by_erasure, waiting_list
from registrations.signals import participant_anonymised

MESSAGES = {
    "no_registration": _("This activity needs no registration: just come along."),
    "unpublished": _("This activity is not available."),
    "past": _("This activity has no upcoming sessions, so it no longer takes registrations."),
    "not_open_yet": _("Registration opens on %(date)s."),
    "closed": _("Registration closed on %(date)s."),
    "already_registered": _("You are already registered for this activity."),
    "anonymised": _("This person's record has been erased."),
    "consent": _("Please accept the privacy notice to register."),
    "name": _("Please tell us your first name."),
    "birth_year_missing": _("This course has an age rule: please tell us your year of birth."),
    "birth_year_invalid": _(
        "Please check the year of birth: write it with four digits, e.g. 1980."
    ),
    "residence_missing": _(
        "This course is for residents of some areas: please tell us your municipality and province."
    ),
    "too_young": _("This course is for people aged at least %(min)s when it starts."),
    "too_old": _("This course is for people aged up to %(max)s when it starts."),
    "residence": _("This course is only for residents of %(where)s."),
    "not_active": _("This registration is no longer active."),
    "not_pending": _("Only registrations waiting for approval can be approved or refused."),
    "not_waitlisted": _("Only people on the waiting list can be moved up."),
    "phone": phones.INVALID,
}


class RegistrationError(ServiceError):
    """A registration could not be made or changed; `message` says why, translated."""

    messages = MESSAGES


# Answers a registration form may add to the participant's record: the profile, except
# the e-mail address, which is the login's and is never changed by registering.
ANSWER_FIELDS = tuple(field for field in PROFILE_FIELDS if field != "email")


# Participants ---------------------------------------------------------------------


def participant_for_user(user, *, create: bool = False, language: str = "") -> Participant | None:
    """The participant record of a logged-in user; created on demand when `create`.

    When created, a record that staff made earlier for the same (verified) e-mail
    address and that has no login yet is linked instead, so a walk-in who later signs
    up keeps their registrations and attendance. A new record takes `language` (the
    language the person is using the site in) for the messages they will get.
    """
    if user is None or not user.is_authenticated:
        return None
    participant = Participant.objects.filter(user=user).first()
    if participant is None and create:
        try:
            with transaction.atomic():
                known = (
                    Participant.objects.with_email(user.email)
                    .filter(user__isnull=True)
                    .select_for_update()
                    .first()
                )
                if known is not None:
                    known.user = user
                    known.save(update_fields=["user", "updated_at"])
                    return known
                participant = Participant.objects.create(
                    user=user,
                    email=user.email,
                    first_name=user.first_name,
                    last_name=user.last_name,
                    language=message_language(language),
                )
        except IntegrityError:  # created by a parallel request of the same user
            participant = Participant.objects.get(user=user)
    return participant


def message_language(language: str) -> str:
    """`language` if the site speaks it (e.g. "en" from "en-gb"), else the site's own."""
    code = (language or "").split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def find_or_create_participant(*, email: str = "", **profile) -> Participant:
    """The record of someone already known by this e-mail address, else a new one.

    Staff entering a person, and the demo, so that one address is one person: the
    oldest record not erased wins (`Participant.objects.with_email`). Without an
    address (many walk-ins leave only a phone number) a new record is made, reached
    by SMS when the phone is all we have. The phone is stored as E.164; a value that
    is not a phone number raises `RegistrationError("phone")` and nothing is saved.
    """
    if profile.get("phone"):
        profile["phone"] = _normalised_phone(profile["phone"])
    known = Participant.objects.with_email(email).first()
    if known is not None:
        return known
    profile.setdefault(
        "contact_channel",
        ContactChannel.for_addresses(email=email, phone=profile.get("phone", "")),
    )
    return Participant.objects.create(email=email, **profile)


def _normalised_phone(value: str) -> str:
    try:
        return phones.normalise_phone(value)
    except ValidationError:
        raise RegistrationError("phone") from None


def consent_is_current(participant: Participant) -> bool:
    """Whether the person accepted the notice in force (`core.privacy.notice`): when its
    facts change (a period, the controller), they are asked again."""
    return bool(participant.consent_at and participant.consent_version == notice.current_version())


def questions_for(participant: Participant | None, activity: ActivityPage) -> list[str]:
    """What the registration form must ask this person for this activity, and nothing more."""
    asked = []
    if participant is None or not participant.first_name:
        asked += ["first_name", "last_name"]
    course = eligibility.course_of(activity)
    if eligibility.has_age_rule(course) and (participant is None or not participant.birth_year):
        asked.append("birth_year")
    if eligibility.has_residence_rule(course) and (
        participant is None or not (participant.municipality and participant.province)
    ):
        asked += ["municipality", "province"]
    if participant is None or not participant.referral_source:
        asked.append("referral_source")
    if participant is None or not consent_is_current(participant):
        asked.append("consent")
    return asked


def _apply_answers(participant: Participant, answers: Mapping, now, consent_version) -> bool:
    """Copy the answers onto the participant (not saved); True if anything changed."""
    changed = False
    for field in ANSWER_FIELDS:
        value = answers.get(field)
        if value not in (None, ""):
            if isinstance(value, str):
                value = value.strip()
            if field == "province":
                value = value.upper()
            if field == "phone":
                value = _normalised_phone(value)
            changed |= getattr(participant, field) != value
            setattr(participant, field, value)
    if answers.get("consent"):
        participant.consent_at = now
        participant.consent_version = consent_version
        changed = True
    return changed


def _check_participant(participant: Participant, activity: ActivityPage) -> None:
    if participant.anonymised_at:
        raise RegistrationError("anonymised")
    if not participant.first_name:
        raise RegistrationError("name")
    if not participant.consent_at:
        raise RegistrationError("consent")
    if participant.birth_year and not eligibility.birth_year_is_plausible(participant.birth_year):
        raise RegistrationError("birth_year_invalid")
    course = eligibility.course_of(activity)
    if eligibility.has_age_rule(course):
        if not participant.birth_year:
            raise RegistrationError("birth_year_missing")
        day = eligibility.start_date(activity) or timezone.localdate()
        problem = eligibility.age_problem(course, participant.birth_year, day)
        if problem == "too_young":
            raise RegistrationError(problem, min=course.min_age)
        if problem == "too_old":
            raise RegistrationError(problem, max=course.max_age)
    if eligibility.has_residence_rule(course):
        if not (participant.municipality or participant.province):
            raise RegistrationError("residence_missing")
        if not eligibility.residence_is_eligible(
            course, participant.municipality, participant.province
        ):
            where = ", ".join(
                course.municipality_list
                + (
                    [_("province of %(p)s") % {"p": course.province_name}]
                    if course.eligible_province
                    else []
                )
            )
            raise RegistrationError("residence", where=where)


# Transactions ---------------------------------------------------------------------

_sqlite_writer = threading.RLock()


def seat_transaction(func):
    """Run `func` in one transaction; on SQLite, threads of this process take turns.

    PostgreSQL serialises through the activity row lock. SQLite has one writer at a
    time: IMMEDIATE transactions make other processes wait at BEGIN, and this lock
    makes threads of the same process queue instead of failing on a busy database.
    Inside an outer transaction the database lock is already held, so no extra lock.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        connection = transaction.get_connection()
        serialise = connection.vendor == "sqlite" and not connection.in_atomic_block
        with _sqlite_writer if serialise else nullcontext(), transaction.atomic():
            return func(*args, **kwargs)

    return wrapper


# Activities -----------------------------------------------------------------------


# What deciding a registration reads from the activity (`registration_problem`, seats):
# read again once its row is locked.
DECISION_FIELDS = (
    "capacity",
    "registration_mode",
    "registration_opens_at",
    "registration_closes_at",
    "live",
    "expired",
    "kind",
)


def _check_in_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Seats may only be counted inside a transaction.")


def _lock_activity(activity_pk: int) -> ActivityPage:
    """Lock the activity row for the rest of the transaction: seats are counted after this."""
    _check_in_transaction()
    return ActivityPage.objects.select_for_update().get(pk=activity_pk)


def _lock_for_registering(activity: ActivityPage, *, upcoming_at) -> ActivityPage:
    """Lock the activity row, as `_lock_activity`, reading only what the decision needs.

    One narrow query: the `DECISION_FIELDS` as they are now, and whether sessions are
    still to come at `upcoming_at` (`has_upcoming`). The rest of the page (title,
    address) is the caller's copy: it decides nothing, and reading the whole page again
    under the lock was the costliest query of a registration.
    """
    _check_in_transaction()
    still_to_come = _upcoming_sessions(upcoming_at).filter(activity=OuterRef("pk"))
    row = (
        ActivityPage.objects.select_for_update()
        .filter(pk=activity.pk)
        .values(*DECISION_FIELDS, has_upcoming=Exists(still_to_come))
        .get()
    )
    locked = copy.copy(activity)
    for name, value in row.items():
        setattr(locked, name, value)
    return locked


def _upcoming_sessions(now=None):
    return Session.objects.upcoming(now).not_cancelled()


def has_upcoming_sessions(activity: ActivityPage, now=None) -> bool:
    return _upcoming_sessions(now).filter(activity=activity).exists()


def is_finished(activity: ActivityPage, now=None) -> bool:
    """Held and over: some sessions took place and none is still to come."""
    now = now or timezone.now()
    return not has_upcoming_sessions(activity, now) and activity.sessions.held(now).exists()


def registration_problem(
    activity: ActivityPage, *, now=None, staff: bool = False, upcoming: bool | None = None
):
    """Why this activity cannot take a registration right now, or None.

    Staff may record past participation in a finished activity (see `register`);
    an activity whose sessions were all cancelled took place for nobody. `upcoming`
    says whether sessions are still to come at `now`, when the caller already knows.
    """
    now = now or timezone.now()
    if not activity.takes_registrations:
        return RegistrationError("no_registration")
    if not activity.live or activity.expired:
        return RegistrationError("unpublished")
    if upcoming is None:
        upcoming = has_upcoming_sessions(activity, now)
    if not upcoming and not (staff and is_finished(activity, now)):
        return RegistrationError("past")
    if staff:
        return None
    if not activity.registration_is_open(now):
        if activity.registration_not_yet_open(now):
            return RegistrationError(
                "not_open_yet", date=spoken_datetime(activity.registration_opens_at)
            )
        return RegistrationError("closed", date=spoken_datetime(activity.registration_closes_at))
    return None


# State changes --------------------------------------------------------------------


def _set_status(registration: Registration, status: str, *, by, action: str) -> None:
    registration.status = status
    registration.save(update_fields=["status", "queued_at", "updated_at"])
    log(registration, f"jobcafe.registration.{action}", user=by if _is_user(by) else None)


def _is_user(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def _seats_and_queue(activity: ActivityPage) -> tuple[int, int]:
    """Seats taken (`seats.taken_count`) and people waiting, in one query."""
    counts = Registration.objects.filter(activity=activity).aggregate(
        taken=seats.taken_count(),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
    )
    return counts["taken"], counts["waiting"]


def _fill_free_seats(activity: ActivityPage, *, by, notify: bool = True) -> int:
    """Give free seats to the people waiting, first come first served; return seats taken.

    The activity is locked by the caller. Nobody waiting, or no seat free: one query.
    """
    taken, waiting = _seats_and_queue(activity)
    if not waiting or not seats.has_free_seat(activity.capacity, taken):
        return taken
    queue = waiting_list(activity).select_related("participant")
    free = seats.left(activity.capacity, taken)
    if free is not None:
        queue = queue[:free]
    for registration in queue:
        _set_status(registration, RegistrationStatus.CONFIRMED, by=by, action="promote")
        if notify:
            notices.notify(registration, "promoted")
        else:
            schedules.record_unannounced(registration)
        taken += 1
    return taken


def register(
    *,
    participant: Participant,
    activity: ActivityPage,
    by=None,
    answers: Mapping | None = None,
    staff: bool = False,
    at: datetime.datetime | None = None,
    notify: bool = True,
) -> Registration:
    """Register a participant; returns the registration (confirmed, waitlisted or pending).

    `answers` (first name, year of birth, residence, referral, consent...) are saved on
    the participant in the same transaction, so a refused registration changes nothing.
    `staff=True` is for staff registering someone in person: the registration window and
    the approval step do not apply (the staff member decides), eligibility still does.
    `at` records a registration made earlier (demo data, a paper list typed in later):
    the rules are judged at that moment and the queue places it there. `notify=False`
    sends no e-mail, to this person or to anyone it moves up.
    Past participation: staff may register someone in a finished activity (held, nothing
    left to come); the registration is confirmed (they took part, capacity does not apply)
    and nobody is notified, whatever `notify` says: a message about a course held months
    ago, with an invitation to it, would only confuse.
    Raises `RegistrationError`.
    """
    answers = answers or {}
    # The notice accepted, its snapshot kept before the activity is locked (not under it).
    consent_version = notice.version_for_consent() if answers.get("consent") else ""
    try:
        return _register(
            participant=participant,
            activity=activity,
            by=by,
            answers=answers,
            consent_version=consent_version,
            staff=staff,
            at=at,
            notify=notify,
        )
    except IntegrityError as error:
        raise RegistrationError("already_registered") from error


@seat_transaction
def _register(
    *, participant, activity, by, answers, consent_version, staff, at, notify
) -> Registration:
    activity = _lock_for_registering(activity, upcoming_at=at or timezone.now())
    now = at or timezone.now()  # after the lock: the queue order is the order of the lock
    participant = _participant_as_locked(participant.pk, activity)
    if participant.already_registered:
        raise RegistrationError("already_registered")
    past = staff and is_finished(activity)  # judged today, whatever `at` says
    problem = registration_problem(
        activity,
        now=timezone.now() if past else now,
        staff=staff,
        upcoming=None if past else activity.has_upcoming,
    )
    if problem:
        raise problem
    notify = notify and not past
    if answers.get("birth_year") is not None and not (
        eligibility.birth_year_is_plausible(int(answers["birth_year"]))
    ):
        raise RegistrationError("birth_year_invalid")
    changed = _apply_answers(participant, answers, now, consent_version)
    _check_participant(participant, activity)
    if changed:
        participant.save()
    taken = 0 if past else _fill_free_seats(activity, by=by, notify=notify)
    if past:
        status, action = RegistrationStatus.CONFIRMED, "confirm"
    elif activity.registration_mode == RegistrationMode.APPROVAL and not staff:
        status, action = RegistrationStatus.PENDING, "pending"
    elif seats.has_free_seat(activity.capacity, taken):
        status, action = RegistrationStatus.CONFIRMED, "confirm"
    else:
        status, action = RegistrationStatus.WAITLISTED, "waitlist"
    registration = Registration.objects.create(
        participant=participant,
        activity=activity,
        status=status,
        created_by=by if _is_user(by) else None,
        queued_at=now,
    )
    if at is not None:  # made then, not now
        Registration.objects.filter(pk=registration.pk).update(created_at=at)
        registration.created_at = at
    log(registration, f"jobcafe.registration.{action}", user=by if _is_user(by) else None)
    if notify:
        notices.notify(
            registration,
            {"confirm": "confirmed", "waitlist": "waitlisted", "pending": "pending"}[action],
        )
    elif status == RegistrationStatus.CONFIRMED:
        schedules.record_unannounced(registration)
    return registration


def _participant_as_locked(participant_pk: int, activity: ActivityPage) -> Participant:
    """The participant as saved, with `already_registered` (an active registration for the
    activity): one query, read once the activity is locked."""
    active = Registration.objects.filter(
        participant=OuterRef("pk"), activity=activity, status__in=ACTIVE_STATUSES
    )
    return Participant.objects.annotate(already_registered=Exists(active)).get(pk=participant_pk)


@transaction.atomic
def record_walk_in(*, participant: Participant, activity: ActivityPage, by) -> Registration:
    """Confirm a person who turned up at a session: they take part, so capacity does not apply.

    A waiting-list or pending registration is confirmed, otherwise a confirmed one is
    created; idempotent. Used by the roll call's walk-ins and the open self sign-in.
    Only the person's registration row is locked: no seat is given or taken from
    anyone else. Logged as a walk-in; no e-mail (they are there in person).
    """
    if participant.anonymised_at:
        raise RegistrationError("anonymised")
    registration = (
        Registration.objects.select_for_update()
        .filter(participant=participant, activity=activity, status__in=ACTIVE_STATUSES)
        .first()
    )
    if registration is not None and registration.status == RegistrationStatus.CONFIRMED:
        return registration
    if registration is not None:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
    else:
        registration = Registration.objects.create(
            participant=participant,
            activity=activity,
            status=RegistrationStatus.CONFIRMED,
            created_by=by if _is_user(by) else None,
        )
    log(registration, "jobcafe.attendance.walk_in", user=by)
    schedules.record_unannounced(registration)
    return registration


def _locked_registration(registration: Registration) -> tuple[ActivityPage, Registration]:
    activity = _lock_activity(registration.activity_id)
    fresh = (
        Registration.objects.select_for_update()
        .select_related("participant")
        .get(pk=registration.pk)
    )
    return activity, fresh


@seat_transaction
def cancel(*, registration: Registration, by=None) -> Registration:
    """Cancel an active registration; a freed seat goes to the first person waiting."""
    activity, registration = _locked_registration(registration)
    if registration.status not in ACTIVE_STATUSES:
        raise RegistrationError("not_active")
    held_seat = registration.status == RegistrationStatus.CONFIRMED
    _set_status(registration, RegistrationStatus.CANCELLED, by=by, action="cancel")
    notices.notify(registration, "cancelled" if held_seat else "cancelled_request")
    if held_seat:
        _fill_free_seats(activity, by=by)
    return registration


@seat_transaction
def approve(*, registration: Registration, by) -> Registration:
    """Accept a pending registration: a seat if one is free, otherwise the waiting list."""
    activity, registration = _locked_registration(registration)
    if registration.status != RegistrationStatus.PENDING:
        raise RegistrationError("not_pending")
    taken = _fill_free_seats(activity, by=by)
    if seats.has_free_seat(activity.capacity, taken):
        _set_status(registration, RegistrationStatus.CONFIRMED, by=by, action="approve")
        notices.notify(registration, "approved")
    else:
        registration.queued_at = timezone.now()
        _set_status(registration, RegistrationStatus.WAITLISTED, by=by, action="approve")
        notices.notify(registration, "waitlisted")
    return registration


@seat_transaction
def refuse(*, registration: Registration, by) -> Registration:
    activity, registration = _locked_registration(registration)
    if registration.status != RegistrationStatus.PENDING:
        raise RegistrationError("not_pending")
    _set_status(registration, RegistrationStatus.REFUSED, by=by, action="refuse")
    notices.notify(registration, "refused")
    return registration


@seat_transaction
def promote(*, registration: Registration, by) -> Registration:
    """Staff move someone up from the waiting list.

    With a free seat the person is confirmed at once. When the activity is full they
    go to the head of the waiting list and get the next seat that frees up: staff
    never over-book (raise the capacity on the page to add seats).
    """
    activity, registration = _locked_registration(registration)
    if registration.status != RegistrationStatus.WAITLISTED:
        raise RegistrationError("not_waitlisted")
    first = waiting_list(activity).exclude(pk=registration.pk).first()
    if first is not None and first.queued_at <= registration.queued_at:
        registration.queued_at = first.queued_at - datetime.timedelta(milliseconds=1)
    if seats.has_free_seat(activity.capacity, seats.taken(activity)):
        _set_status(registration, RegistrationStatus.CONFIRMED, by=by, action="promote")
        notices.notify(registration, "promoted")
    else:
        _set_status(registration, RegistrationStatus.WAITLISTED, by=by, action="move_up")
    return registration


# Erasure ---------------------------------------------------------------------------


@seat_transaction
def anonymise(*, participant: Participant, by=None) -> Participant:
    """Erase what identifies the person; cancel what is still to come. Idempotent.

    The one anonymisation, used by self-service account deletion and by coordinators
    answering an erasure request from someone without an account. The participant row
    stays so that attendance and registration counts of past activities do not change.
    Name, e-mail and phone are erased and the link to the login removed; year of birth,
    municipality, province and how they heard of us are kept because the funders'
    reports break participants down by age band, municipality and referral channel,
    and these are only ever published as aggregates. The apps above this one erase
    their own data about the person (notes, log labels) on `participant_anonymised`,
    in this same transaction.
    """
    participant = Participant.objects.get(pk=participant.pk)
    if participant.anonymised_at:
        return participant
    # Registrations first (each locks its activity, in the same order as register()).
    # The e-mails they trigger are sent after commit, when the address is already
    # erased, so the person who asked to be forgotten gets none; people promoted
    # from the waiting list are still told.
    for registration in ended_by_erasure(participant):
        cancel(registration=registration, by=by)
    user = participant.user
    participant.first_name = ""
    participant.last_name = ""
    participant.email = ""
    participant.phone = ""
    participant.user = None
    participant.anonymised_at = timezone.now()
    participant.save()
    # What was written to them (and what still waits to be sent) names and reaches them.
    messages_about(participant).delete()
    _scrub_history(participant)
    participant_anonymised.send(sender=Participant, participant=participant, user=user)
    log(participant, "jobcafe.participant.anonymise", user=by if _is_user(by) else None)
    return participant


def _scrub_history(participant: Participant) -> None:
    """Log entries keep the label and data they were written with: rewrite them without the name.

    Covers the participant's own entries (staff edits in the admin, walk-in creation)
    and those of their registrations.
    """
    registrations = list(participant.registrations.select_related("activity"))
    for registration in registrations:
        registration.participant = participant
    neutralise_log_entries([participant, *registrations])
