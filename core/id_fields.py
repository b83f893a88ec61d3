"""Choice fields over records named by id, which refuse an id no database key can hold.

Django's model choice fields accept any value the key's `int()` accepts, then ask the
database for it: a value of 20 digits or more breaks that query (OverflowError on SQLite,
DataError on PostgreSQL) and the page answers 500 instead of showing a form error.
Reading each value with `core.http.parse_id` first turns it into the field's usual error
before any query. For records keyed by an integer id only.
"""

from django.core.exceptions import ValidationError

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
