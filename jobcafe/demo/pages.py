"""The site's own pages: home, the programme, the three index pages, privacy, about us."""

from dataclasses import dataclass, field

from wagtail.models import Page
from wagtail.rich_text import RichText

from courses.models import CourseIndexPage
from events.models import EventIndexPage
from groups.models import GroupIndexPage
from jobcafe.demo import content
from jobcafe.demo.specs import Paragraphs, Section
from jobcafe.models import HomePage, ProgrammePage, StandardPage


def paragraphs(texts: Paragraphs) -> list:
    """StreamField content made of plain paragraphs."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def sections(parts: tuple[Section, ...]) -> list:
    """StreamField content: each heading followed by its paragraphs."""
    return [
        block
        for section in parts
        for block in [("heading", section.heading), *paragraphs(section.paragraphs)]
    ]


def child_page(parent: Page, model, slug: str, **fields):
    """The child with that slug, created and published if it is missing."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@dataclass
class SitePages:
    home: HomePage
    programme: ProgrammePage
    groups: GroupIndexPage
    courses: CourseIndexPage
    events: EventIndexPage
    privacy: StandardPage
    extra: dict = field(default_factory=dict)


def seed_pages() -> SitePages:
    home = HomePage.objects.get()
    if home.intro != content.HOME_INTRO or not home.body:
        home.title = content.HOME_TITLE
        home.intro = content.HOME_INTRO
        home.body = paragraphs(content.HOME_BODY)
        home.save_revision().publish()
    # The default site serves every host name; seed_demo gives it SITE_URL's (core.http).
    programme = _index_page(home, ProgrammePage, content.PROGRAMME)
    groups = _index_page(home, GroupIndexPage, content.GROUP_INDEX)
    courses = _index_page(home, CourseIndexPage, content.COURSE_INDEX)
    events = _index_page(home, EventIndexPage, content.EVENT_INDEX)
    privacy = child_page(
        home,
        StandardPage,
        content.PRIVACY.slug,
        title=content.PRIVACY.title,
        body=sections(content.PRIVACY_SECTIONS),
    )
    about = child_page(
        home,
        StandardPage,
        content.ABOUT.slug,
        title=content.ABOUT.title,
        body=paragraphs(content.ABOUT_BODY),
    )
    return SitePages(
        home=home,
        programme=programme,
        groups=groups,
        courses=courses,
        events=events,
        privacy=privacy,
        extra={"about": about},
    )


def _index_page(home: HomePage, model, text):
    return child_page(home, model, text.slug, title=text.title, intro=text.intro)
