"""Form fields shared by every form where people type how to reach someone."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.messaging.phones import normalise_phone, readable_phone


class PhoneField(forms.CharField):
    """A phone number as typed ("333 123 4567", "+39 02 1234567"), cleaned to E.164.

    A number without a country code is read as a number of `PHONE_DEFAULT_REGION`
    (Italy). Shown back in the international format, so a person recognises it.
    """

    widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"})

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Phone"))
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalise_phone(super().to_python(value))

    def prepare_value(self, value):
        return readable_phone(value) if isinstance(value, str) else value
