"""Events: the yearly JobFest, workshops and open days posted by partner associations."""

from django.db import models
from django.db.models import F, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.models import Page

from activities.models import ActivityKind, ActivityPage
from activities.models.activity import PlannedSessionsMixin
from activities.models.sessions import not_cancelled_q
from core.panels import InlinePanel
from events.forms import EventPageForm


class EventIndexPage(Page):
    """Lists events; nested index pages give each organisation its own part of the tree."""

    intro = models.TextField(_("introduction"), blank=True)
    organisation = models.ForeignKey(
        "activities.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_indexes",
        help_text=_(
            "Set when the section is created for a partner organisation: its staff "
            "post their events here."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["jobcafe.HomePage", "events.EventIndexPage"]
    subpage_types = ["events.EventPage", "events.EventIndexPage"]

    class Meta:
        verbose_name = _("list of events")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Soonest first: by each event's next session that still takes place.
        context["events"] = (
            EventPage.objects.live()
            .public()
            .descendant_of(self)
            .filter(sessions__end__gte=timezone.now())
            .annotate(next_start=Min("sessions__start", filter=not_cancelled_q("sessions__")))
            .select_related("location", "organiser")
            .order_by(F("next_start").asc(nulls_last=True), "title")
        )
        return context


class EventPage(PlannedSessionsMixin, ActivityPage):
    """A one-off or multi-day event: one session per day."""

    activity_kind = ActivityKind.EVENT

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A photo or poster. Describe it in the image's title for people who cannot see it."
        ),
    )

    is_creatable = True
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    base_form_class = EventPageForm

    @staticmethod
    def organisation_for_parent(parent_page):
        """The organisation whose part of the tree `parent_page` is in, or None."""
        if parent_page is None or not parent_page.pk:
            return None
        index = (
            EventIndexPage.objects.ancestor_of(parent_page, inclusive=True)
            .exclude(organisation=None)
            .select_related("organisation")
            .order_by("-depth")
            .first()
        )
        return index.organisation if index else None

    content_panels = Page.content_panels + ActivityPage.summary_panels + [FieldPanel("image")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(
                [InlinePanel("planned_sessions", heading=_("Dates"), label=_("Day"), min_num=1)]
                + ActivityPage.activity_panels,
                heading=_("Dates and seats"),
            ),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
