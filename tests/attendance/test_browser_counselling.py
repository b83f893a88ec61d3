"""A coordinator records a counselling hour from the admin menu: the participant list
follows the chosen edition and tells two people with the same name apart."""

import re

import pytest
from django.contrib.auth.models import Group

from attendance.models import CounsellingSession
from registrations.models import Participant
from tests.attendance.conftest import confirm
from tests.factories import UserFactory, make_course, make_edition


def _visible_options(page):
    return page.locator("select[name=participant]").evaluate(
        "s => Array.from(s.options).filter(o => o.value && !o.hidden).map(o => o.text)"
    )


@pytest.mark.browser
def test_the_participant_list_follows_the_edition(
    browser, live_server, wagtail_site, log_in_to_admin
):
    course = make_course(title="Tu puoi!", slug="tu-puoi")
    crema = make_edition(course, title="Crema, 1ª edizione")
    cremona = make_edition(course, title="Cremona, 2ª edizione")
    twins = [
        Participant.objects.create(first_name="Maria", last_name="Rossi", birth_year=year)
        for year in (1970, 1990)
    ]
    for person in twins:
        confirm(person, crema)
    other = Participant.objects.create(first_name="Luca", last_name="Verdi")
    confirm(other, cremona)
    coordinator = UserFactory(username="coordinatrice")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        log_in_to_admin(page, "coordinatrice")
        page.get_by_role("button", name=re.compile("^(Attendance|Presenze)$")).click()
        page.get_by_role(
            "link", name=re.compile("^(Individual counselling|Colloqui? individual[ei])$", re.I)
        ).click()
        page.get_by_role("link", name=re.compile("^(Add|Aggiungi)", re.I)).first.click()
        page.select_option("select[name=activity]", str(crema.pk))
        shown = _visible_options(page)
        assert shown == [
            f"Rossi Maria · n. {twins[0].pk} · 1970",
            f"Rossi Maria · n. {twins[1].pk} · 1990",
        ]
        page.select_option("select[name=participant]", str(twins[1].pk))
        page.select_option("select[name=activity]", str(cremona.pk))
        assert _visible_options(page) == [f"Verdi Luca · n. {other.pk}"]
        assert page.locator("select[name=participant]").input_value() == ""  # choice cleared
        page.select_option("select[name=activity]", str(crema.pk))
        page.select_option("select[name=participant]", str(twins[1].pk))
        page.get_by_role("button", name=re.compile("^(Create|Crea)$")).click()
        page.wait_for_url(re.compile(r"/admin/[^?]*counselling[^?]*/$"))
        assert CounsellingSession.objects.get().participant == twins[1]
    finally:
        context.close()
