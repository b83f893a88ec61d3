"""Mutual-aid (self-help) groups: meet on a recurring schedule, led by a facilitator."""

import copy
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from recurrence.fields import RecurrenceField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.models import Page

from activities.models import ActivityKind, ActivityPage
from activities.models.activity import Occurrence
from core.dates import ROME, is_sane_date, local_datetime, validate_sane_date
from groups.widgets import RecurrenceWidget


class GroupIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["jobcafe.HomePage"]
    subpage_types = ["groups.GroupPage"]
    max_count = 1

    class Meta:
        verbose_name = _("list of groups")

    def groups(self):
        return (
            GroupPage.objects.live()
            .public()
            .child_of(self)
            .select_related("location")
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = self.groups()
        return context


class GroupPage(ActivityPage):
    """A group that meets on a rule, e.g. every Tuesday 18:00-19:30."""

    activity_kind = ActivityKind.GROUP

    starts_on = models.DateField(_("first meeting on or after"), validators=[validate_sane_date])
    ends_on = models.DateField(
        _("last meeting on or before"),
        null=True,
        blank=True,
        validators=[validate_sane_date],
        help_text=_("Leave empty if the group goes on."),
    )
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    recurrence = RecurrenceField(
        verbose_name=_("repeats"),
        include_dtstart=False,
        help_text=_(
            "E.g. weekly on Tuesday; every 2 weeks on Thursday; monthly on the "
            "first Monday. Single holidays are cancelled on the session itself."
        ),
    )

    is_creatable = True
    parent_page_types = ["groups.GroupIndexPage"]
    subpage_types = []

    schedule_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("recurrence", widget=RecurrenceWidget),
            ],
            heading=_("When it meets"),
        ),
    ]
    content_panels = Page.content_panels + ActivityPage.summary_panels
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(
                schedule_panels + ActivityPage.activity_panels, heading=_("Schedule and seats")
            ),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("mutual-aid group")
        verbose_name_plural = _("mutual-aid groups")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("A meeting must end after it starts.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The last meeting cannot come before the first.")
        if errors:
            raise ValidationError(errors)
        if not all(is_sane_date(day) for day in (self.starts_on, self.ends_on) if day):
            return  # the fields' own validators report the impossible date
        if (
            self.starts_on
            and self.start_time
            and self.end_time
            and not self.meeting_dates(
                self.starts_on, self.ends_on or self.starts_on + datetime.timedelta(days=366)
            )
        ):
            raise ValidationError(
                {
                    "recurrence": _(
                        "This schedule never meets: check the repeat rule "
                        "and the first and last dates."
                    )
                }
            )

    def meeting_dates(self, first: datetime.date, last: datetime.date) -> list[datetime.date]:
        """Local dates on which the rule meets, between two dates inclusive (`rule_dates`)."""
        return rule_dates(
            self.recurrence,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            start_time=self.start_time,
            first=first,
            last=last,
        )

    def planned_occurrences(self, until, *, since=None):
        """Meetings from the day of `since` (default: now) to `until`, keyed by date."""
        first = timezone.localtime(since).date() if since else timezone.localdate()
        return [
            Occurrence(
                key=day.isoformat(),
                start=local_datetime(day, self.start_time),
                end=local_datetime(day, self.end_time),
            )
            for day in self.meeting_dates(first, timezone.localtime(until).date())
        ]


def rule_dates(
    recurrence,
    *,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    start_time: datetime.time,
    first: datetime.date,
    last: datetime.date,
) -> list[datetime.date]:
    """Local dates on which a repeat rule (django-recurrence) meets, between two dates
    inclusive, for a schedule that starts on `starts_on` at `start_time` and may end on
    `ends_on`. Groups' meetings and the desk's recurring availability read their dates here.

    The rule is expanded from a start in Rome's time zone so that 18:00 stays
    18:00 across daylight-saving changes; excluded dates are matched by date
    (the widget stores them as midnight, which never equals a meeting time).
    """
    if recurrence is None:
        return []
    first = max(first, starts_on)
    if ends_on:
        last = min(last, ends_on)
    if last < first:
        return []
    dtstart = local_datetime(starts_on, start_time)
    rules = _normalised(recurrence)
    window_start = local_datetime(first, datetime.time.min)
    window_end = local_datetime(last, datetime.time.max)
    excluded = {d.astimezone(ROME).date() if d.tzinfo else d.date() for d in recurrence.exdates}
    dates = {
        (occ.astimezone(ROME) if occ.tzinfo else occ).date()
        for occ in rules.between(window_start, window_end, dtstart=dtstart, inc=True)
    }
    return sorted(d for d in dates if first <= d <= last and d not in excluded)


def _normalised(recurrence):
    """A copy of the rule as the group's dates mean it.

    "First meeting on or after" is not a meeting in itself (whatever the rule's
    own include-dtstart flag says), and "repeat until 2 February" includes the
    2nd: the widget writes it as midnight at the start of that day, which would
    leave out a meeting at 18:00.
    """
    rules = copy.deepcopy(recurrence)
    rules.include_dtstart = False
    for rule in rules.rrules:
        if rule.until:
            until = rule.until
            day = until.astimezone(ROME).date() if until.tzinfo else until.date()
            rule.until = local_datetime(day, datetime.time.max)
    return rules
