"""A resident on a phone and on a desktop: home -> programme -> filter -> group page.

Screenshots go to test-artifacts/; axe-core checks each page for serious or critical
accessibility problems.
"""

import datetime
from pathlib import Path

import pytest

from tests.factories import LocationFactory, make_edition, make_group, programme_page

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.browser
@pytest.mark.parametrize(
    "viewport",
    [{"width": 390, "height": 844}, {"width": 1280, "height": 900}],
    ids=["phone", "desktop"],
)
def test_resident_finds_a_group_in_the_programme(
    page, live_server, wagtail_site, viewport, assert_accessible
):
    programme_page()
    today = datetime.date.today()
    villa = LocationFactory(
        name="Villa Litta",
        town="Lainate",
        accessibility_notes="Ingresso senza gradini dal cortile.",
    )
    make_group(
        title="Over 50: ripartire insieme",
        location=villa,
        audience="over_50",
        capacity=15,
        starts_on=today + datetime.timedelta(days=1),
        intro="Ci si incontra ogni settimana per condividere esperienze e contatti.",
    )
    make_edition(
        title="Tu puoi! Cremona",
        capacity=20,
        audience="young",
        days=[today + datetime.timedelta(days=7 * i + 2) for i in range(7)],
    )
    ARTIFACTS.mkdir(exist_ok=True)
    size = "phone" if viewport["width"] < 500 else "desktop"
    page.set_viewport_size(viewport)

    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).is_visible()
    assert_accessible(page, "home")
    page.screenshot(path=str(ARTIFACTS / f"home-{size}.png"), full_page=True)

    page.get_by_role("link", name="Guarda il programma").click()
    page.wait_for_url("**/programma/")
    assert page.get_by_text("Tu puoi! Cremona").first.is_visible()
    assert_accessible(page, "programme")

    page.get_by_text("Filtra il programma").click()
    page.get_by_label("Cosa").select_option("group")
    page.get_by_role("button", name="Mostra").click()
    page.wait_for_url("**kind=group**")
    assert page.get_by_text("Tu puoi! Cremona").count() == 0
    assert_accessible(page, "filtered programme")
    page.screenshot(path=str(ARTIFACTS / f"programme-{size}.png"), full_page=True)

    page.get_by_role("link", name="Over 50: ripartire insieme").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1, name="Over 50: ripartire insieme").is_visible()
    assert (
        page.get_by_text("Ogni martedì", exact=False).count()
        or page.get_by_text("Ogni ", exact=False).count()
    )
    assert page.get_by_text("Ingresso senza gradini dal cortile.").is_visible()
    assert_accessible(page, "group page")
    page.screenshot(path=str(ARTIFACTS / f"group-{size}.png"), full_page=True)
