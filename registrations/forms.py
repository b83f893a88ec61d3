"""Forms that ask a person only what an activity needs (see services.questions_for)."""

import re

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from core.messaging.forms import PhoneField
from core.messaging.preferences import preference_errors
from registrations import broadcast, eligibility
from registrations.models import PROFILE_FIELDS, Participant, ReferralSource

PROVINCE_RE = re.compile(r"^[A-Za-z]{2}$")
PROVINCE_MESSAGE = _("Write the province with its two letters, e.g. CR.")


def privacy_url() -> str:
    """The privacy notice: the site's privacy notice page, slug "privacy", under the home
    page (generated from the privacy settings, `core.privacy.notice`)."""
    return "/privacy/"


class ProfileFieldsMixin:
    """The fields a registration may ask, each with a plain-language label and check."""

    def build_field(self, name: str) -> forms.Field:
        if name == "first_name":
            return forms.CharField(
                label=_("First name"),
                max_length=80,
                error_messages={"required": _("Please tell us your first name.")},
            )
        if name == "last_name":
            return forms.CharField(label=_("Last name"), max_length=80, required=False)
        if name == "birth_year":
            return forms.IntegerField(
                label=_("Year of birth"),
                help_text=_("Four digits, e.g. 1980."),
                widget=forms.NumberInput(
                    attrs={"inputmode": "numeric", "autocomplete": "bday-year"}
                ),
                error_messages={
                    "required": _("Please tell us your year of birth."),
                    "invalid": _("Write the year of birth with four digits, e.g. 1980."),
                },
            )
        if name == "municipality":
            return forms.CharField(
                label=_("Municipality where you live"),
                max_length=80,
                error_messages={"required": _("Please tell us where you live.")},
            )
        if name == "province":
            return forms.CharField(
                label=_("Province"),
                max_length=2,
                min_length=2,
                help_text=_("Two letters, e.g. CR or MI."),
                error_messages={"required": _("Please tell us your province.")},
            )
        if name == "referral_source":
            return forms.ChoiceField(
                label=_("How did you hear about us?"),
                choices=ReferralSource.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose one answer.")},
            )
        if name == "phone":
            return PhoneField()
        if name == "email":
            return forms.EmailField(label=_("E-mail"), required=False, max_length=254)
        if name == "consent":
            return forms.BooleanField(
                label=format_html(
                    _(
                        'I have read the <a href="{}">privacy notice</a> and agree '
                        "that the Job Café keeps my details to organise the "
                        "activities."
                    ),
                    privacy_url(),
                ),
                error_messages={"required": _("Please accept the privacy notice to register.")},
            )
        raise KeyError(name)

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        if year is not None and not eligibility.birth_year_is_plausible(year):
            raise forms.ValidationError(
                _("Please check the year of birth: write it with four digits, e.g. 1980.")
            )
        return year

    def clean_province(self):
        """Two letters, upper case; an optional province may stay empty."""
        province = (self.cleaned_data.get("province") or "").strip()
        if province and not PROVINCE_RE.match(province):
            raise forms.ValidationError(PROVINCE_MESSAGE)
        return province.upper()


class RegistrationForm(ProfileFieldsMixin, forms.Form):
    """The resident's registration: only the questions `questions_for` returns."""

    def __init__(self, *args, questions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for name in questions:
            self.fields[name] = self.build_field(name)


class WalkInForm(ProfileFieldsMixin, forms.Form):
    """Staff register a person who phoned or came in: no account needed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in PROFILE_FIELDS:
            self.fields[name] = self.build_field(name)
        for name in ("birth_year", "municipality", "province", "referral_source"):
            self.fields[name].required = False
        self.fields["consent"] = forms.BooleanField(
            label=_("The person has received the privacy notice and agrees."),
            error_messages={
                "required": _(
                    "The person must agree to the privacy notice before we keep their details."
                )
            },
        )

    def clean(self):
        cleaned = super().clean()
        mistyped = "email" in self.errors or "phone" in self.errors
        if not mistyped and not cleaned.get("email") and not cleaned.get("phone"):
            self.add_error(
                "phone",
                _(
                    "Write a phone number or an e-mail address, so that "
                    "we can tell the person about changes."
                ),
            )
        return cleaned


class ContactPreferencesMixin:
    """The contact preferences' own check: SMS needs a number an SMS can reach."""

    def clean(self):
        cleaned = super().clean()
        if "contact_channel" in cleaned and "phone" not in self.errors:
            errors = preference_errors(
                channel=cleaned["contact_channel"], phone=cleaned.get("phone", "")
            )
            for field, message in errors.items():
                self.add_error(field, message)
        return cleaned


class ContactPreferencesForm(ContactPreferencesMixin, forms.ModelForm):
    """The resident's "How we contact you": channel, mobile number, discretion, language."""

    class Meta:
        model = Participant
        fields = ["contact_channel", "phone", "discreet", "language"]  # the phone beside SMS
        field_classes = {"phone": PhoneField}
        widgets = {
            "contact_channel": forms.RadioSelect,
            "language": forms.RadioSelect,
        }
        labels = {
            "contact_channel": _("How should we send you messages?"),
            "phone": _("Mobile number"),
            "discreet": _("Discreet messages"),
            "language": _("Language of the messages"),
        }
        help_texts = {
            "contact_channel": _(
                "We write when you register, the day before each meeting, and when a date "
                "changes or is cancelled."
            ),
            "phone": _("Needed for SMS, e.g. 333 123 4567."),
            "discreet": _(
                "Our messages and calendar entries will say “your meeting” instead of the "
                "activity's name, with no link to its page: only the day, the time and the "
                "place. For example: “Job Café: your Tuesday meeting is moved to Thursday "
                "18:00”. Useful if someone else may read your phone or your e-mail."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language in its own words: "English" is found by who reads English.
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"].capitalize())
            for code, _name in settings.LANGUAGES
        ]


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password


class LoginForm(AllauthLoginForm):
    """allauth's log-in form, saying what it takes (residents know their e-mail, staff their user
    name), without the password's help: that help is a "Forgot your password?" link, which the
    log-in page offers once, under the button."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "login" in self.fields:
            self.fields["login"].label = _("E-mail or user name")
            self.fields["login"].widget.attrs.pop("placeholder", None)
        if "password" in self.fields:
            self.fields["password"].help_text = ""


class BroadcastForm(forms.Form):
    """ "Write to participants": the message, and whether the waiting list hears it too."""

    text = forms.CharField(
        label=_("Message"),
        help_text=_(
            "Short and plain: it reaches people by e-mail or SMS, as each one chose. "
            "Write no one's personal details."
        ),
        # The length is checked by `broadcast.clean_text`, after line breaks are counted
        # as one character each, as the browser counts them.
        widget=forms.Textarea(
            attrs={"rows": 5, "maxlength": broadcast.MAX_LENGTH, "data-char-count": "text-count"}
        ),
        error_messages={"required": broadcast.MESSAGES["empty"]},
    )
    include_waitlist = forms.BooleanField(
        label=_("Also people on the waiting list"), required=False
    )

    class Media:
        js = ["registrations/char_count.js"]

    def clean_text(self):
        try:
            return broadcast.clean_text(self.cleaned_data["text"])
        except broadcast.BroadcastError as error:
            raise forms.ValidationError(error.message) from None
