"""The site's own pages: home, the programme, the three index pages, the privacy notice (and
who answers for the data, which it is written from), about us."""

from dataclasses import dataclass, field

from wagtail.models import Page
from wagtail.rich_text import RichText

from core.privacy.models import PrivacySettings
from courses.models import CourseIndexPage
from events.models import EventIndexPage
from groups.models import GroupIndexPage
from jobcafe.demo import content
from jobcafe.demo.specs import Paragraphs
from jobcafe.models import HomePage, PrivacyNoticePage, ProgrammePage, StandardPage


def paragraphs(texts: Paragraphs) -> list:
    """StreamField content made of plain paragraphs."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


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
    privacy: PrivacyNoticePage
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
    seed_privacy_settings()
    _drop_hand_written_notice(home)
    privacy = child_page(
        home,
        PrivacyNoticePage,
        content.PRIVACY.slug,
        title=content.PRIVACY.title,
        intro=f"<p>{content.PRIVACY.intro}</p>",
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


def seed_privacy_settings() -> None:
    """The controller, the DPO and the processors, unless a coordinator already set them."""
    saved = PrivacySettings.load()
    if saved.controller_name:
        return
    for name, value in content.PRIVACY_SETTINGS.items():
        setattr(saved, name, value)
    saved.save()


def _drop_hand_written_notice(home: HomePage) -> None:
    """Earlier demos wrote the notice by hand on a standard page: the generated one replaces it."""
    old = home.get_children().filter(slug=content.PRIVACY.slug).specific().first()
    if old is not None and not isinstance(old, PrivacyNoticePage):
        old.delete()
