"""The public "Talk to us" form: only what the desk needs to reach the person, nothing more
(a name they choose, a phone or an e-mail, what they would like, when, an optional line) and
consent to the privacy notice. The honeypot that robots fill is not a field here: the template
writes it and `appointments.guards` reads it."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from appointments.models import ContactRequest, ContactWay, ReachableWhen
from core.messaging.forms import PhoneField
from core.privacy import periods as retention_periods

NEED_MAX_LENGTH = ContactRequest._meta.get_field("need").max_length


class ContactRequestForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=ContactRequest._meta.get_field("name").max_length,
        help_text=_("A first name, or any name you like."),
        error_messages={"required": _("Tell us what to call you: a first name is enough.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    phone = PhoneField(
        label=_("Phone"),
        help_text=_("A phone number or an e-mail address: one of the two is enough."),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=ContactRequest._meta.get_field("email").max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    way = forms.ChoiceField(
        label=_("What would you like?"),
        choices=ContactWay.choices,
        initial=ContactWay.CALL_BACK,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you would like.")},
    )
    reachable = forms.ChoiceField(
        label=_("When can we reach you?"),
        choices=ReachableWhen.choices,
        initial=ReachableWhen.ANY_TIME,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose when we can reach you.")},
    )
    need = forms.CharField(
        label=_("What do you need?"),
        required=False,
        max_length=NEED_MAX_LENGTH,
        help_text=_("A line is enough; we will talk about the rest."),
        error_messages={
            "max_length": _(
                "Please keep it under %(limit_value)d characters: we will talk about the rest."
            )
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the desk keeps these details to contact me."),
        error_messages={
            "required": _("Tick the box to agree, or call us if you prefer not to leave details.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = privacy_notice()

    def clean(self):
        cleaned = super().clean()
        if not self.errors.get("phone") and not self.errors.get("email"):
            if not cleaned.get("phone") and not cleaned.get("email"):
                raise forms.ValidationError(
                    _("Leave a phone number or an e-mail address, so that we can reach you.")
                )
        return cleaned


def privacy_notice() -> str:
    """The short notice beside the consent box, in plain words: who reads the request, how
    long it is kept, how to withdraw it."""
    days = retention_periods.current().contact_request_days
    return ngettext(
        "Privacy: only the desk's operators and the coordinators read your request. It is "
        "erased after %(days)s day, unless you decide to take part in our activities. You "
        "can withdraw it at any time with the link in the message we send you, or by calling us.",
        "Privacy: only the desk's operators and the coordinators read your request. It is "
        "erased after %(days)s days, unless you decide to take part in our activities. You "
        "can withdraw it at any time with the link in the message we send you, or by calling us.",
        days,
    ) % {"days": days}
