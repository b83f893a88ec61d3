"""Who a spreadsheet row is about, and which activity: the matching rules of every import.

A person is found by participant number (the record's id, "N. partecipante"), else by
e-mail (any case, the oldest record not erased, as `find_or_create_participant`), else by
phone (stored as E.164, so "333 123 4567" finds "+393331234567"), never by name: two
people may share one. The same columns serve every import (`PERSON_COLUMNS`).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities.models import ActivityPage
from core.http import parse_id
from core.imports import Column, Row, RowError
from core.messaging.phones import normalise_phone
from registrations.models import Participant

PERSON_COLUMNS = (
    Column(
        "participant_number",
        gettext_lazy("Participant number"),
        aliases=("n. partecipante", "numero partecipante", "participant id", "id"),
    ),
    Column("email", gettext_lazy("E-mail"), aliases=("email", "e-mail", "posta elettronica")),
    Column("phone", gettext_lazy("Phone"), aliases=("telefono", "cellulare")),
)
ACTIVITY_COLUMN = Column(
    "activity", gettext_lazy("Activity"), aliases=("attività", "edizione", "edition", "activity id")
)


def phone_of(row: Row) -> str:
    """The row's phone as stored (E.164), "" when empty; `RowError` when not a number."""
    try:
        return normalise_phone(row.get("phone"))
    except ValidationError:
        raise RowError(
            _("“%(value)s” is not a phone number, e.g. 333 123 4567.")
            % {"value": row.get("phone")},
            "phone",
        ) from None


def find_participant(row: Row) -> Participant | None:
    """The person the row is about, or None when nobody matches (the caller decides)."""
    if row.get("participant_number"):
        number = parse_id(row.get("participant_number"))
        found = (
            Participant.objects.filter(pk=number, anonymised_at__isnull=True).first()
            if number is not None
            else None
        )
        if found is None:
            raise RowError(
                _("no participant has the number %(value)s.")
                % {"value": row.get("participant_number")},
                "participant_number",
            )
        return found
    email = row.get("email")
    if email:
        found = Participant.objects.with_email(email).first()
        if found is not None:
            return found
    phone = phone_of(row)
    if phone:
        # A record with another e-mail address is another person sharing the phone.
        candidates = Participant.objects.filter(phone=phone, anonymised_at__isnull=True)
        if email:  # the same address would have matched above
            candidates = candidates.filter(email="")
        found = list(candidates.order_by("pk")[:2])
        if len(found) > 1 and not email:
            raise RowError(
                _("several participants have this phone: add the participant number."), "phone"
            )
        if found:
            return found[0]
    if not (email or phone):
        raise RowError(_("give the participant number, the e-mail or the phone."))
    return None


def existing_participant(row: Row) -> Participant:
    """The person the row is about, who must already be known (follow-up records)."""
    found = find_participant(row)
    if found is None:
        column = "email" if row.get("email") else "phone"
        raise RowError(
            _("nobody is known by this e-mail or phone: import the participants first."), column
        )
    return found


def find_activity(row: Row, *, required: bool = True) -> ActivityPage | None:
    """The activity named by its number (id) or by its exact title (any case)."""
    value = row.get("activity")
    if not value:
        if required:
            raise RowError(_("say which activity (its number or its title)."), "activity")
        return None
    number = parse_id(value)
    if number is not None:
        found = ActivityPage.objects.filter(pk=number).first()
    else:
        matches = list(ActivityPage.objects.filter(title__iexact=value.strip())[:2])
        if len(matches) > 1:
            raise RowError(
                _("several activities are called “%(value)s”: use the activity's number.")
                % {"value": value},
                "activity",
            )
        found = matches[0] if matches else None
    if found is None:
        raise RowError(_("no activity “%(value)s”.") % {"value": value}, "activity")
    return found.specific
