"""Events: the yearly JobFest, workshops and open days posted by partner associations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.models import Page

from activities.models import ActivityKind, ActivityPage
from activities.models.activity import PlannedSessionsMixin


class EventIndexPage(Page):
    """Lists events; nested index pages give each organisation its own part of the tree."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["jobcafe.HomePage", "events.EventIndexPage"]
    subpage_types = ["events.EventPage", "events.EventIndexPage"]

    class Meta:
        verbose_name = _("list of events")

    def get_context(self, request, *args, **kwargs):
        from django.utils import timezone

        context = super().get_context(request, *args, **kwargs)
        context["events"] = (
            EventPage.objects.live().public().descendant_of(self)
            .filter(sessions__end__gte=timezone.now()).distinct()
            .select_related("location", "organiser").order_by("title")
        )
        return context


class EventPage(PlannedSessionsMixin, ActivityPage):
    """A one-off or multi-day event: one session per day."""

    activity_kind = ActivityKind.EVENT

    is_creatable = True
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + ActivityPage.summary_panels
    edit_handler = TabbedInterface([
        ObjectList(content_panels, heading=_("Content")),
        ObjectList([InlinePanel("planned_sessions", heading=_("Dates"), label=_("Day"),
                                min_num=1)]
                   + ActivityPage.activity_panels, heading=_("Dates and seats")),
        ObjectList(Page.promote_panels, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ])

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
