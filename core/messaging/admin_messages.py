"""The messages log in the admin: every e-mail and SMS, its status and its attempts.

Messages are records only `core.messaging.services` writes: the log lists and shows them
(no add, edit or delete; see `MessagingConfig.ready`), counts what is waiting and what
failed, and offers "Send again" on a failed one (POST only, `services.retry`).
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from core.admin_history import HistoryView
from core.admin_tables import RowButtonsIndexMixin, RowTitleColumn
from core.messaging import services
from core.messaging.kinds import label
from core.messaging.models import PENDING_STATUSES, Channel, Message, MessageStatus
from core.messaging.permissions import can_send_again


def kind_choices():
    kinds = Message.objects.order_by("kind").values_list("kind", flat=True).distinct()
    return [(kind, label(kind)) for kind in kinds]


class MessageFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=MessageStatus.choices
    )
    channel = django_filters.ChoiceFilter(label=gettext_lazy("Channel"), choices=Channel.choices)
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=kind_choices)
    created_at = django_filters.DateFromToRangeFilter(
        field_name="created_at__date", label=gettext_lazy("Queued on"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Message
        fields = ["status", "channel", "kind", "created_at"]


class MessageIndexView(RowButtonsIndexMixin, IndexView):
    """The log, with how many messages are waiting and how many failed, at the top."""

    template_name = "messaging/admin/message_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["waiting_count"] = Message.objects.filter(status__in=PENDING_STATUSES).count()
        context["failed_count"] = Message.objects.filter(status=MessageStatus.FAILED).count()
        context["failed_url"] = f"{reverse('message_log:index')}?status={MessageStatus.FAILED}"
        return context

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.status == MessageStatus.FAILED and can_send_again(self.request.user):
            buttons.insert(
                0,
                ListingButton(
                    _("Send again…"),
                    url=reverse("message_log:inspect", args=[instance.pk]) + "#send-again",
                    icon_name="redirect",
                    priority=5,
                ),
            )
        return buttons


class MessageInspectView(InspectView):
    """One message as it was written, and "Send again" when it failed."""

    template_name = "messaging/admin/message_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_send_again"] = self.object.status == MessageStatus.FAILED and can_send_again(
            self.request.user
        )
        return context


class SendAgainView(View):
    """POST only: one more round of attempts for a failed message."""

    http_method_names = ["post"]

    def post(self, request, pk):
        if not can_send_again(request.user):
            raise PermissionDenied
        message = get_object_or_404(Message, pk=pk)
        if message.status != MessageStatus.FAILED:
            messages.error(request, _("Only a failed message can be sent again."))
        else:
            services.retry(message)
            messages.success(request, _("The message will be sent again."))
        return redirect("message_log:inspect", message.pk)


class MessageViewSet(ModelViewSet):
    model = Message
    # A log, not content: no usage to track, and no reference-index task for every
    # message written.
    add_to_reference_index = False
    history_view_class = HistoryView
    index_view_class = MessageIndexView
    inspect_view_class = MessageInspectView
    icon = "mail"
    menu_label = gettext_lazy("Messages")
    inspect_view_enabled = True
    filterset_class = MessageFilterSet
    # Required by ModelViewSet; never used: the read-only policy refuses add and edit.
    form_fields = ["status"]
    ordering = ["-created_at", "-pk"]
    list_display = [
        RowTitleColumn(
            "recipient",
            label=gettext_lazy("Person"),
            get_url=lambda message: reverse("message_log:inspect", args=[message.pk]),
        ),
        Column("kind", label=gettext_lazy("Kind"), accessor="get_kind_display"),
        Column("channel", label=gettext_lazy("Channel"), accessor="get_channel_display"),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        Column("attempts", label=gettext_lazy("Attempts")),
        Column("last_error", label=gettext_lazy("Last error")),
        DateColumn("created_at", label=gettext_lazy("Queued at")),
        DateColumn("sent_at", label=gettext_lazy("Sent at")),
    ]
    inspect_view_fields = [
        "recipient",
        "kind",
        "channel",
        "address",
        "status",
        "subject",
        "text",
        "batch",
        "attempts",
        "last_error",
        "next_attempt_at",
        "created_at",
        "sent_at",
    ]

    def get_queryset(self, request):
        return Message.objects.select_related("recipient_type").prefetch_related("recipient")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/send-again/", SendAgainView.as_view(), name="send_again")
        ]
