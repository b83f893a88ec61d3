"""The two one-date screens of the admin: "Cancel this date" and "Move this date".

Times are typed as people say them (18:00, no seconds) on a date picked apart; the
forms only read what was typed, and `activities.scheduling` decides and writes.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput, AdminTimeInput

from activities.models import Session
from core.dates import local, local_datetime, validate_sane_date

TIME_FORMAT = "%H:%M"
NOTE_MAX_LENGTH = Session._meta.get_field("note").max_length


class CancelSessionForm(forms.Form):
    note = forms.CharField(
        label=_("Reason (shown to everyone)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        help_text=_(
            "For example: “Closed for the holidays”. The people with a seat are told, "
            "with this reason."
        ),
    )


class MoveSessionForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=AdminDateInput, validators=[validate_sane_date])
    start_time = forms.TimeField(
        label=_("Start time"),
        widget=AdminTimeInput(format=TIME_FORMAT),
        input_formats=[TIME_FORMAT],
        help_text=_("As 18:00"),
    )
    end_time = forms.TimeField(
        label=_("End time"),
        widget=AdminTimeInput(format=TIME_FORMAT),
        input_formats=[TIME_FORMAT],
        help_text=_("As 19:30"),
    )
    note = forms.CharField(
        label=_("Public note"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        help_text=_("Shown to everyone, e.g. “Moved to Wednesday this week”."),
    )

    @classmethod
    def initial_for(cls, session: Session) -> dict:
        start, end = local(session.start), local(session.end)
        return {
            "day": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "note": session.note,
        }

    def clean(self):
        cleaned = super().clean()
        start_time, end_time = cleaned.get("start_time"), cleaned.get("end_time")
        if start_time and end_time and end_time <= start_time:
            raise ValidationError({"end_time": _("A session must end after it starts.")})
        return cleaned

    def times(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The new start and end, in Rome time, once the form is valid."""
        day = self.cleaned_data["day"]
        return (
            local_datetime(day, self.cleaned_data["start_time"]),
            local_datetime(day, self.cleaned_data["end_time"]),
        )
