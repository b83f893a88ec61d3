"""Courses and their editions in the page editor: classroom hours must add up."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from activities.models import Session
from courses.models import CourseEditionPage, CourseIndexPage, CoursePage
from jobcafe.models import HomePage
from tests.factories import LocationFactory, course_index, make_course

ROME = ZoneInfo("Europe/Rome")
HOURS_ERROR = (
    "The classroom sessions add up to %(planned)s hours, but the course has "
    "%(required)s classroom hours. Add, remove or change sessions until they match."
)


def it(message: str, **params) -> str:
    """The message as the (Italian) admin shows it, HTML-escaped."""
    with translation.override("it"):
        text = translation.gettext(message)
    return escape(text % params if params else text)


def errors(response) -> str:
    """Every error message on the page editor's form and its inline formsets, escaped."""
    form = response.context["form"]
    messages = [str(e) for errors in form.errors.values() for e in errors]
    for formset in form.formsets.values():
        messages += [str(e) for e in formset.non_form_errors()]
        messages += [str(e) for f in formset.errors for field in f.values() for e in field]
    return escape(" | ".join(messages))


def sessions(*hours_per_day, first=datetime.date(2026, 10, 6)):
    """One session per week starting at 9:00, lasting the given hours."""
    return [
        {
            "date": (first + datetime.timedelta(weeks=i)).isoformat(),
            "start_time": "09:00",
            "end_time": f"{9 + h:02d}:00",
            "topic": f"Incontro {i + 1}",
        }
        for i, h in enumerate(hours_per_day)
    ]


def edition_form(planned, **overrides):
    data = {
        "title": "Cremona, 1ª edizione",
        "slug": "cremona-1",
        "intro": "",
        "body": streamfield([]),
        "audience": "young",
        "location": LocationFactory().pk,
        "organiser": "",
        "capacity": "15",
        "registration_mode": "open",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "planned_sessions": inline_formset(planned, min=1),
    }
    data.update(overrides)
    return nested_form_data(data)


class CourseAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.traveller = time_machine.travel(
            datetime.datetime(2026, 10, 1, 9, tzinfo=ROME), tick=False
        )
        self.traveller.start()
        self.addCleanup(self.traveller.stop)
        self.course = make_course(
            classroom_hours=Decimal("28"),
            counselling_hours=Decimal("1"),
            min_age=19,
            max_age=39,
            eligible_province="CR",
        )
        self.login()

    def add_url(self):
        return reverse(
            "wagtailadmin_pages:add", args=["courses", "courseeditionpage", self.course.pk]
        )

    def test_page_tree_rules(self):
        self.assertCanCreateAt(CourseIndexPage, CoursePage)
        self.assertCanCreateAt(CoursePage, CourseEditionPage)
        self.assertCanNotCreateAt(CourseIndexPage, CourseEditionPage)
        self.assertAllowedParentPageTypes(CourseEditionPage, {CoursePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseEditionPage, {})

    def test_create_a_course(self):
        self.assertCanCreate(
            course_index(),
            CoursePage,
            nested_form_data(
                {
                    "title": "Tu puoi!",
                    "slug": "tu-puoi-2",
                    "intro": "",
                    "body": streamfield([]),
                    "audience": "young",
                    "classroom_hours": "28",
                    "counselling_hours": "1",
                    "completion_threshold": "75",
                    "min_age": "19",
                    "max_age": "39",
                    "eligible_province": "cr",
                    "eligible_municipalities": "",
                }
            ),
        )
        course = CoursePage.objects.get(slug="tu-puoi-2")
        self.assertEqual(course.total_hours, Decimal("29"))
        self.assertEqual(course.eligible_province, "CR")

    def test_an_edition_whose_hours_add_up_is_published_with_its_sessions(self):
        self.assertCanCreate(
            self.course, CourseEditionPage, edition_form(sessions(4, 4, 4, 4, 4, 4, 4))
        )
        edition = CourseEditionPage.objects.get(slug="cremona-1")
        self.assertEqual(edition.planned_sessions.count(), 7)
        own = Session.objects.filter(activity=edition).order_by("start")
        self.assertEqual(own.count(), 7)
        self.assertEqual(own[0].start, datetime.datetime(2026, 10, 6, 9, tzinfo=ROME))
        self.assertEqual(sum(s.hours for s in own), 28)

    def test_hours_that_do_not_add_up_are_refused_and_nothing_is_saved(self):
        data = edition_form(sessions(4, 4, 4, 4, 4, 4, 3))
        response = self.client.post(self.add_url(), {**data, "action-publish": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertIn(it(HOURS_ERROR, planned="27", required="28"), errors(response))
        self.assertFalse(CourseEditionPage.objects.exists())
        self.assertFalse(Session.objects.exists())

    def test_deleted_rows_do_not_count(self):
        planned = sessions(4, 4, 4, 4, 4, 4, 4, 4)
        data = edition_form(planned)
        data["planned_sessions-7-DELETE"] = "1"
        self.assertCanCreate(self.course, CourseEditionPage, data)
        edition = CourseEditionPage.objects.get(slug="cremona-1")
        self.assertEqual(Session.objects.filter(activity=edition).count(), 7)

    def test_a_session_ending_before_it_starts_is_refused(self):
        planned = sessions(4, 4, 4, 4, 4, 4, 4)
        planned[0]["end_time"] = "08:00"
        response = self.client.post(
            self.add_url(), {**edition_form(planned), "action-publish": "1"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(it("A session must end after it starts."), errors(response))
        self.assertFalse(CourseEditionPage.objects.exists())

    def test_an_edition_without_sessions_is_refused(self):
        response = self.client.post(self.add_url(), {**edition_form([]), "action-publish": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(CourseEditionPage.objects.exists())

    def test_editing_an_edition_checks_the_hours_too(self):
        self.assertCanCreate(
            self.course, CourseEditionPage, edition_form(sessions(4, 4, 4, 4, 4, 4, 4))
        )
        edition = CourseEditionPage.objects.get(slug="cremona-1")
        planned = [
            {
                "id": str(p.pk),
                "date": p.date.isoformat(),
                "start_time": "09:00",
                "end_time": "12:00" if i == 0 else "13:00",
                "topic": p.topic,
            }
            for i, p in enumerate(edition.planned_sessions.order_by("sort_order"))
        ]
        data = edition_form(planned)
        data["planned_sessions-INITIAL_FORMS"] = "7"
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[edition.pk]), {**data, "action-publish": "1"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(it(HOURS_ERROR, planned="27", required="28"), errors(response))
        first = Session.objects.filter(activity=edition).order_by("start").first()
        self.assertEqual(first.hours, 4)

    def test_max_age_below_min_age_is_refused(self):
        course = CoursePage(title="x", slug="x", min_age=40, max_age=19)
        with pytest.raises(ValidationError):
            course.clean()


@pytest.mark.parametrize(("value", "shown"), [("28.0", "28"), ("27.50", "27,5"), ("100", "100")])
def test_hours_are_shown_without_trailing_zeros_in_italian(value, shown):
    from courses.models import _hours

    with translation.override("it"):
        assert _hours(Decimal(value)) == shown
