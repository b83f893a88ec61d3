"""Forms of the facilitator's screens and the participant's sign-in. They validate input only;
the services in attendance.services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from attendance.models import AttendanceStatus
from core.dates import validate_sane_date
from core.messaging.forms import PhoneField

NOTE_MAX_LENGTH = 2000


def mark_field_name(participant_id: int) -> str:
    return f"mark-{participant_id}"


class RollCallForm(forms.Form):
    """One radio group per confirmed participant, plus the session note."""

    note = forms.CharField(
        label=_("Session note (e.g. topic covered)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, participants, marks, note="", **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = participants
        self.fields["note"].initial = note
        for participant in participants:
            name = mark_field_name(participant.pk)
            self.fields[name] = forms.ChoiceField(
                label=str(participant),
                choices=AttendanceStatus.choices,
                required=False,
                widget=forms.RadioSelect,
            )
            current = marks.get(participant.pk)
            if current is not None:
                self.fields[name].initial = current.status

    def marks(self) -> dict[int, str]:
        """Only the participants who got a mark: an empty row records nothing."""
        result = {}
        for participant in self.participants:
            value = self.cleaned_data.get(mark_field_name(participant.pk))
            if value:
                result[participant.pk] = value
        return result

    def rows(self):
        for participant in self.participants:
            yield participant, self[mark_field_name(participant.pk)]


class WalkInSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), min_length=2, max_length=80)


class NewWalkInForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name (optional)"), max_length=80, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    phone = PhoneField()
    consent = forms.BooleanField(
        label=_(
            "The person has read the privacy notice and agrees to their data being kept "
            "for the project."
        ),
        required=True,
    )

    def clean(self):
        cleaned = super().clean()
        mistyped = "email" in self.errors or "phone" in self.errors
        if not mistyped and not cleaned.get("email") and not cleaned.get("phone"):
            raise forms.ValidationError(_("Enter an e-mail address or a phone number."))
        return cleaned


class SignInForm(forms.Form):
    code = forms.CharField(
        label=_("Code shown by the facilitator"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
                "class": "att-code-input",
            }
        ),
        help_text=_("6 letters and numbers, e.g. K7RM3Q."),
    )


class CounsellingForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        required=False,
        validators=[validate_sane_date],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    counsellor = forms.CharField(label=_("Counsellor"), max_length=120, required=False)
    done = forms.BooleanField(label=_("Done"), required=False)
