"""The form of Privacy → Privacy and retention."""

from django import forms
from django.core.validators import MinValueValidator
from wagtail.admin.forms import WagtailAdminModelForm


class PrivacySettingsForm(WagtailAdminModelForm):
    """The periods are checked by the model's own validators, whose messages say why a period
    must be at least 1 (zero would erase data as soon as it is written) and at most ten years.
    The form's own "at least 0" (a positive integer field's) is taken off, so a negative period
    gets the same clear message as zero rather than a generic one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField):
                field.validators = [
                    v for v in field.validators if not isinstance(v, MinValueValidator)
                ]
                field.widget.attrs["min"] = 1
