"""Import participants and their registrations from a spreadsheet (CSV or XLSX).

One row per person and activity (a row without an activity only adds the person). People
are matched by `registrations.matching` and created by `find_or_create_participant`;
registrations go through `services.register` as staff, at the date in the file, notifying
nobody: the same rules and log as the screens, and a finished edition records past
participation. A person already registered is "nothing to change", so the same file
imported twice changes nothing; the profile of a known person is only completed, never
overwritten. The format is in docs/imports.md.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dates import local_datetime
from core.imports import Column, ImportReport, Row, RowError, apply_rows, parse_date, read_rows
from registrations import services
from registrations.matching import ACTIVITY_COLUMN, PERSON_COLUMNS, find_activity, find_participant
from registrations.models import ACTIVE_STATUSES, Participant, Registration

PROFILE_COLUMNS = (
    Column("first_name", gettext_lazy("First name"), aliases=("nome",)),
    Column("last_name", gettext_lazy("Last name"), aliases=("cognome",)),
    Column("birth_year", gettext_lazy("Year of birth"), aliases=("anno di nascita",)),
    Column("municipality", gettext_lazy("Municipality"), aliases=("comune", "comune di residenza")),
    Column("province", gettext_lazy("Province"), aliases=("provincia",)),
)
COLUMNS = (
    *PERSON_COLUMNS,
    *PROFILE_COLUMNS,
    ACTIVITY_COLUMN,
    Column(
        "registered_on",
        gettext_lazy("Registered on"),
        aliases=("data di iscrizione", "iscritto il", "data iscrizione"),
    ),
)
EXAMPLE = (
    (
        "",
        "anna.rossi@example.org",
        "333 123 4567",
        "Anna",
        "Rossi",
        "1990",
        "Cremona",
        "CR",
        "",
        "",
    ),
)


def import_participants(data: bytes, filename: str, *, by, dry_run: bool) -> ImportReport:
    """Read the file and apply it, all or nothing; `SpreadsheetError` when unreadable."""
    rows = read_rows(data, filename, COLUMNS)
    return apply_rows(rows, lambda row: _apply(row, by=by), columns=COLUMNS, dry_run=dry_run)


def _profile(row: Row) -> dict:
    profile = {c.key: row.get(c.key) for c in PROFILE_COLUMNS if row.get(c.key)}
    if "birth_year" in profile:
        year = profile["birth_year"]
        if not (year.isdigit() and len(year) == 4):
            raise RowError(_("write the year with four digits, e.g. 1980."), "birth_year")
        profile["birth_year"] = int(year)
    if "province" in profile and len(profile["province"]) != 2:
        raise RowError(_("write the province's two-letter code, e.g. CR."), "province")
    return profile


def _apply(row: Row, *, by) -> str | None:
    profile = _profile(row)
    participant = find_participant(row)
    activity = find_activity(row, required=False)
    day = parse_date(row.get("registered_on"), column="registered_on")
    done = []
    if participant is None:
        if not profile.get("first_name"):
            raise RowError(_("a new person needs a first name."), "first_name")
        try:
            participant = services.find_or_create_participant(
                email=row.get("email"), phone=row.get("phone"), **profile
            )
        except services.RegistrationError as error:
            raise RowError(error.message, "phone") from error
        done.append(_("new person %(name)s (number %(number)s)") % _who(participant))
    if activity is None:
        return "; ".join(done) or None
    if Registration.objects.filter(
        participant=participant, activity=activity, status__in=ACTIVE_STATUSES
    ).exists():
        return "; ".join(done) or None
    answers = {k: v for k, v in profile.items() if not getattr(participant, k)}
    if not services.consent_is_current(participant):
        answers["consent"] = True  # the person signed the paper form the file comes from
    at = local_datetime(day, datetime.time(12)) if day else None
    if at is not None and at > timezone.now():
        raise RowError(_("the registration date is in the future."), "registered_on")
    try:
        registration = services.register(
            participant=participant,
            activity=activity,
            by=by,
            answers=answers,
            staff=True,
            at=at,
            notify=False,
        )
    except services.RegistrationError as error:
        raise RowError(error.message) from error
    done.append(
        _("%(name)s (number %(number)s) registered in “%(activity)s”: %(status)s")
        % {
            **_who(participant),
            "activity": activity.title,
            "status": registration.get_status_display(),
        }
    )
    return "; ".join(done)


def _who(participant: Participant) -> dict:
    return {"name": str(participant), "number": participant.pk}
