"""The site's home page, its programme page, plain pages and the privacy notice."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from activities.blocks import DescriptionBlock
from activities.models import with_series_titles
from activities.programme import ProgrammeFilter
from core.privacy import notice
from feeds.models import ProgrammeCalendarPage
from jobcafe import programme_cache, programme_revalidation
from jobcafe.programme import Listing
from registrations import seats


class HomePage(Page):
    intro = models.TextField(
        _("welcome text"),
        blank=True,
        help_text=_("A few words for someone who has just lost their job and lands here."),
    )
    body = StreamField(DescriptionBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "jobcafe.ProgrammePage",
        "groups.GroupIndexPage",
        "courses.CourseIndexPage",
        "events.EventIndexPage",
        "jobcafe.StandardPage",
        "jobcafe.PrivacyNoticePage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        upcoming = seats.with_seats_taken(
            ProgrammeFilter({}).sessions(today, today + datetime.timedelta(days=14))
        )
        context["next_sessions"] = list(
            upcoming.filter(end__gte=timezone.now()).not_cancelled()[:6]
        )
        with_series_titles(s.activity for s in context["next_sessions"])
        return context


class StandardPage(Page):
    """Plain content: privacy notice, contacts, "who we are"."""

    body = StreamField(DescriptionBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["jobcafe.HomePage", "jobcafe.StandardPage"]
    subpage_types = ["jobcafe.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


PRIVACY_SLUG = "privacy"


class PrivacyNoticePage(Page):
    """The privacy notice (GDPR art. 13): written from the privacy settings and from what the
    software collects (`core.privacy.notice`), so it cannot drift from them. Editors may add
    only an introduction of their own. Its slug stays "privacy": consent boxes link there."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_(
            "Optional: a few words of your own above the notice. Everything else is written "
            "from Settings → Privacy and retention and from what the software collects."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["jobcafe.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("privacy notice")

    def clean(self):
        """Its address stays /privacy/: the consent boxes of every form link there."""
        super().clean()
        if self.slug != PRIVACY_SLUG:
            raise ValidationError(
                {
                    "slug": _(
                        "Keep the address “%(slug)s”: the consent boxes of the forms link to it."
                    )
                    % {"slug": PRIVACY_SLUG}
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["notice"] = notice.notice()
        my_data = reverse("registrations:my_data")
        # Where each right is exercised on this site, for people with an account.
        context["right_links"] = {
            "access": (my_data, _("My data")),
            "portability": (my_data, _("My data")),
            "rectification": (reverse("registrations:contact"), _("How we contact you")),
            "erasure": (reverse("registrations:delete_account"), _("Delete my account")),
            "withdraw_consent": (reverse("registrations:delete_account"), _("Delete my account")),
        }
        return context


class ProgrammePage(ProgrammeCalendarPage, Page):
    """The job café's calendar: every upcoming session, in a list or a month grid."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["jobcafe.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("programme")

    def serve(self, request, *args, **kwargs):
        """The page, or "304 Not Modified" when the browser's copy is still true
        (`jobcafe.programme_cache`)."""
        listing = Listing.from_request(request)
        state = (
            programme_cache.fingerprint(listing)
            if programme_cache.cacheable(request, listing)
            else None
        )
        tag = programme_cache.etag(request, listing, state) if state else None
        if tag:
            response = programme_cache.not_modified(request, tag)
            if response is not None:
                return programme_cache.mark_revalidated(response, tag)
        request._programme_listing = (listing, state)
        response = super().serve(request, *args, **kwargs)
        if not tag:
            return response
        response.render()  # the CSRF secret of a first visit exists once the page is rendered
        programme_revalidation.remember_route(request, self)
        return programme_cache.mark_revalidated(
            response, programme_cache.etag(request, listing, state)
        )

    def get_context(self, request, *args, **kwargs):
        """The week (list) or month shown, and its sessions' part of the page, grouped by
        day; bad filters give an empty list.

        List view: a week from today (or from the visitor's date), sessions that already
        ended today left out. Month view: one calendar month (`?view=month&month=2026-11`).
        """
        context = super().get_context(request, *args, **kwargs)
        listing, state = getattr(request, "_programme_listing", None) or (
            Listing.from_request(request),
            None,
        )
        context.update(listing.context())
        context["programme_html"] = programme_cache.page_body(request, listing, context, state)
        return context
