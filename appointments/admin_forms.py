"""The desk's admin forms: an availability, a choice of slot, the notes of a request, making
a participant, booking for someone. They validate what people type; the services decide.
Every record choice reads its id first (`core.id_fields`), so a tampered value is a form
error, never a 500."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.widgets import AdminDateInput, AdminTimeInput

from activities.forms import AdminModelForm
from activities.models import ActivityKind, ActivityPage
from activities.models.activity import RegistrationMode
from appointments import permissions
from appointments.models import AppointmentKind, Availability, ContactRequest, Mode
from appointments.requests import waiting
from core.dates import session_when
from core.http import parse_id
from core.id_fields import IdChoiceMixin
from groups.widgets import RecurrenceWidget


def slot_label(slot) -> str:
    """ "mar 15 dic 2026, 09:00–09:45 · Anna Neri · In person, Sala 1"."""
    availability = slot.availability
    host = availability.host.get_full_name() or availability.host.get_username()
    how = availability.get_mode_display()
    if availability.mode == Mode.IN_PERSON and availability.location_id:
        how = f"{how}, {availability.location.name}"
    return f"{session_when(slot)} · {host} · {how}"


class SlotChoiceField(forms.ModelChoiceField):
    """Shows the free times (`queryset`) but accepts any time of `accepted`: a time someone
    took meanwhile then reaches the booking service, which says so and offers the nearest
    free ones. A value that is not an id is an invalid choice before any query."""

    accepted = None

    def label_from_instance(self, obj):
        return slot_label(obj)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        pk = parse_id(value)
        slot = (self.accepted if self.accepted is not None else self.queryset).filter(pk=pk)
        if pk is None or not slot.exists():
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return slot.get()


class SlotForm(forms.Form):
    """One slot out of those offered (radio buttons: a thumb on a phone reaches them)."""

    slot = SlotChoiceField(
        label=pgettext_lazy("appointment", "Time"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose a time."),
            "invalid_choice": _("This time is not offered here: choose one of the list."),
        },
    )

    def __init__(self, *args, slots, accepted=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots
        self.fields["slot"].accepted = accepted


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes (staff only)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ActivityChoiceField(IdChoiceMixin, forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.public_title


def registrable_activities():
    """Groups and course editions that take registrations, whether open now or not (staff
    register people on the desk's behalf)."""
    return (
        ActivityPage.objects.live()
        .filter(kind__in=[ActivityKind.GROUP, ActivityKind.COURSE])
        .exclude(registration_mode=RegistrationMode.NONE)
        .order_by("title")
    )


class ParticipantForm(forms.Form):
    """The person agreed to take part: their name, and optionally an activity."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=80,
        error_messages={"required": _("Write the person's first name.")},
    )
    last_name = forms.CharField(label=_("Last name"), max_length=80, required=False)
    activity = ActivityChoiceField(
        label=_("Register for"),
        queryset=ActivityPage.objects.none(),
        required=False,
        empty_label=_("No activity for now"),
        help_text=_("A group or a course edition; staff may register outside the window."),
    )
    consent = forms.BooleanField(
        label=_("The person agreed to the privacy notice"),
        error_messages={"required": _("Read the privacy notice to the person and tick here.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = registrable_activities()


class PersonChoiceField(IdChoiceMixin, forms.ModelChoiceField):
    """A participant or a request, named as the desk knows them."""

    def label_from_instance(self, obj):
        if isinstance(obj, ContactRequest):
            return f"{obj.name} · {obj}"
        return f"{obj} · {obj.email or obj.phone}"


class BookForSomeoneForm(forms.Form):
    """Who the chosen slot is for: a participant, or (for a first interview) a request."""

    participant = PersonChoiceField(label=_("Participant"), queryset=None, required=False)
    request = PersonChoiceField(label=_("Contact request"), queryset=None, required=False)

    def __init__(self, *args, user, slot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = permissions.bookable_people(user, slot).order_by(
            "last_name", "first_name", "pk"
        )
        if slot.availability.kind == AppointmentKind.FIRST_INTERVIEW:
            self.fields["request"].queryset = waiting(permissions.visible_requests(user))
        else:
            del self.fields["request"]

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(name) for name in ("participant", "request") if name in self.fields]
        if not self.errors and sum(1 for value in chosen if value) != 1:
            raise forms.ValidationError(_("Choose one person: a participant or a request."))
        return cleaned


class AvailabilityForm(AdminModelForm):
    """Time offered for appointments; the model's `clean` says what makes sense."""

    class Meta:
        model = Availability
        fields = [
            "kind",
            "edition",
            "host",
            "mode",
            "location",
            "first_day",
            "recurrences",
            "until",
            "start_time",
            "end_time",
            "slot_minutes",
        ]
        widgets = {
            "first_day": AdminDateInput,
            "until": AdminDateInput,
            "start_time": AdminTimeInput,
            "end_time": AdminTimeInput,
            "recurrences": RecurrenceWidget,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = ActivityPage.objects.filter(
            kind=ActivityKind.COURSE
        ).order_by("title")
        self.fields["edition"].label_from_instance = lambda page: page.public_title
        self.fields["host"].queryset = permissions.possible_hosts()
        self.fields["host"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )
