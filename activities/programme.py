"""The programme: upcoming sessions of every published activity, filtered.

The programme page and the programme feed both read sessions through
`ProgrammeFilter`, so a filter means the same thing everywhere.
"""

import datetime
from collections import OrderedDict

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.models import ActivityKind, Audience, Location, Organisation, Session
from core.dates import validate_sane_date

# The list shows one week at a time (a phone never receives four weeks of a busy programme
# at once); "Next week" moves on, keeping the filters and the visitor's end date.
PAGE_DAYS = 7
MAX_WINDOW_DAYS = 400


def audience_choices() -> list[tuple[str, str]]:
    """The audience filter's options, each saying one thing.

    "Everyone" is both "no filter" and the audience of activities open to all: the filter
    calls the first "Any audience" and the second "Open to everyone", so no word appears
    twice with two meanings.
    """
    labels = {Audience.EVERYONE: pgettext_lazy("audience filter", "Open to everyone")}
    return [("", pgettext_lazy("audience filter", "Any audience"))] + [
        (value, labels.get(value, label)) for value, label in Audience.choices
    ]


class ProgrammeFilter(forms.Form):
    """Query-string filters. Invalid values give form errors, never an exception."""

    kind = forms.ChoiceField(
        label=_("What"),
        required=False,
        choices=[("", _("Everything"))] + list(ActivityKind.choices),
    )
    audience = forms.ChoiceField(
        label=_("For whom"), required=False, choices=lambda: audience_choices()
    )
    location = forms.ModelChoiceField(
        label=_("Where"),
        required=False,
        queryset=Location.objects.all(),
        empty_label=_("Anywhere"),
        to_field_name="pk",
    )
    organiser = forms.ModelChoiceField(
        label=_("Organiser"),
        required=False,
        queryset=Organisation.objects.all(),
        empty_label=_("Any organiser"),
        to_field_name="slug",
    )
    date_from = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        validators=[validate_sane_date],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("date range", "To"),
        required=False,
        validators=[validate_sane_date],
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end:
            if end < start:
                self.add_error("date_to", _("The end date comes before the start date."))
            elif (end - start).days > MAX_WINDOW_DAYS:
                self.add_error(
                    "date_to",
                    _("Choose a period of at most %(days)s days.") % {"days": MAX_WINDOW_DAYS},
                )
        return cleaned

    def window(self, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
        """First and last day asked for: from today for a week unless the visitor chose.

        A list shows at most `PAGE_DAYS` of it at a time (`page_of`)."""
        today = today or timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        end = data.get("date_to")
        first = data.get("date_from") or (end if end and end < today else today)
        last = end or first + datetime.timedelta(days=PAGE_DAYS - 1)
        return first, last

    def sessions(self, first: datetime.date, last: datetime.date):
        """Sessions of published activities between two local dates, in order.

        One query whatever the volume: activity, location and organiser are joined.
        No seat counts: pages that show them add them (`registrations.seats.with_seats_taken`).
        """
        qs = self.filter(Session.objects.published().starting_between(first, last))
        return qs.select_related("activity", "activity__location", "activity__organiser").order_by(
            "start", "activity__title"
        )

    def filter(self, qs):
        """`qs` (sessions) narrowed to the chosen kind, audience, place and organiser."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("kind"):
            qs = qs.filter(activity__kind=data["kind"])
        if data.get("audience"):
            qs = qs.filter(activity__audience=data["audience"])
        if data.get("location"):
            qs = qs.filter(activity__location=data["location"])
        if data.get("organiser"):
            qs = qs.filter(activity__organiser=data["organiser"])
        return qs

    @property
    def active(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.get(name) for name in self.fields)


def page_of(first: datetime.date, last: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The days of a window the list shows at once: its first `PAGE_DAYS` days at most."""
    return first, min(last, first + datetime.timedelta(days=PAGE_DAYS - 1))


def group_by_day(sessions) -> "OrderedDict[datetime.date, list[Session]]":
    days: OrderedDict[datetime.date, list[Session]] = OrderedDict()
    for session in sessions:
        days.setdefault(timezone.localtime(session.start).date(), []).append(session)
    return days
