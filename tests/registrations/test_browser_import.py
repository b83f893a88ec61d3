"""A coordinator loads a year of participants from the admin, by clicking, in a real browser."""

import re

import pytest
from django.utils import timezone

from core.roles import COORDINATORS
from registrations.models import Participant, Registration
from tests.factories import user_in_role
from tests.stats import year_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def either(english, italian):
    """A name in English or Italian: the new texts are translated when the catalogue is built."""
    return re.compile(f"^\\s*({re.escape(english)}|{re.escape(italian)})\\s*$")


def test_coordinator_checks_and_imports_a_year(wagtail_site, live_server, browser, log_in_to_admin):
    editions = year_data.make_editions(timezone.localdate())
    rows, _follow_up, expected = year_data.spreadsheets(editions)
    user_in_role(COORDINATORS, username="coordinatrice")
    context = browser.new_context(locale="it-IT", timezone_id="Europe/Rome")
    page = context.new_page()
    try:
        log_in_to_admin(page, "coordinatrice")
        page.get_by_role("button", name=either("Import", "Importa")).click()
        page.get_by_role(
            "link", name=either("Participants and registrations", "Partecipanti e iscrizioni")
        ).click()
        page.wait_for_url("**/admin/import/participants/")

        template = page.get_by_role("link", name="XLSX")
        answer = context.request.get(live_server.url + template.get_attribute("href"))
        assert answer.status == 200 and answer.headers["content-type"] == XLSX

        page.set_input_files(
            "input[name=file]",
            files=[
                {
                    "name": "anno.xlsx",
                    "mimeType": XLSX,
                    "buffer": year_data.xlsx(year_data.PARTICIPANT_HEADER, rows),
                }
            ],
        )
        page.get_by_role("button", name=either("Check the file", "Controlla il file")).click()
        page.locator("button[name=confirm]").wait_for(timeout=60000)
        assert page.locator("table.listing tbody tr").count() == expected["registrations"]
        assert not Participant.objects.exists(), "the check saves nothing"

        page.locator("button[name=confirm]").click()
        page.locator(".messages .success").wait_for(timeout=60000)
        assert page.locator("button[name=confirm]").count() == 0
        assert Participant.objects.count() == expected["people"]
        assert Registration.objects.count() == expected["registrations"]
    finally:
        page.close()
        context.close()
