"""“Messages to participants” in the admin: who wrote, when, about what, to how many.

Batches are written by `registrations.broadcast` only: listed and shown, never edited.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from core.admin_history import HistoryView
from core.admin_tables import RowButtonsIndexMixin, RowTitleColumn
from core.messaging.models import Batch


def sender_name(batch: Batch) -> str:
    user = batch.sent_by
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


class BatchIndexView(RowButtonsIndexMixin, IndexView):
    pass


class BatchViewSet(ModelViewSet):
    model = Batch
    # A log, not content: no usage to track, and no reference-index task for every
    # message written.
    add_to_reference_index = False
    index_view_class = BatchIndexView
    history_view_class = HistoryView
    icon = "group"
    menu_label = _("Messages to participants")
    inspect_view_enabled = True
    # Required by ModelViewSet; never used: the read-only policy refuses add and edit.
    form_fields = ["about"]
    ordering = ["-created_at"]
    list_display = [
        RowTitleColumn(
            "about",
            label=_("About"),
            get_url=lambda batch: reverse("message_batches:inspect", args=[batch.pk]),
        ),
        Column("sent_by", label=_("Sent by"), accessor=lambda batch: sender_name(batch)),
        DateColumn("created_at", label=_("Sent at")),
        Column("recipients", label=_("People reached")),
        Column("unreachable", label=_("People not reachable")),
    ]
    inspect_view_fields = ["about", "text", "sent_by", "created_at", "recipients", "unreachable"]

    def get_queryset(self, request):
        return Batch.objects.select_related("sent_by")
