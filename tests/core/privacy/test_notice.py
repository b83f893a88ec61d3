"""The privacy notice's facts and its version: read from the settings and the registry, a new
version when what it states changes, kept once per version, one query a request."""

import pytest
from django.core import checks
from django.utils import translation

from core import personal_data as pd
from core.privacy import notice
from core.privacy.models import NoticeVersion, PrivacySettings

pytestmark = pytest.mark.django_db


def _set(**fields):
    saved = PrivacySettings.load()
    for name, value in fields.items():
        setattr(saved, name, value)
    saved.save()


def test_every_purpose_of_the_registry_is_told_once_with_its_bases_and_periods():
    with translation.override("en"):
        told = notice.notice()
        purposes = {str(e.purpose) for e in pd.registry().personal}
    texts = [p.text for p in told.purposes]
    assert sorted(texts) == sorted(purposes)
    registering = next(p for p in told.purposes if p.text.startswith("Registering people"))
    assert registering.bases == ("public task (GDPR art. 6(1)(e))",)
    assert registering.retention == (
        "until 24 months after the person's last activity, then anonymised",
    )
    consent = next(p for p in told.purposes if p.text.startswith("Proving which"))
    assert "consent (GDPR art. 6(1)(a))" in consent.bases


def test_each_kind_of_activity_lists_the_categories_of_its_purposes():
    with translation.override("en"):
        kinds = {k.label: k.categories for k in notice.notice().kinds}
        profile = str(pd.CATEGORY_LABELS[pd.PROFILE])
    course = next(c for label, c in kinds.items() if "course" in label)
    group = next(c for label, c in kinds.items() if "mutual-aid group" in label)
    assert profile in course, "a course asks the year of birth and where one lives"
    assert profile not in group
    assert len(kinds) == 5  # groups, courses, events, the account, the desk


def test_partners_are_told_as_counts_only_and_processors_come_from_the_settings(monkeypatch):
    # Who sees what is declared by the apps (Access entries); here one is set for the test.
    monkeypatch.setitem(
        pd.registry().access, "registrations.Participant", (pd.COORDINATORS, pd.PARTNERS_COUNTS)
    )
    _set(processors="Hosting: Rete Srl\n\n  SMS: Messaggi Spa  ")
    with translation.override("en"):
        told = notice.notice()
    assert "partner organisations, as counts only (never names)" in told.recipients
    assert "the project's coordinators" in told.recipients
    assert told.processors == ("Hosting: Rete Srl", "SMS: Messaggi Spa")


def test_changing_a_period_or_the_controller_makes_a_new_version():
    first = notice.current_version()
    assert first.startswith("2026-01-") and len(first) <= 20
    _set(participant_inactive_months=30)
    second = notice.current_version()
    assert second != first
    _set(controller_name="Comune di Lainate")
    assert notice.current_version() not in (first, second)
    _set(participant_inactive_months=24, controller_name="")
    assert notice.current_version() == first, "the same facts, the same version"


def test_the_version_does_not_depend_on_the_language():
    with translation.override("it"):
        italian = notice.current_version()
    with translation.override("en"):
        assert notice.current_version() == italian


def test_the_editors_prefix_starts_the_version(settings):
    settings.JOBCAFE_PRIVACY_NOTICE_VERSION = "2027-03"
    assert notice.current_version().startswith("2027-03-")


def test_a_consent_keeps_the_facts_of_its_version_once():
    _set(participant_inactive_months=18, controller_name="Comune di Lainate")
    version = notice.version_for_consent()
    assert notice.version_for_consent() == version
    kept = NoticeVersion.objects.get()
    assert kept.version == version
    assert kept.facts["periods"]["participant_inactive"] == 18
    assert kept.facts["controller"][0] == "Comune di Lainate"
    _set(participant_inactive_months=20)
    notice.version_for_consent()
    assert NoticeVersion.objects.count() == 2, "the old version's facts stay"


def test_within_a_request_the_version_costs_one_query(django_assert_num_queries):
    PrivacySettings.load()  # the row exists, as after the first visit to the settings
    notice.begin_request()
    try:
        with django_assert_num_queries(1):
            for _ in range(3):
                notice.current_version()
        _set(participant_inactive_months=40)  # a coordinator saves: the request reads again
        with django_assert_num_queries(1):
            notice.current_version()
    finally:
        notice.end_request()


def test_a_prefix_too_long_for_the_digest_is_an_error(settings):
    settings.JOBCAFE_PRIVACY_NOTICE_VERSION = "privacy-notice-2026"
    errors = [e for e in checks.run_checks() if e.id == "privacy.E001"]
    assert errors
    settings.JOBCAFE_PRIVACY_NOTICE_VERSION = "2026-01"
    assert not [e for e in checks.run_checks() if e.id == "privacy.E001"]
