"""The editor form of our page types: a hand-made POST gets form errors, never a 500.

Wagtail reads a StreamField from numbered keys (``body-count``, ``body-0-type``...) and
raises KeyError or ValueError when they are missing or not numbers; its chooser widgets
look the submitted value up again to show the form, so ``location=x`` fails while the
form with its "not a valid choice" error is drawn. Browsers never send either; scripts
and truncated requests do.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.blocks.base import BlockField

from core.id_fields import read_choices_as_ids


class RefusedChoicesShownEmpty:
    """Record choices read their ids before any query (`core.id_fields`); after validation,
    an invalid choice is not looked up again to draw the form (Wagtail's choosers would fail
    on it): the field is shown empty, with its error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        read_choices_as_ids(self)

    def full_clean(self):
        super().full_clean()
        refused = [
            name
            for name in self.errors
            if isinstance(self.fields.get(name), forms.ModelChoiceField)
        ]
        if refused:
            self.data = self.data.copy()
            for name in refused:
                self.data.pop(self.add_prefix(name), None)


class AdminModelForm(RefusedChoicesShownEmpty, WagtailAdminModelForm):
    """For our snippets' editors."""


class PageForm(RefusedChoicesShownEmpty, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unreadable = self._drop_unreadable_blocks() if self.is_bound else []

    def _drop_unreadable_blocks(self) -> list[str]:
        """Names of block fields whose data cannot be read; their keys are replaced by an
        empty stream so that the form can be shown again with the error."""
        unreadable = []
        for name, field in self.fields.items():
            if not isinstance(field, BlockField):
                continue
            prefix = self.add_prefix(name)
            try:
                field.widget.value_from_datadict(self.data, self.files, prefix)
            except (KeyError, ValueError, TypeError, IndexError):
                unreadable.append(name)
        if unreadable:
            self.data = self.data.copy()
            for name in unreadable:
                prefix = self.add_prefix(name)
                for key in [k for k in self.data if k.startswith(f"{prefix}-")]:
                    del self.data[key]
                self.data[f"{prefix}-count"] = "0"
        return unreadable

    def clean(self):
        cleaned = super().clean()
        for name in self.unreadable:
            self.add_error(
                name, _("This content arrived incomplete: reload the page and write it again.")
            )
        return cleaned
