"""Where each page type may live, and that editors can create the site's own pages."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from activities.models import ActivityPage
from courses.models import CourseEditionPage, CourseIndexPage, CoursePage
from events.models import EventIndexPage, EventPage
from groups.models import GroupIndexPage, GroupPage
from jobcafe.models import HomePage, ProgrammePage, StandardPage
from tests.factories import home_page


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
