"""factory-boy factories and page builders shared by every test module."""

import datetime

import factory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page

from activities.models import Location, Organisation, PlannedSession
from appointments.models import Availability, ContactRequest, Slot
from appointments.requests import submit_request
from appointments.slots import sync_slots
from courses.models import CourseEditionPage, CourseIndexPage, CoursePage
from events.models import EventIndexPage, EventPage
from groups.models import GroupIndexPage, GroupPage
from jobcafe.models import HomePage, ProgrammePage
from registrations.models import Participant

# Every factory-made account's password (the browser tests type it into the login form).
PASSWORD = "correct horse battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)


def user_in_role(role: str, **fields):
    """An account in one of the staff roles of core.roles, e.g. user_in_role(FACILITATORS)."""
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Sala {n}")
    address = "Via Roma 1"
    town = "Lainate"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Associazione {n}")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    first_name = factory.Sequence(lambda n: f"Persona{n}")
    last_name = "Rossi"
    email = factory.LazyAttribute(lambda p: f"{p.first_name.lower()}@example.org")


def home_page() -> HomePage:
    return HomePage.objects.get()


def _child_of(parent: Page, model, **fields):
    existing = model.objects.child_of(parent).first()
    if existing:
        return existing
    page = model(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def programme_page() -> ProgrammePage:
    return _child_of(home_page(), ProgrammePage, title="Programma", slug="programma")


def group_index() -> GroupIndexPage:
    return _child_of(home_page(), GroupIndexPage, title="Gruppi", slug="gruppi")


def course_index() -> CourseIndexPage:
    return _child_of(home_page(), CourseIndexPage, title="Corsi", slug="corsi")


def event_index() -> EventIndexPage:
    return _child_of(home_page(), EventIndexPage, title="Eventi", slug="eventi")


def publish(parent: Page, page: Page, planned=()) -> Page:
    """Add a page under `parent`, attach planned sessions, publish (which writes sessions)."""
    parent.add_child(instance=page)
    for date, start, end in planned:
        page.planned_sessions.add(PlannedSession(date=date, start_time=start, end_time=end))
    page.save()
    page.save_revision().publish()
    return page


def make_group(
    title="Over 50",
    rule="RRULE:FREQ=WEEKLY;BYDAY=TU",
    starts_on=None,
    start=datetime.time(18),
    end=datetime.time(19, 30),
    **fields,
) -> GroupPage:
    from recurrence import deserialize

    fields.setdefault("location", LocationFactory())
    page = GroupPage(
        title=title,
        starts_on=starts_on or datetime.date.today(),
        start_time=start,
        end_time=end,
        recurrence=deserialize(rule),
        **fields,
    )
    return publish(group_index(), page)


def make_course(title="Tu puoi!", **fields) -> CoursePage:
    page = CoursePage(title=title, **fields)
    course_index().add_child(instance=page)
    page.save_revision().publish()
    return page


def make_edition(course=None, title="Cremona, 1ª edizione", days=None, **fields):
    """A course edition of 7 sessions of 4 hours (28 h), weekly from `days[0]`."""
    course = course or make_course()
    fields.setdefault("location", LocationFactory())
    first = days or [datetime.date.today() + datetime.timedelta(days=7 * i + 1) for i in range(7)]
    planned = [(d, datetime.time(9), datetime.time(13)) for d in first]
    return publish(course, CourseEditionPage(title=title, **fields), planned)


def make_event(title="JobFest", day=None, **fields) -> EventPage:
    fields.setdefault("location", LocationFactory())
    day = day or datetime.date.today() + datetime.timedelta(days=10)
    return publish(
        event_index(),
        EventPage(title=title, **fields),
        [(day, datetime.time(10), datetime.time(18))],
    )


def stored_models():
    """Every model that has a table of its own (permission-only and proxy models have none)."""
    return [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]


# --- deskcore: requests through the public service, offered times with their slots --------


def submitted_request(**fields):
    """A contact request as the "Talk to us" form submits it (its message written after
    commit). An English speaker by default, so that tests read English messages."""
    values = {
        "name": "Lucia",
        "phone": "333 123 4567",
        "email": "",
        "way": "call_back",
        "reachable": "morning",
        "language": "en",
    }
    return submit_request(**{**values, **fields})


def offered_time(
    *,
    host=None,
    kind="first_interview",
    edition=None,
    day=None,
    start=datetime.time(9),
    end=datetime.time(11, 15),
    minutes=45,
    mode="in_person",
    **fields,
):
    """An availability (three 45-minute slots, 9:00-11:15, in person, in three days by
    default) with its slots written out: `make_availability` with other defaults."""
    return make_availability(
        host=host or UserFactory(first_name="Carla", last_name="Conti"),
        kind=kind,
        edition=edition,
        first_day=day or datetime.date.today() + datetime.timedelta(days=3),
        start_time=start,
        end_time=end,
        slot_minutes=minutes,
        mode=mode,
        **fields,
    )


# --- deskpublic: the desk's times to book ---------------------------------------------------


def make_desk_slots(kind="first_interview", **fields):
    """The slots of an `offered_time` (three, soonest first): the times a page lists."""
    return list(offered_time(kind=kind, **fields).slots.order_by("start"))


# --- deskadmin: the desk's requests, availability and slots -------------------------------


class ContactRequestFactory(factory.django.DjangoModelFactory):
    """A request as the public form stores it (consent given now)."""

    class Meta:
        model = ContactRequest

    name = factory.Sequence(lambda n: f"Richiedente{n}")
    phone = "+393331234567"
    way = "call_back"
    reachable = "morning"
    consent_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
    consent_version = "test"


def make_availability(*, host, kind="first_interview", first_day=None, **fields) -> Availability:
    """An availability (09:00–12:00 in 45-minute slots, in person, from tomorrow by default)
    with its slots written."""
    fields.setdefault("start_time", datetime.time(9))
    fields.setdefault("end_time", datetime.time(12))
    fields.setdefault("slot_minutes", 45)
    fields.setdefault("mode", "in_person")
    if fields["mode"] == "in_person":
        fields.setdefault("location", LocationFactory())
    availability = Availability.objects.create(
        host=host,
        kind=kind,
        first_day=first_day or datetime.date.today() + datetime.timedelta(days=1),
        **fields,
    )
    sync_slots(availability)
    return availability


def past_slot(availability, *, days_ago: int = 1) -> Slot:
    """A slot of `availability` that already took place (sync_slots writes future ones only)."""
    hour = datetime.datetime.now(datetime.UTC).replace(minute=0, second=0, microsecond=0)
    start = hour - datetime.timedelta(days=days_ago)
    return Slot.objects.create(
        availability=availability,
        start=start,
        end=start + datetime.timedelta(minutes=availability.slot_minutes),
    )


def set_privacy(**values):
    """Save privacy settings as a coordinator would: on the one settings record (there may
    already be one, written by anything that read the notice's version)."""
    from core.privacy.models import PrivacySettings

    saved = PrivacySettings.load()
    for name, value in values.items():
        setattr(saved, name, value)
    saved.save()
    return saved
