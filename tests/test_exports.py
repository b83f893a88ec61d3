"""Every CSV/XLSX the product writes is spreadsheet-safe: no cell starts with a live formula.

The exports are discovered from the URL resolver, not listed by hand:

- Wagtail's built-in exports are the views built on `SpreadsheetExportMixin` (our viewsets'
  `list_export`, our `ReportView`s, Wagtail's own reports such as the site history); each is
  downloaded with `?export=csv` and `?export=xlsx`.
- Our own downloads are found by opening every URL whose view lives in one of the project's
  apps and keeping the responses that are CSV or XLSX files.

Every discovered export is downloaded as a coordinator (as a superuser where a coordinator may
not open it) after seeding a participant, a course edition, a location, an organisation,
attendance marks, a counselling record, follow-up notes and a site-history entry whose text is
a formula. A new export is therefore checked as soon as its URL exists; a URL with a parameter
this test cannot fill fails the test until `url_values` learns it, and a URL of ours without a
name (which cannot be reversed) fails it too.

Not discoverable from the resolver: views behind a dispatcher function that picks the view
class per request (Wagtail's page explorer and form submissions, `page_viewset_registry` and
`get_submissions_list_view`). The project has neither a page listing export nor form pages;
they inherit `SpreadsheetExportMixin`, so the guard covers them (see tests/core).
"""

import csv
import datetime
import io
import itertools
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.log_actions import log

from activities.models import Session
from appointments import booking
from attendance.models import AttendanceMethod
from attendance.services import record_attendance, record_counselling
from core.roles import COORDINATORS
from core.spreadsheets import FORMULA_STARTS
from registrations.models import Registration, RegistrationStatus
from stats.models import Outcome, OutcomeKind, SupportMeasure
from tests.factories import (
    ContactRequestFactory,
    LocationFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
    make_availability,
    make_edition,
    user_in_role,
)

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x","Apri")'
ESCAPED = "'" + FORMULA
NUMBER = re.compile(r"[-+]?\d+([.,]\d+)?")
SPREADSHEET_TYPES = ("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml")

# Exports that show people's own text: each must show the seeded formula, escaped. This is a
# floor that proves the seeding reaches them, not the list of exports (that is discovered).
MUST_SHOW_THE_FORMULA = {
    "participants:index",
    "registrations_admin:index",
    "registrations_admin:export",
    "attendance:register_csv",
    "attendance_marks:index",
    "attendance_changes:index",
    "attendance_counselling:index",
    "wagtailadmin_reports:site_history",
}


def url_patterns(patterns=None, namespace=None):
    """(qualified name or None, URLPattern) for every URL of the site."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or None
            if namespace and inner:
                inner = f"{namespace}:{inner}"
            yield from url_patterns(pattern.url_patterns, inner or namespace)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, pattern


def our_modules():
    """Top-level packages of the project's own apps (those inside the code base)."""
    base = Path(settings.BASE_DIR).resolve()
    ours = [c for c in apps.get_app_configs() if Path(c.path).resolve().parent == base]
    return {c.name.split(".")[0] for c in ours}


def is_wagtail_export(pattern) -> bool:
    view_class = getattr(pattern.callback, "view_class", None)
    return view_class is not None and issubclass(view_class, SpreadsheetExportMixin)


def is_ours(pattern, modules) -> bool:
    view = getattr(pattern.callback, "view_class", pattern.callback)
    return view.__module__.split(".")[0] in modules


def urls_for(name, pattern, values):
    """Every URL of `pattern` with its parameters filled from `values`."""
    params = sorted(pattern.pattern.regex.groupindex)
    unknown = [p for p in params if p not in values]
    if unknown:
        pytest.fail(f"{name}: teach url_values what to put in {unknown}")
    for combination in itertools.product(*(values[p] for p in params)):
        yield reverse(name, kwargs=dict(zip(params, combination, strict=True)))


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def is_spreadsheet(response) -> bool:
    return response.status_code == 200 and response.get("Content-Type", "").startswith(
        SPREADSHEET_TYPES
    )


def cells_of(response):
    body = body_of(response)
    if response["Content-Type"].startswith("text/csv"):
        text = body.decode("utf-8-sig")
        return [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    workbook = load_workbook(io.BytesIO(body))
    return [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def formula_cells(cells) -> list:
    """Cells a spreadsheet would run: formula-looking text that is not a plain number."""
    unsafe = []
    for cell in cells:
        if isinstance(cell, str):
            value = cell
        elif cell.data_type == "f":
            unsafe.append(cell.value)
            continue
        else:
            value = cell.value
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            if not NUMBER.fullmatch(value):
                unsafe.append(value)
    return unsafe


def shows_the_formula_escaped(cells) -> bool:
    texts = (c if isinstance(c, str) else c.value for c in cells)
    return any(isinstance(t, str) and t.startswith(ESCAPED) for t in texts)


@pytest.fixture
def seeded():
    """People, activities and records whose text a spreadsheet would run as a formula."""
    coordinator = user_in_role(COORDINATORS)
    days = [timezone.localdate() - datetime.timedelta(days=7 * i + 1) for i in (2, 1, 0)]
    edition = make_edition(title=FORMULA, days=days, location=LocationFactory(name=FORMULA))
    organisation = OrganisationFactory(name=FORMULA)
    participant = ParticipantFactory(
        first_name=FORMULA, last_name=FORMULA, municipality=FORMULA, phone="+39 333 1234567"
    )
    registration = Registration.objects.create(
        participant=participant, activity=edition, status=RegistrationStatus.CONFIRMED
    )
    session = Session.objects.filter(activity=edition).order_by("start").first()
    for status in ("present", "absent"):  # a mark, then its correction (a change)
        record_attendance(
            session=session,
            marks={participant.pk: status},
            method=AttendanceMethod.ADMIN,
            by=coordinator,
        )
    counselling = record_counselling(
        participant=participant,
        activity=edition,
        date=days[0],
        counsellor=FORMULA,
        done=True,
        by=coordinator,
    )
    Outcome.objects.create(
        participant=participant, kind=OutcomeKind.PERMANENT, date=days[0], notes=FORMULA
    )
    SupportMeasure.objects.create(participant=participant, amount=-1, date=days[0], notes=FORMULA)
    log(participant, "wagtail.edit", user=coordinator)
    # The desk: a request whose name is a formula, booked into one of its times.
    contact = ContactRequestFactory(name=FORMULA, notes=FORMULA)
    slot = make_availability(host=coordinator).slots.first()
    appointment = booking.book(slot, request=contact, by=coordinator)
    url_values = {
        "pk": sorted(
            {participant.pk, organisation.pk, session.pk, registration.pk, counselling.pk}
        ),
        "activity_pk": [edition.pk],
        "activity_id": [edition.pk],
        "page_id": [edition.pk],
        "session_id": [session.pk],
        "request_id": [contact.pk],
        "appointment_id": [appointment.pk],
        "slot_id": [slot.pk],
        "participant_id": [participant.pk],
        "slug": [organisation.slug],
        "action": ["approve"],
        "table": ["all"],
        "fmt": ["csv", "xlsx"],
        "token": ["unknown"],
    }
    return coordinator, url_values


def test_every_export_writes_formulas_as_text(client, seeded):
    coordinator, url_values = seeded
    superuser = UserFactory(is_superuser=True, is_staff=True)
    modules = our_modules()
    downloads = []  # (name, url, user) of every export to check
    for name, pattern in url_patterns():
        if name is None:
            assert not is_ours(pattern, modules), f"name {pattern} so this test can reverse it"
            continue
        if is_wagtail_export(pattern):
            for url in urls_for(name, pattern, url_values):
                downloads += [
                    (name, f"{url}?export={fmt}", user)
                    for fmt in SpreadsheetExportMixin.FORMATS
                    for user in (coordinator, superuser)
                ]
        elif is_ours(pattern, modules):
            downloads += [(name, url, coordinator) for url in urls_for(name, pattern, url_values)]

    checked, unsafe, escaped = set(), {}, set()
    for name, url, user in downloads:
        if (name, url) in checked:
            continue  # a coordinator could download it; no need to ask as superuser
        client.force_login(user)
        response = client.get(url)
        if not is_spreadsheet(response):
            continue
        checked.add((name, url))
        cells = cells_of(response)
        if formulas := formula_cells(cells):
            unsafe[url] = formulas
        if shows_the_formula_escaped(cells):
            escaped.add(name)

    assert not unsafe
    checked_names = {name for name, _url in checked}
    assert {"stats_export", "wagtailadmin_reports:site_history"} <= checked_names
    assert MUST_SHOW_THE_FORMULA <= escaped, MUST_SHOW_THE_FORMULA - escaped
