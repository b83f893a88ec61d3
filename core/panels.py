"""An `InlinePanel` whose formset answers a tampered submission with a form error.

django-modelcluster's child formset reads the id of each form the management data calls
"initial" straight from the POST: when INITIAL_FORMS counts more forms than were sent, or
a form's id is not a number, the page editor answered 500 (KeyError, ValidationError).
Django's own model formsets treat a missing id as tampering; this formset does the same
with any id that is not a `core.http.parse_id` id, and the whole form is refused with
Django's "ManagementForm data is missing or has been tampered with" message.
"""

from django.core.exceptions import ValidationError
from django.forms.models import BaseModelFormSet
from modelcluster.forms import BaseChildFormSet
from wagtail.admin import panels

from core.http import parse_id


class ChildFormSet(BaseChildFormSet):
    def _construct_form(self, i, **kwargs):
        if self.is_bound and i < self.initial_form_count():
            key = f"{self.add_prefix(i)}-{self.model._meta.pk.name}"
            pk = self.data.get(key)
            if pk != "" and parse_id(pk) is None:
                self.tampered_keys = [*getattr(self, "tampered_keys", []), key]
                # A blank form in its place; modelcluster's own code would read the id.
                kwargs["instance"] = self.model()
                return super(BaseModelFormSet, self)._construct_form(i, **kwargs)
        return super()._construct_form(i, **kwargs)

    def clean(self):
        super().clean()
        if getattr(self, "tampered_keys", None):
            raise ValidationError(
                self.error_messages["missing_management_form"],
                code="missing_management_form",
                params={"field_names": ", ".join(self.tampered_keys)},
            )


class InlinePanel(panels.InlinePanel):
    """Wagtail's `InlinePanel`, its child formset built on `ChildFormSet`."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = ChildFormSet
        return options
