"""The desk's queue of contact requests: the ones still waiting by default, newest first or
oldest waiting first, for desk operators and coordinators only."""

import django_filters
from django.db.models import F, TextChoices
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from appointments.admin_views import DeskViewMixin
from appointments.models import ContactRequest, RequestStatus
from appointments.permissions import can_handle_requests, visible_requests
from core.admin_filters import IdFilterSet
from core.dates import hm, short_date
from core.messaging.phones import readable_phone

WAITING = "waiting"
ALL = "all"
# What "waiting" means in the queue: every request the desk has still to act on.
WAITING_STATUSES = (
    RequestStatus.NEW,
    RequestStatus.CONTACTED,
    RequestStatus.NO_ANSWER,
    RequestStatus.BOOKED,
)


class Order(TextChoices):
    NEWEST = "newest", gettext_lazy("Newest first")
    OLDEST_WAITING = "oldest", gettext_lazy("Oldest waiting first")


class RequestFilterSet(IdFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[
            (WAITING, gettext_lazy("Waiting (new, contacted, no answer, booked)")),
            *RequestStatus.choices,
            (ALL, pgettext_lazy("desk requests", "All")),
        ],
        method="filter_status",
        empty_label=None,
    )
    order = django_filters.ChoiceFilter(
        label=gettext_lazy("Order"),
        choices=Order.choices,
        method="filter_order",
        empty_label=None,
    )

    class Meta:
        model = ContactRequest
        fields = ["status", "order"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            for name, default in (("status", WAITING), ("order", Order.NEWEST)):
                if not data.get(name):
                    data[name] = default
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        if value == WAITING:
            return queryset.filter(status__in=WAITING_STATUSES)
        if value == ALL:
            return queryset
        return queryset.filter(status=value)

    def filter_order(self, queryset, name, value):
        if value == Order.OLDEST_WAITING:
            # Longest without news first: the last thing the desk did, or the request itself.
            return queryset.order_by(F("last_activity_at").asc(), "pk")
        return queryset.order_by("-created_at", "-pk")


def received(request: ContactRequest) -> str:
    return f"{short_date(request.created_at)}, {hm(request.created_at)}"


def status_label(request: ContactRequest) -> str:
    """The status, with the calls tried when nobody answered: "No answer (tries: 2)"."""
    if request.status == RequestStatus.NO_ANSWER:
        return _("No answer (tries: %(count)s)") % {"count": request.attempts}
    return request.get_status_display()


def how_to_reach(request: ContactRequest) -> str:
    return " · ".join(v for v in (readable_phone(request.phone), request.email) if v) or "—"


def handled_by(request: ContactRequest) -> str:
    user = request.handled_by
    return (user.get_full_name() or user.get_username()) if user else "—"


class RequestIndexView(DeskViewMixin, ReportView):
    page_title = gettext_lazy("Contact requests")
    header_icon = "help"
    index_url_name = "desk:requests"
    index_results_url_name = "desk:requests_results"
    filterset_class = RequestFilterSet
    paginate_by = 50
    section = None

    def allowed(self, user):
        return can_handle_requests(user)

    @property
    def columns(self):
        return [
            TitleColumn(
                "number",
                label=_("Number"),
                accessor="pk",
                get_url=lambda r: reverse("desk:request", args=[r.pk]),
            ),
            Column("name", label=_("Name")),
            Column("contact", label=_("Phone or e-mail"), accessor=how_to_reach),
            Column("way", label=_("What they would like"), accessor="get_way_display"),
            Column("reachable", label=_("When reachable"), accessor="get_reachable_display"),
            Column("status", label=_("Status"), accessor=status_label),
            Column("created_at", label=_("Received"), accessor=received),
            Column("handled_by", label=_("Handled by"), accessor=handled_by),
        ]

    def get_queryset(self):
        return visible_requests(self.request.user).select_related("handled_by")
