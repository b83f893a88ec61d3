"""A coordinator opens the statistics from the admin menu: charts drawn beside the tables,
and the page prints."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from activities.models import Session
from stats.models import Outcome, OutcomeKind, SupportKind, SupportMeasure
from tests.factories import UserFactory, make_course, make_edition
from tests.stats.conftest import add_people, enrol, mark


def _programme():
    course = make_course(title="Tu puoi!", slug="tu-puoi")
    today = timezone.localdate()
    editions = []
    for n, weeks_ago in ((1, 40), (2, 20)):
        start = today - datetime.timedelta(weeks=weeks_ago)
        editions.append(
            make_edition(
                course,
                title=f"Crema, {n}ª edizione",
                days=[start + datetime.timedelta(weeks=i) for i in range(7)],
            )
        )
    people = add_people(12, referral_source="employment_centre", birth_year=1985)
    people += add_people(6, referral_source="informagiovani", birth_year=1998)
    for edition, members in ((editions[0], people[:10]), (editions[1], people[8:])):
        enrol(edition, members)
        sessions = list(Session.objects.filter(activity=edition))
        mark(sessions, [(p, 7 - i % 5) for i, p in enumerate(members)])
    kinds = [OutcomeKind.TRAINEESHIP] * 4 + [OutcomeKind.FIXED_TERM] * 5 + [OutcomeKind.NONE] * 4
    for i, (person, kind) in enumerate(zip(people, kinds, strict=False)):
        Outcome.objects.create(
            participant=person,
            course_edition=editions[0],
            kind=kind,
            date=today - datetime.timedelta(weeks=30 - 4 * (i % 6)),
        )
        if i % 3 == 0:
            SupportMeasure.objects.create(
                participant=person,
                kind=SupportKind.SUPPORT_PACT,
                amount=Decimal("2000"),
                date=today,
            )


@pytest.mark.browser
def test_charts_are_drawn_beside_the_tables_and_the_page_prints(
    screenshots, browser, live_server, wagtail_site, log_in_to_admin
):
    _programme()
    coordinator = UserFactory(username="coordinatrice")
    coordinator.groups.add(Group.objects.get(name="Coordinators"))

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        log_in_to_admin(page, "coordinatrice")
        page.get_by_role("link", name=re.compile("^(Statistics|Statistiche)$")).click()
        page.wait_for_url("**/admin/statistics/")
        canvases = page.locator("figure.stats-chart canvas")
        assert canvases.count() >= 4
        for key in ("editions", "by_referral_source", "outcomes", "outcome_months"):
            canvas = page.locator(f"canvas[data-chart='chart-data-{key}']")
            box = canvas.bounding_box()
            assert box and box["width"] > 100 and box["height"] > 100, key
            # Chart.js drew it (an instance is bound to the canvas).
            assert canvas.evaluate("c => Chart.getChart(c) !== undefined"), (key, errors)
        # The referral table with its chart beside it, then the editions with theirs below.
        page.locator("#table-by_referral_source").scroll_into_view_if_needed()
        page.screenshot(path=str(screenshots / "statistics-charts.png"), full_page=False)

        page.emulate_media(media="print")
        # Printed: the filters go, the tables and their charts stay, charts within A4 width.
        assert page.locator(".stats-filters").is_hidden()
        assert page.locator("#data-editions").is_visible()
        chart = page.locator("canvas[data-chart='chart-data-editions']")
        assert chart.is_visible()
        assert chart.bounding_box()["width"] <= 17 / 2.54 * 96 + 1
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    finally:
        context.close()
