"""Privacy → Privacy and retention (the settings' edit screen) and Privacy → Retention (the
report), as coordinators and the other roles see them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from core.privacy import retention
from core.privacy.models import PrivacySettings, RetentionRun
from core.roles import ASSOCIATION_EDITORS, COORDINATORS, DESK_OPERATORS, FACILITATORS
from tests.core.privacy.fake_rules import BROKEN, OLD_MESSAGES, installed, message_sent
from tests.factories import UserFactory, user_in_role

REPORT = "/admin/privacy/retention/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}

pytestmark = pytest.mark.django_db


def settings_url() -> str:
    """The settings' edit screen (the one record's id: not always 1 on PostgreSQL, whose
    sequences go on across tests)."""
    return reverse(
        "wagtailsettings:edit", args=["privacy", "privacysettings", PrivacySettings.load().pk]
    )


def settings_form(**changes) -> dict:
    """Every field of the settings' form as saved now, with `changes`."""
    saved = PrivacySettings.load()
    fields = [f.name for f in PrivacySettings._meta.fields if f.name != "id"]
    return {name: getattr(saved, name) for name in fields} | changes


@pytest.fixture
def coordinator(client):
    client.force_login(user_in_role(COORDINATORS, username="coordinatrice"))
    PrivacySettings.load()  # the row exists, as after the first visit
    return client


# The settings' screen.


def test_the_settings_screen_has_two_sections_with_help(coordinator):
    page = coordinator.get(settings_url(), **EN).content.decode()
    assert "Controller and DPO" in page
    assert "Retention periods" in page
    assert "safe defaults" in page
    assert page.index("Controller and DPO") < page.index("Retention periods")


def test_every_setting_is_on_the_screen():
    """A field added to the settings must be added to a section too, or nobody can set it."""
    on_screen = {
        panel.field_name for section in PrivacySettings.panels for panel in section.children
    }
    assert on_screen == {f.name for f in PrivacySettings._meta.fields} - {"id"}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "A period must be at least 1"),
        ("-1", "A period must be at least 1"),
        ("121", "At most 120 months (ten years)."),
    ],
)
def test_a_period_out_of_bounds_is_refused_with_a_clear_message(coordinator, value, message):
    response = coordinator.post(
        settings_url(), settings_form(participant_inactive_months=value), **EN
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The setting could not be saved due to errors." in page
    assert message in page
    assert PrivacySettings.load().participant_inactive_months == 24


def test_a_wrong_period_saves_nothing_else_either(coordinator):
    coordinator.post(
        settings_url(),
        settings_form(message_log_days="0", controller_name="Comune di Lainate"),
        **EN,
    )
    saved = PrivacySettings.load()
    assert (saved.message_log_days, saved.controller_name) == (180, "")


def test_a_good_period_is_saved(coordinator):
    response = coordinator.post(settings_url(), settings_form(participant_inactive_months=18))
    assert response.status_code == 302
    assert PrivacySettings.load().participant_inactive_months == 18


# The report.


def test_the_report_shows_what_the_next_run_will_do(coordinator):
    message_sent(days_ago=200)
    message_sent(days_ago=190)
    message_sent(days_ago=10)
    with installed(OLD_MESSAGES):
        page = coordinator.get(REPORT, **EN).content.decode()
    row = _row(page, "Old messages: deleted")
    assert "180 days after they were sent, then deleted" in row
    assert "<td>2</td>" in row


def test_the_report_follows_the_periods_in_force(coordinator):
    message_sent(days_ago=40)
    PrivacySettings.objects.update(message_log_days=30)
    with installed(OLD_MESSAGES):
        page = coordinator.get(REPORT, **EN).content.decode()
    row = _row(page, "Old messages: deleted")
    assert "30 days after they were sent" in row and "<td>1</td>" in row


def test_a_rule_that_cannot_count_does_not_break_the_report(coordinator):
    message_sent(days_ago=200)
    with installed(BROKEN, OLD_MESSAGES):
        response = coordinator.get(REPORT, **EN)
    assert response.status_code == 200
    page = response.content.decode()
    assert "not counted" in _row(page, "Old notes: erased")
    assert "<td>1</td>" in _row(page, "Old messages: deleted")


def test_the_report_shows_the_last_runs_with_counts_and_no_names(coordinator):
    message_sent(days_ago=200, to="Zebedeo Quintavalle <zebedeo@example.org>")
    with installed(BROKEN, OLD_MESSAGES):
        retention.run()
        page = coordinator.get(REPORT, **EN).content.decode()
    runs = page[page.index('data-testid="last-runs"') :]
    assert "1 · Old messages: deleted" in runs
    assert "failed</span> Old notes: erased" in runs
    assert "Quintavalle" not in page and "zebedeo" not in page
    assert "never run" not in page
    assert "In the last run one rule failed" in page


def test_a_last_run_without_failures_raises_no_warning(coordinator):
    with installed(OLD_MESSAGES):
        retention.run()
        page = coordinator.get(REPORT, **EN).content.decode()
    assert "Nothing was due." in page  # a rule that found nothing is left out
    assert "Old messages: deleted" not in page.split('data-testid="last-runs"')[1]
    assert "rule failed" not in page and "rules failed" not in page


def test_the_report_says_when_the_job_never_ran(coordinator):
    page = coordinator.get(REPORT, **EN).content.decode()
    assert "The retention job has never run." in page
    assert "Is the daily job scheduled?" in page
    assert "No run yet." in page


def test_the_report_says_when_the_job_has_not_run_for_more_than_two_days(coordinator):
    started = timezone.now() - datetime.timedelta(days=3)
    RetentionRun.objects.create(started_at=started, finished_at=started)
    page = coordinator.get(REPORT, **EN).content.decode()
    assert "more than 2 days ago" in page
    assert "Is the daily job scheduled?" in page


def test_a_run_yesterday_is_not_late(coordinator):
    started = timezone.now() - datetime.timedelta(days=1)
    RetentionRun.objects.create(started_at=started, finished_at=started, counts={})
    page = coordinator.get(REPORT, **EN).content.decode()
    assert "Is the daily job scheduled?" not in page


def test_with_no_rules_the_report_says_there_is_nothing_to_do(coordinator, monkeypatch):
    get_hooks = hooks.get_hooks
    monkeypatch.setattr(
        hooks, "get_hooks", lambda name: [] if name == "retention_rules" else get_hooks(name)
    )
    page = coordinator.get(REPORT, **EN).content.decode()
    assert "No retention rules are installed" in page


def test_the_report_links_to_the_periods(coordinator):
    page = coordinator.get(REPORT, **EN).content.decode()
    assert 'href="/admin/settings/privacy/privacysettings/"' in page
    assert "Change the periods" in page


def test_the_report_reads_the_same_number_of_queries_for_one_run_or_ten(coordinator):
    now = timezone.now()

    def queries():
        with installed(OLD_MESSAGES), CaptureQueriesContext(connection) as captured:
            assert coordinator.get(REPORT).status_code == 200
        return len(captured)

    RetentionRun.objects.create(started_at=now, finished_at=now, counts={OLD_MESSAGES.key: 1})
    one = queries()
    for days in range(1, 10):
        at = now - datetime.timedelta(days=days)
        RetentionRun.objects.create(started_at=at, finished_at=at, counts={OLD_MESSAGES.key: 1})
    assert queries() == one


# Who gets in.


@pytest.mark.parametrize("role", [FACILITATORS, DESK_OPERATORS, ASSOCIATION_EDITORS])
@pytest.mark.parametrize("url", [REPORT, "settings"])
def test_other_staff_are_refused(client, role, url):
    PrivacySettings.load()
    client.force_login(user_in_role(role))
    response = client.get(settings_url() if url == "settings" else REPORT, **EN)
    # Wagtail's answer to a refusal (PermissionDenied) in its admin: back to the dashboard,
    # with "Sorry, you do not have permission to access this area."
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "do not have permission" in client.get("/admin/", **EN).content.decode()
    post = client.post(settings_url(), settings_form(participant_inactive_months=1), follow=False)
    assert post.status_code in (302, 403)
    assert PrivacySettings.load().participant_inactive_months == 24


def test_residents_and_visitors_are_sent_to_log_in(client):
    assert client.get(REPORT)["Location"].startswith("/admin/login/")
    client.force_login(UserFactory(username="residente"))
    assert client.get(REPORT)["Location"].startswith("/admin/login/")


def test_the_privacy_menu_is_for_coordinators_only(client, coordinator):
    page = coordinator.get("/admin/").content.decode()
    assert REPORT in page
    client.force_login(user_in_role(FACILITATORS))
    assert REPORT not in client.get("/admin/").content.decode()


def _row(page: str, label: str) -> str:
    """The table row holding `label`."""
    at = page.index(label)
    return page[page.rindex("<tr", 0, at) : page.index("</tr>", at)]
