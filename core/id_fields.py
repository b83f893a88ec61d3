"""Choice fields over records named by id, which refuse an id no database key can hold.

Django's `ModelMultipleChoiceField` accepts any value the key's `int()` accepts, then asks
the database for all of them at once: a value of 20 digits or more breaks that query
(OverflowError on SQLite, DataError on PostgreSQL) and the page answers 500 instead of
showing a form error. Reading each value with `core.http.parse_id` first turns it into the
field's usual "not a valid value" error before any query.
"""

from django.core.exceptions import ValidationError

from core.http import parse_id


class IdChoicesMixin:
    """For a `ModelMultipleChoiceField` whose records are keyed by an integer id."""

    def _check_values(self, value):
        for pk in value:
            if parse_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
