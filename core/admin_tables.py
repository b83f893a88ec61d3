"""Listing columns for our admin viewsets.

Wagtail gives a listing's first column a link and the row's buttons (edit, inspect,
"more") only when `list_display` names it by a string. `RowTitleColumn` gives the same
to a column that needs its own label or accessor; its index view takes
`RowButtonsIndexMixin`, which hands the column the view whose buttons it shows.
"""

import copy

from django.utils.functional import cached_property
from wagtail.admin.ui.tables import ButtonsColumnMixin, TitleColumn


class RowTitleColumn(ButtonsColumnMixin, TitleColumn):
    """A link to the row (`get_url`) with the listing view's buttons for it."""

    view = None

    def get_buttons(self, instance, parent_context):
        return self.view.get_list_buttons(instance) if self.view is not None else []


class RowButtonsIndexMixin:
    """For an `IndexView` whose `list_display` holds a `RowTitleColumn`."""

    @cached_property
    def columns(self):
        columns = []
        for column in super().columns:
            if isinstance(column, RowTitleColumn):
                # The viewset's column is shared by every request: this one gets a copy.
                column = copy.copy(column)
                column.view = self
            columns.append(column)
        return columns
