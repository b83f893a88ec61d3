"""The site-wide templates (templates/): event pictures, organiser sections, the programme's
calendar box, Italian dates and translations that read right where Django merges catalogues.

Pages are requested in Italian explicitly (Accept-Language), so the tests do not depend
on the default language.
"""

import datetime
import gettext
import re
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images.models import Image

from activities.models import RegistrationMode
from activities.scheduling import cancel_session
from events.models import EventIndexPage, EventPage
from registrations.models import Registration, RegistrationStatus
from tests.factories import (
    LocationFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
    event_index,
    make_event,
    make_group,
    programme_page,
    publish,
)

pytestmark = pytest.mark.django_db

TUESDAY = datetime.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def media(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    # Wagtail renders into a SpooledTemporaryFile it never closes; its ResourceWarning
    # would fail the suite (warnings are errors), so renditions are made in memory here.
    monkeypatch.setattr(
        "wagtail.images.models.SpooledTemporaryFile", lambda max_size=None: BytesIO()
    )


def get(client, url, lang="it", **params):
    response = client.get(url, params, headers={"accept-language": lang})
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def picture(title="Il cortile pieno di gente durante la JobFest"):
    buffer = BytesIO()
    PILImage.new("RGB", (1600, 900), (13, 92, 85)).save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="foto.png"))


# The programme's calendar box ---------------------------------------------------------


def test_programme_offers_the_calendar_of_what_is_shown(client, frozen):
    page = programme_page()
    organiser = OrganisationFactory(name="Cooperativa Sole")
    make_group(title="Over 50 insieme", starts_on=TUESDAY, organiser=organiser)

    html = get(client, page.url)
    assert "Nel tuo calendario" in html
    assert 'href="webcal://' in html

    filtered = get(client, page.url, organiser=organiser.slug)
    box = filtered[filtered.index('id="calendar-heading"') :]
    assert f"organiser={organiser.slug}" in box  # the feed follows the filters

    month = get(client, page.url, view="month", month="2026-11")
    assert 'id="calendar-heading"' in month


def test_programme_with_unusable_filters_offers_no_calendar(client, frozen):
    page = programme_page()
    html = get(client, page.url, date_from="not-a-date")
    assert 'role="alert"' in html
    assert 'id="calendar-heading"' not in html


# Event pictures --------------------------------------------------------------------------


def test_event_page_shows_its_picture_responsive_lazy_and_described(client, frozen):
    event = make_event(title="JobFest", day=datetime.date(2026, 11, 28))
    event.image = picture()
    event.save_revision().publish()

    html = get(client, event.url)
    img = re.search(r'<figure class="activity-image">\s*(<img[^>]+>)', html).group(1)
    assert 'alt="Il cortile pieno di gente durante la JobFest"' in img
    assert 'loading="lazy"' in img
    assert "srcset=" in img and "sizes=" in img
    assert img.count("w,") + img.count('w"') >= 2  # several widths to choose from


def test_event_without_picture_has_no_empty_figure(client, frozen):
    event = make_event(title="JobFest", day=datetime.date(2026, 11, 28))
    html = get(client, event.url)
    assert "activity-image" not in html


def test_events_list_shows_small_thumbnails_without_more_queries_per_picture(client, frozen):
    index = event_index()
    image = picture()
    first = make_event(title="Fiera A", day=datetime.date(2026, 11, 28))
    first.image = image
    first.save_revision().publish()
    make_event(title="Fiera B", day=datetime.date(2026, 11, 29))

    get(client, index.url)  # renditions are created on the first visit
    with CaptureQueriesContext(connection) as few:
        html = get(client, index.url)
    thumbs = re.findall(r'<img[^>]*class="thumb"[^>]*>', html)
    assert len(thumbs) == 1
    assert 'alt=""' in thumbs[0] and 'loading="lazy"' in thumbs[0]

    for n in range(3):
        more = make_event(title=f"Fiera {n}", day=datetime.date(2026, 11, 28))
        more.image = picture(title=f"Foto {n}")
        more.save_revision().publish()
    get(client, index.url)
    with CaptureQueriesContext(connection) as many:
        html = get(client, index.url)
    assert len(re.findall(r'class="thumb"', html)) == 4
    assert len(many.captured_queries) == len(few.captured_queries)


# Organisations ----------------------------------------------------------------------------


def test_organisation_page_links_to_its_activities_in_the_programme(client, frozen):
    page = programme_page()
    sole = OrganisationFactory(name="Cooperativa Sole")
    other = OrganisationFactory(name="Altra associazione")
    make_group(title="Over 50 insieme", starts_on=TUESDAY, organiser=sole)
    make_group(title="Donni e lavoro", starts_on=TUESDAY, organiser=other)

    html = get(client, sole.get_absolute_url())
    link = re.search(r'<a class="btn" href="([^"]+)">Vedi nel programma', html)
    assert link, "the organisation page links to the programme"
    assert link.group(1) == f"{page.url}?organiser={sole.slug}"

    programme = get(client, link.group(1))
    assert "Over 50 insieme" in programme
    assert "Donni e lavoro" not in programme


def test_organisation_without_upcoming_activities_has_no_programme_link(client, frozen):
    programme_page()
    quiet = OrganisationFactory(name="Associazione Quieta")
    html = get(client, quiet.get_absolute_url())
    assert "Vedi nel programma" not in html


def test_organisation_section_of_the_events_shows_logo_and_description(client, frozen):
    logo = picture(title="Logo di Donne in Rete")
    org = OrganisationFactory(
        name="Donne in Rete", logo=logo, description="Sportello per donne che rientrano al lavoro."
    )
    section = EventIndexPage(title="Donne in Rete", slug="donne-in-rete", organisation=org)
    event_index().add_child(instance=section)
    section.save_revision().publish()
    publish(
        section,
        EventPage(title="Rientrare dopo la maternità", location=LocationFactory(), organiser=org),
        [(datetime.date(2026, 12, 1), datetime.time(20), datetime.time(22))],
    )

    html = get(client, section.url)
    head = html[html.index("organiser--section") : html.index('class="listing')]
    assert "Sportello per donne che rientrano al lavoro." in head
    assert re.search(r'<img[^>]+alt=""', head)  # the name is written next to it
    assert f'href="{org.get_absolute_url()}"' in head
    assert "Rientrare dopo la maternità" in html

    plain = get(client, event_index().url)
    assert "organiser--section" not in plain


# Translations that collide between catalogues ---------------------------------------------


def _catalog(localedir):
    return gettext.translation("django", localedir, ["it"])._catalog


def test_root_catalogue_does_not_override_an_app_catalogue_with_another_meaning():
    """The root catalogue wins over app catalogues for identical msgids: each shared msgid
    must mean the same in both, or one of them needs a context."""
    root = _catalog(settings.LOCALE_PATHS[0])
    base = Path(settings.BASE_DIR)
    clashes = []
    for localedir in sorted(base.glob("*/locale")):
        if not (localedir / "it" / "LC_MESSAGES" / "django.mo").exists():
            continue
        for msgid, text in _catalog(localedir).items():
            if msgid and text and msgid in root and root[msgid] != text:
                clashes.append((localedir.parent.name, msgid, root[msgid], text))
    assert clashes == []


def test_registration_words_read_right_in_italian(client, frozen):
    group = make_group(
        title="Over 50 insieme",
        starts_on=TUESDAY,
        capacity=10,
        registration_mode=RegistrationMode.OPEN,
    )
    cancel_session(session=group.sessions.order_by("start").first(), note="Festa")
    html = get(client, group.url)
    assert "<dt>Iscrizioni</dt>" in html  # the registration window
    assert re.search(r'<h2 id="registration-title">\s*Iscrizione\s*</h2>', html)
    assert "Annullato</span>" in html  # a cancelled session (l'incontro)

    registration = Registration(
        participant=ParticipantFactory(), activity=group, status=RegistrationStatus.CANCELLED
    )
    with translation.override("it"):
        status = render_to_string(
            "registrations/includes/status.html", {"registration": registration}
        )
    assert "Annullata" in status  # a cancelled registration (l'iscrizione)


# Dates -------------------------------------------------------------------------------------


def test_calendar_box_of_an_activity_writes_the_next_date_in_italian(client, frozen):
    group = make_group(title="Over 50 insieme", starts_on=TUESDAY)
    html = get(client, group.url)
    assert "martedì 24 novembre 2026, 18:00" in html
    assert "Martedì 24 Novembre" not in html


def test_invitation_email_writes_the_expiry_in_italian():
    context = {
        "organisation": SimpleNamespace(name="Donne in Rete"),
        "site_name": "Job Café",
        "inviter": "",
        "url": "https://example.org/i/x",
        "invitation": SimpleNamespace(
            expires_at=datetime.datetime(2026, 12, 1, 17, tzinfo=datetime.UTC)
        ),
    }
    with translation.override("it"):
        text = render_to_string("associations/emails/invitation.txt", context)
        html = render_to_string("associations/emails/invitation.html", context)
    assert "fino a martedì 1 dicembre 2026, 18:00" in text
    assert "fino a martedì 1 dicembre 2026, 18:00" in html
    assert "Buongiorno," in html


def test_month_view_greys_past_days(client, frozen):
    page = programme_page()
    html = get(client, page.url, view="month", month="2026-11")
    assert re.search(
        r'<td class="is-past[^"]*">\s*<span class="month__day">'
        r'<span class="month__weekday-short">Mercoledì </span>18',
        html,
    )
    assert re.search(
        r'<td class="is-today[^"]*">\s*<span class="month__day">'
        r'<span class="month__weekday-short">Giovedì </span>19',
        html,
    )


def test_form_help_is_tied_to_its_field_and_login_offers_one_reset_link(client):
    signup = get(client, reverse("account_signup"))
    described = re.findall(r'aria-describedby="([^"]+_helptext)"', signup)
    assert described, "the signup form has fields with help"
    for help_id in described:
        assert f'id="{help_id}"' in signup  # screen readers read the help with the field

    login = get(client, reverse("account_login"))
    assert login.count(f'href="{reverse("account_reset_password")}"') == 1
    assert_described_by_what_is_on_the_page(login)


def assert_described_by_what_is_on_the_page(html):
    """Every id a field's aria-describedby names is on the page (none left dangling)."""
    for ids in re.findall(r'aria-describedby="([^"]+)"', html):
        for described in ids.split():
            assert f'id="{described}"' in html, described


def test_the_sign_in_code_field_is_described_by_its_help_and_error(client):
    client.force_login(UserFactory())
    assert_described_by_what_is_on_the_page(get(client, reverse("attendance:sign_in")))
    response = client.post(reverse("attendance:sign_in"), {"code": ""})
    html = response.content.decode()
    assert 'aria-describedby="id_code_helptext id_code_error"' in html
    assert_described_by_what_is_on_the_page(html)


def test_programme_filters_point_at_their_errors(client, frozen):
    page = programme_page()
    html = get(client, page.url, date_from="not-a-date")
    assert 'aria-invalid="true" aria-describedby="id_date_from_error"' in html
    assert_described_by_what_is_on_the_page(html)
