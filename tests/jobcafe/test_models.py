"""The public pages, as an anonymous resident sees them (Italian, the default language)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from activities.models import RegistrationMode, Session
from activities.scheduling import cancel_session, move_session
from core.dates import local_datetime
from registrations.models import Registration, RegistrationStatus
from tests.factories import (
    LocationFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
    course_index,
    event_index,
    group_index,
    make_course,
    make_edition,
    make_event,
    make_group,
    programme_page,
)

pytestmark = pytest.mark.django_db

TUESDAY = datetime.date(2026, 11, 24)
# The week (Tuesday 24 to Monday 30 November) in which the group, the edition and the event
# all meet: the list shows one week at a time.
WEEK_OF_ALL = "2026-11-24"


@pytest.fixture
def programme(frozen):
    page = programme_page()
    organiser = OrganisationFactory(
        name="Cooperativa Sole",
        email="info@sole.example",
        description="Gestiamo i gruppi di Lainate.",
    )
    villa = LocationFactory(
        name="Villa Litta", town="Lainate", accessibility_notes="Ingresso senza gradini."
    )
    group = make_group(
        title="Over 50 insieme",
        starts_on=TUESDAY,
        audience="over_50",
        capacity=3,
        location=villa,
        organiser=organiser,
        intro="Ci si incontra ogni martedì.",
    )
    laura = UserFactory(username="laura", first_name="Laura", last_name="Bianchi")
    group.facilitators.add(laura)
    group.save_revision().publish()
    course = make_course(title="Tu puoi!", min_age=19, max_age=39, eligible_province="CR")
    edition = make_edition(
        course=course,
        title="Cremona, 1ª edizione",
        days=[TUESDAY + datetime.timedelta(days=7 * i + 1) for i in range(7)],
        location=LocationFactory(name="Informagiovani", town="Cremona"),
        capacity=20,
        audience="young",
    )
    event = make_event(
        title="Fiera Lavoro Lainate",
        day=datetime.date(2026, 11, 28),
        registration_mode=RegistrationMode.NONE,
        capacity=None,
    )
    return {
        "page": page,
        "group": group,
        "edition": edition,
        "event": event,
        "course": course,
        "organiser": organiser,
        "villa": villa,
    }


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_every_public_page_renders_for_an_anonymous_visitor(client, programme):
    for page in [
        programme["page"],
        programme["group"],
        programme["edition"],
        programme["event"],
        programme["course"],
        group_index(),
        course_index(),
        event_index(),
        programme["page"].get_parent(),
    ]:
        html = get(client, page.url)
        assert page.title in html
        assert 'href="#main"' in html  # skip link
    html = get(client, programme["organiser"].get_absolute_url())
    assert "Cooperativa Sole" in html and "Over 50 insieme" in html
    assert "info@sole.example" in html


def test_home_links_to_the_programme_and_lists_next_sessions(client, programme):
    html = get(client, "/")
    assert f'href="{programme["page"].url}"' in html
    assert "Over 50 insieme" in html
    assert "Guarda il programma" in html


def test_programme_groups_sessions_by_day_in_italian_soonest_first(client, programme):
    html = get(client, programme["page"].url)
    assert "martedì 24 novembre 2026" in html.lower()
    assert html.index("Martedì 24 novembre 2026") < html.index("Mercoledì 25 novembre 2026")
    assert "18:00–19:30" in html
    assert "Gruppo di auto-mutuo-aiuto" in html
    assert "Over 50" in html and "Villa Litta, Lainate" in html


def test_seat_labels(client, programme):
    for _ in range(2):
        Registration.objects.create(
            participant=ParticipantFactory(),
            activity=programme["group"],
            status=RegistrationStatus.CONFIRMED,
        )
    html = get(client, programme["page"].url, date_from=WEEK_OF_ALL)
    assert "1 posto libero" in html
    assert "20 posti liberi" in html
    assert "Ingresso libero" in html
    Registration.objects.create(
        participant=ParticipantFactory(),
        activity=programme["group"],
        status=RegistrationStatus.CONFIRMED,
    )
    html = get(client, programme["page"].url, date_from=WEEK_OF_ALL)
    assert "Completo – lista d’attesa" in html


def test_filter_by_kind_audience_location_and_organiser(client, programme):
    url = programme["page"].url
    html = get(client, url, kind="group")
    assert "Over 50 insieme" in html and "Cremona, 1ª edizione" not in html
    html = get(client, url, kind="course")
    assert "Cremona, 1ª edizione" in html and "Over 50 insieme" not in html
    html = get(client, url, audience="young")
    assert "Cremona, 1ª edizione" in html and "Fiera Lavoro Lainate" not in html
    html = get(client, url, location=programme["villa"].pk)
    assert "Over 50 insieme" in html and "Cremona, 1ª edizione" not in html
    html = get(client, url, organiser=programme["organiser"].slug)
    assert "Over 50 insieme" in html and "Fiera Lavoro Lainate" not in html


def test_date_range_and_a_week_at_a_time(client, programme):
    """The list shows a week (it showed four before issue 16: 700 KB on a busy programme);
    "next week" and "previous week" page on, keeping the filters and the visitor's end date."""
    url = programme["page"].url
    html = get(client, url, date_from="2026-11-28", date_to="2026-11-28")
    assert "Fiera Lavoro Lainate" in html and "Over 50 insieme" not in html
    html = get(client, url, kind="group")
    assert "Da giovedì 19 novembre 2026 a mercoledì 25 novembre 2026" in html
    assert "Martedì 24 novembre 2026" in html and "Martedì 1 dicembre 2026" not in html
    assert "kind=group&amp;date_from=2026-11-26" in html  # the next week, still groups
    assert 'rel="prev"' not in html  # no week before today's
    html = get(client, url, date_from="2026-12-17")
    assert "Martedì 22 dicembre 2026" in html
    assert "Martedì 29 dicembre 2026" not in html
    assert "Martedì 24 novembre 2026" not in html
    assert "Torna a oggi" in html
    assert "date_from=2026-12-10" in html  # the week before
    assert "date_from=2026-12-24" in html  # the week after
    # A longer period asked for is shown a week at a time, its end kept while it lasts.
    html = get(client, url, date_from="2026-11-20", date_to="2026-12-31")
    assert "Martedì 24 novembre 2026" in html and "Martedì 1 dicembre 2026" not in html
    assert "date_from=2026-11-27&amp;date_to=2026-12-31" in html
    html = get(client, url, date_from="2026-12-25", date_to="2026-12-31")
    assert "Martedì 29 dicembre 2026" in html
    assert 'href="?date_from=2027-01-01" rel="next"' in html


def test_filters_that_match_nothing_say_so(client, programme):
    html = get(client, programme["page"].url, kind="event", audience="women")
    assert "Nessun appuntamento corrisponde a questi filtri" in html
    assert "Azzera i filtri" in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"date_from": "2026-13-45"}, "Inserisci una data valida"),
        ({"date_from": "domani"}, "Inserisci una data valida"),
        ({"audience": "martians"}, "Scegli un&#x27;opzione valida"),
        ({"kind": "party"}, "Scegli un&#x27;opzione valida"),
        ({"location": "999999"}, "Scegli un&#x27;opzione valida"),
        ({"organiser": "nobody"}, "Scegli un&#x27;opzione valida"),
        (
            {"date_from": "2026-12-10", "date_to": "2026-12-01"},
            "La data di fine viene prima della data di inizio",
        ),
        ({"date_from": "9999-12-31"}, "Scegli una data tra il 2000 e il 2100"),
        ({"date_from": "2026-01-01", "date_to": "2028-01-01"}, "Scegli un periodo di al massimo"),
    ],
)
def test_bad_filters_give_a_clear_message_and_an_empty_result(client, programme, params, message):
    html = get(client, programme["page"].url, **params)
    assert "Alcuni filtri non si possono usare" in html
    assert message in html
    assert 'aria-invalid="true"' in html
    assert "Over 50 insieme" not in html.split("Alcuni filtri")[1]


def test_bad_month_falls_back_to_the_current_month(client, programme):
    for month in ["9999-12", "2026-99", "nonsense", ""]:
        html = get(client, programme["page"].url, view="month", month=month)
        assert "<caption>Novembre 2026</caption>" in html


def test_month_view_is_a_calendar_table_with_previous_and_next(client, programme):
    html = get(client, programme["page"].url, view="month", month="2026-12")
    assert '<table class="month">' in html
    assert "<caption>Dicembre 2026</caption>" in html
    assert 'scope="col"' in html
    assert "month=2026-11" in html and "month=2027-01" in html
    assert html.count("Over 50 insieme") == 5  # the five Tuesdays of December 2026
    assert html.count("Cremona, 1ª edizione") == 5  # 2, 9, 16, 23, 30 December (Wednesdays)


def test_month_view_keeps_filters(client, programme):
    html = get(client, programme["page"].url, view="month", month="2026-12", kind="course")
    assert "Over 50 insieme" not in html.split("<table")[1]
    assert "kind=course" in html  # previous/next month links keep the filter


def test_cancelled_and_moved_sessions_are_marked(client, programme):
    group = programme["group"]
    first = Session.objects.get(activity=group, key="2026-11-24")
    second = Session.objects.get(activity=group, key="2026-12-01")
    cancel_session(first, note="Chiuso per la festa del paese.")
    move_session(
        second,
        start=local_datetime(datetime.date(2026, 12, 2), datetime.time(18)),
        end=local_datetime(datetime.date(2026, 12, 2), datetime.time(19, 30)),
        note="Spostato al mercoledì.",
    )
    programme_weeks = get(client, programme["page"].url, date_from=WEEK_OF_ALL) + get(
        client, programme["page"].url, date_from="2026-12-01"
    )
    for html in [programme_weeks, get(client, group.url)]:
        assert "Annullato" in html and "Chiuso per la festa del paese." in html
        assert "is-cancelled" in html
        assert "Spostato" in html and "Spostato al mercoledì." in html
        assert "Inizialmente previsto per martedì 1 dicembre 2026 alle 18:00" in html


def test_unpublished_and_private_activities_do_not_appear(client, programme):
    programme["event"].unpublish()
    restricted = programme["edition"]
    PageViewRestriction.objects.create(
        page=restricted, restriction_type="password", password="segreto"
    )
    html = get(client, programme["page"].url)
    assert "Fiera Lavoro Lainate" not in html
    assert "Cremona, 1ª edizione" not in html
    assert "Over 50 insieme" in html
    assert "Fiera Lavoro Lainate" not in get(client, "/")
    assert client.get(programme["event"].url).status_code == 404


def test_activity_page_shows_what_a_resident_needs(client, programme):
    html = get(client, programme["group"].url)
    assert "Ogni martedì, 18:00–19:30" in html
    assert "Villa Litta" in html and "Ingresso senza gradini." in html
    assert "Laura" in html and "Bianchi" not in html  # first names only
    assert "Cooperativa Sole" in html and programme["organiser"].get_absolute_url() in html
    assert "3 posti liberi" in html
    assert "Martedì 24 novembre 2026, 18:00–19:30" in html
    assert html.count("<time") == 8  # the next eight dates


def test_course_page_explains_hours_eligibility_and_editions(client, programme):
    html = get(client, programme["course"].url)
    assert "29 ore: 28 in aula e 1 di colloquio individuale" in html
    assert "Persone dai 19 ai 39 anni, residenti in provincia di Cremona" in html  # not "CR"
    assert "più del 75%" in html
    assert "Cremona, 1ª edizione" in html and "Cremona · Informagiovani" in html
    assert "20 posti liberi" in html
    html = get(client, programme["edition"].url)
    assert "29 ore" in html and "Tutte le edizioni di questo corso" in html


def test_english_is_available(client, programme):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = get(client, programme["page"].url)
    assert "Tuesday 24 November 2026" in html
    assert "Mutual-aid group" in html


def test_logged_in_user_gets_a_post_logout_form(client, programme):
    client.force_login(UserFactory())
    html = get(client, "/")
    assert 'action="/accounts/logout/"' in html and 'method="post"' in html


def test_privacy_link_in_footer_when_the_page_exists(client, programme):
    from jobcafe.models import PrivacyNoticePage

    html = get(client, "/")
    assert "/privacy/" not in html
    home = programme["page"].get_parent()
    home.add_child(instance=PrivacyNoticePage(title="Privacy", slug="privacy"))
    html = get(client, "/")
    assert 'href="/privacy/"' in html


def test_missing_page_gives_a_friendly_404(client, programme):
    response = client.get("/non-esiste/")
    assert response.status_code == 404
    assert "Non troviamo questa pagina" in response.content.decode()


def test_month_view_marks_cancelled_sessions(client, programme):
    cancel_session(
        Session.objects.get(activity=programme["group"], key="2026-12-08"), note="Immacolata"
    )
    html = get(client, programme["page"].url, view="month", month="2026-12")
    cell = html.split("Annullato")[0].rsplit("<li", 1)[1]
    assert "is-cancelled" in cell and "Over 50 insieme" in cell


def test_server_error_page_needs_no_database():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Qualcosa non ha funzionato" in html and "Something went wrong" in html


# Issue 14: the course's name wherever an edition appears; no seats once registration closed.

EDITION_NAME = "Tu puoi! · Cremona, 1ª edizione"


def test_programme_home_month_view_and_edition_page_name_the_course(client, programme):
    assert EDITION_NAME in get(client, programme["page"].url)
    assert EDITION_NAME in get(client, "/")
    month = get(client, programme["page"].url, view="month", month="2026-12")
    assert month.count(EDITION_NAME) == 5
    heading = get(client, programme["edition"].url).split('<h1 class="page-title">')[1]
    assert heading.startswith(EDITION_NAME)
    # A group is not part of a series: its name stays as it is.
    assert "· Over 50 insieme" not in get(client, programme["page"].url)


def test_the_course_names_cost_the_same_queries_whatever_the_number_of_editions(client, programme):
    get(client, programme["page"].url, view="month")  # warm the site and content-type caches
    cache.clear()  # both requests below build everything kept in the cache
    with CaptureQueriesContext(connection) as one:
        get(client, programme["page"].url, date_from=WEEK_OF_ALL)
    for number in (2, 3, 4):
        make_edition(
            course=programme["course"],
            title=f"Crema, {number}ª edizione",
            days=[TUESDAY + datetime.timedelta(days=7 * i + 2) for i in range(7)],
        )
    cache.clear()
    with CaptureQueriesContext(connection) as four:
        html = get(client, programme["page"].url, date_from=WEEK_OF_ALL)
    assert "Tu puoi! · Crema, 4ª edizione" in html
    assert len(four) == len(one)


def test_closed_registration_shows_no_seat_count(client, programme):
    edition = programme["edition"]
    html = get(client, programme["page"].url, kind="course")
    assert "20 posti liberi" in html
    edition.registration_closes_at = local_datetime(datetime.date(2026, 11, 18), datetime.time(8))
    edition.save_revision().publish()
    for html in (
        get(client, programme["page"].url, kind="course"),
        get(client, edition.url),
        get(client, programme["course"].url),
    ):
        assert "posti liberi" not in html and "posto libero" not in html
    # Still open elsewhere: the group keeps its count.
    assert "posti liberi" in get(client, programme["page"].url, kind="group")
