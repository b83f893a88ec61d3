"""Editors create and publish groups in the Wagtail page editor."""

import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.utils import translation
from django.utils.html import escape
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from activities.models import Session
from core.roles import COORDINATORS
from courses.models import CourseIndexPage
from events.models import EventIndexPage
from groups.models import GroupIndexPage, GroupPage
from jobcafe.models import HomePage, ProgrammePage
from tests.factories import LocationFactory, UserFactory, group_index, user_in_role

ROME = ZoneInfo("Europe/Rome")


def it(message: str) -> str:
    """The message as the (Italian) admin shows it, HTML-escaped."""
    with translation.override("it"):
        return escape(translation.gettext(message))


def group_form(**overrides):
    data = {
        "title": "Over 50: ripartire insieme",
        "slug": "over-50",
        "intro": "Ogni martedì sera.",
        "body": streamfield([]),
        "audience": "over_50",
        "location": LocationFactory().pk,
        "organiser": "",
        "capacity": "",
        "registration_mode": "open",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "starts_on": "2026-10-01",
        "ends_on": "",
        "start_time": "18:00",
        "end_time": "19:30",
        "recurrence": "RRULE:FREQ=WEEKLY;BYDAY=TU",
    }
    data.update(overrides)
    return nested_form_data(data)


class GroupAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.traveller = time_machine.travel(
            datetime.datetime(2026, 10, 1, 9, tzinfo=ROME), tick=False
        )
        self.traveller.start()
        self.addCleanup(self.traveller.stop)
        self.index = group_index()
        self.login()

    def test_page_tree_rules(self):
        self.assertCanCreateAt(GroupIndexPage, GroupPage)
        self.assertCanNotCreateAt(HomePage, GroupPage)
        self.assertAllowedSubpageTypes(GroupPage, {})
        self.assertAllowedParentPageTypes(GroupPage, {GroupIndexPage})
        self.assertAllowedParentPageTypes(GroupIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                ProgrammePage,
                GroupIndexPage,
                CourseIndexPage,
                EventIndexPage,
                *_site_pages(),
            },
        )

    def test_create_and_publish_a_weekly_group(self):
        self.assertCanCreate(self.index, GroupPage, group_form())
        group = GroupPage.objects.get(slug="over-50")
        self.assertTrue(group.live)
        sessions = Session.objects.filter(activity=group).order_by("start")
        self.assertEqual(sessions.count(), 52)
        self.assertEqual(sessions[0].start, datetime.datetime(2026, 10, 6, 18, tzinfo=ROME))
        self.assertEqual(group.kind, "group")

    def test_the_published_group_is_in_the_programme(self):
        from tests.factories import programme_page

        programme = programme_page()
        self.assertCanCreate(self.index, GroupPage, group_form())
        response = self.client.get(programme.url)
        self.assertContains(response, "Over 50: ripartire insieme")

    def test_a_schedule_that_never_meets_is_refused(self):
        data = group_form(starts_on="2026-10-07", ends_on="2026-10-12")  # Wed to Mon
        response = self.client.post(self._add_url(), {**data, "action-publish": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response,
            it("This schedule never meets: check the repeat rule and the first and last dates."),
        )
        self.assertFalse(GroupPage.objects.exists())
        self.assertFalse(Session.objects.exists())

    def test_a_meeting_ending_before_it_starts_is_refused(self):
        data = group_form(start_time="19:30", end_time="18:00")
        response = self.client.post(self._add_url(), {**data, "action-publish": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, it("A meeting must end after it starts."))
        self.assertFalse(GroupPage.objects.exists())

    def test_a_malformed_rule_is_a_form_error(self):
        data = group_form(recurrence="RRULE:FREQ=SOMETIMES")
        response = self.client.post(self._add_url(), {**data, "action-publish": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("recurrence", response.context["form"].errors)
        self.assertFalse(GroupPage.objects.exists())

    def test_editing_the_rule_in_the_editor_rewrites_future_sessions(self):
        self.assertCanCreate(self.index, GroupPage, group_form())
        group = GroupPage.objects.get(slug="over-50")
        self.assertPageIsEditable(
            group,
            post_data={
                **group_form(recurrence="RRULE:FREQ=WEEKLY;BYDAY=WE"),
                "action-publish": "1",
            },
        )
        days = {s.start.astimezone(ROME).weekday() for s in Session.objects.filter(activity=group)}
        self.assertEqual(days, {2})

    def test_coordinators_can_create_groups(self):
        user = user_in_role(COORDINATORS, username="coordinatrice")
        self.client.force_login(user)
        self.assertCanCreate(self.index, GroupPage, group_form())

    def test_only_staff_can_be_picked_as_facilitators(self):
        from core.roles import FACILITATORS

        facilitator = user_in_role(FACILITATORS, username="marco")
        resident = UserFactory(username="resident")
        response = self.client.get(self._add_url())
        choices = list(response.context["form"].fields["facilitators"].queryset)
        self.assertIn(facilitator, choices)
        self.assertNotIn(resident, choices)
        self.assertEqual(len(choices), len(set(choices)))

    def _add_url(self):
        from django.urls import reverse

        return reverse("wagtailadmin_pages:add", args=["groups", "grouppage", self.index.pk])


def _site_pages():
    from jobcafe.models import PrivacyNoticePage, StandardPage

    return StandardPage, PrivacyNoticePage
