"""Where each page type may live, and that editors can create the site's own pages."""

import pytest
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from activities.models import ActivityPage, with_series_titles
from courses.models import CourseEditionPage, CourseIndexPage, CoursePage
from events.models import EventIndexPage, EventPage
from groups.models import GroupIndexPage, GroupPage
from jobcafe.models import HomePage, ProgrammePage, StandardPage
from tests.factories import home_page, make_course, make_edition, make_event, make_group


class PageTreeTests(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def test_activity_base_page_is_never_created_on_its_own(self):
        for parent in (HomePage, GroupIndexPage, CoursePage, EventIndexPage):
            self.assertCanNotCreateAt(parent, ActivityPage)

    def test_index_pages_live_under_the_home_page(self):
        self.assertAllowedParentPageTypes(ProgrammePage, {HomePage})
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage, EventIndexPage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage, EventIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {CourseEditionPage})
        self.assertAllowedSubpageTypes(GroupIndexPage, {GroupPage})

    def test_editor_creates_the_programme_and_a_privacy_page(self):
        home = home_page()
        self.assertCanCreate(
            home,
            ProgrammePage,
            nested_form_data(
                {"title": "Programma", "slug": "programma", "intro": "Tutti gli appuntamenti."}
            ),
        )
        self.assertCanCreate(
            home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Informativa sulla privacy",
                    "slug": "privacy",
                    "body": streamfield([("paragraph", rich_text("<p>Titolare: Comune.</p>"))]),
                }
            ),
        )
        self.assertTrue(ProgrammePage.objects.get(slug="programma").live)
        self.assertEqual(self.client.get("/privacy/").status_code, 200)
        # Only one programme per site.
        self.assertFalse(ProgrammePage.can_create_at(home))


# How people see an activity named (issue 14: the course's name wherever an edition appears).


@pytest.mark.django_db
def test_an_edition_is_named_after_its_course_as_any_page_class():
    edition = make_edition(course=make_course(title="Tu puoi!"), title="Cremona, 3ª edizione")
    assert edition.public_title == "Tu puoi! · Cremona, 3ª edizione"
    assert ActivityPage.objects.get(pk=edition.pk).public_title == edition.public_title
    named = make_edition(course=edition.course, title="Tu puoi! Crema")
    assert named.public_title == "Tu puoi! Crema"  # never "Tu puoi! · Tu puoi! Crema"
    group = make_group(title="Over 50 insieme")
    assert group.public_title == "Over 50 insieme"
    assert make_event(title="JobFest").public_title == "JobFest"


@pytest.mark.django_db
def test_many_activities_get_their_course_names_in_one_query(django_assert_num_queries):
    course = make_course(title="Tu puoi!")
    for town in ("Cremona", "Crema", "Lodi"):
        make_edition(course=course, title=f"{town}, 1ª edizione")
    make_group(title="Over 50 insieme")
    rows = list(ActivityPage.objects.order_by("title"))
    with django_assert_num_queries(1):
        with_series_titles(rows)
    with django_assert_num_queries(0):
        names = [row.public_title for row in rows]
    assert names == [
        "Tu puoi! · Crema, 1ª edizione",
        "Tu puoi! · Cremona, 1ª edizione",
        "Tu puoi! · Lodi, 1ª edizione",
        "Over 50 insieme",
    ]
