"""History views for our admin viewsets, whose "User" filter refuses impossible ids.

Wagtail's history view filters its entries by user with a multiple choice of user ids
that reaches the database with whatever number it is given (see `core.id_fields`). Every
`ModelViewSet` of ours sets `history_view_class = HistoryView`, every `SnippetViewSet`
`history_view_class = SnippetHistoryView`.
"""

from django.forms import CheckboxSelectMultiple
from wagtail.admin.filters import MultipleUserFilter, UserModelMultipleChoiceField
from wagtail.admin.views.generic import history
from wagtail.snippets.views import snippets

from core.id_fields import IdChoicesMixin


class UserIdsField(IdChoicesMixin, UserModelMultipleChoiceField):
    pass


class UserIdsFilter(MultipleUserFilter):
    field_class = UserIdsField


class HistoryFilterSet(history.HistoryFilterSet):
    """Wagtail's history filters (action, user, date), the user filter reading ids first."""

    user = UserIdsFilter(
        label=history.HistoryFilterSet.base_filters["user"].label,
        widget=CheckboxSelectMultiple,
        # queryset is set in HistoryFilterSet.__init__(): the users of the entries shown
    )


class HistoryView(history.HistoryView):
    filterset_class = HistoryFilterSet


class SnippetHistoryView(snippets.HistoryView):
    filterset_class = HistoryFilterSet
