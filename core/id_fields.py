"""Choice fields over records named by id, which refuse an id no database key can hold.

Django's model choice fields accept any value the key's `int()` accepts, then ask the
database for it: a value of 20 digits or more breaks that query (OverflowError on SQLite,
DataError on PostgreSQL) and the page answers 500 instead of showing a form error.
Reading each value with `core.http.parse_id` first turns it into the field's usual error
before any query. For records keyed by an integer id only.
"""

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from core.http import parse_id


def _is_null_choice(field, value) -> bool:
    """django-filter's "no record" choice (`null_label`), which is not an id."""
    return getattr(field, "null_label", None) is not None and value == field.null_value


class IdChoiceMixin:
    """For a `ModelChoiceField`: a value that is not an id is an invalid choice."""

    def to_python(self, value):
        if (
            isinstance(value, str)
            and value not in self.empty_values
            and parse_id(value) is None
            and not _is_null_choice(self, value)
        ):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdChoicesMixin:
    """For a `ModelMultipleChoiceField`: a value that is not an id is an invalid value."""

    def _check_values(self, value):
        for pk in value:
            if parse_id(pk) is None and not _is_null_choice(self, pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


@functools.cache
def _with_id_check(field_class: type, mixin: type) -> type:
    return type(f"Id{field_class.__name__}", (mixin, field_class), {})


def _keyed_by_integer_id(field) -> bool:
    return not getattr(field, "to_field_name", None) and isinstance(
        field.queryset.model._meta.pk, models.IntegerField | models.AutoField
    )


def read_choices_as_ids(form) -> None:
    """Give every record choice of `form` the id check above.

    A form's fields are its own copies, so each field's class is swapped for a subclass with
    the check; fields that already have it, or whose records are not keyed by an integer
    id, are left as they are. Editor forms whose fields Wagtail builds from the model (page
    and snippet editors) call it, so no field has to be declared by hand.
    """
    for field in form.fields.values():
        if isinstance(field, forms.ModelMultipleChoiceField):
            mixin = IdChoicesMixin
        elif isinstance(field, forms.ModelChoiceField):
            mixin = IdChoiceMixin
        else:
            continue
        if not isinstance(field, mixin) and _keyed_by_integer_id(field):
            field.__class__ = _with_id_check(type(field), mixin)
