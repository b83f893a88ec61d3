"""The follow-up tells the retention job who had an outcome or support since a cutoff."""

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from wagtail import hooks

from stats import activity
from stats.models import Outcome, SupportMeasure
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def months_ago(months):
    return timezone.now() - relativedelta(months=months)


def with_record(model, *, dated, recorded, **fields):
    person = ParticipantFactory()
    row = model.objects.create(participant=person, date=timezone.localdate(dated), **fields)
    model.objects.filter(pk=row.pk).update(created_at=recorded, updated_at=recorded)
    return person


def test_the_function_is_handed_to_registrations():
    assert activity.participants_active_since in hooks.get_hooks("participant_active_since")


def test_outcomes_and_support_since_the_cutoff_count_older_ones_do_not():
    old, recent = months_ago(30), months_ago(2)
    old_outcome = with_record(Outcome, dated=old, recorded=old, kind="none")
    new_job = with_record(Outcome, dated=recent, recorded=old, kind="fixed_term")
    old_support = with_record(SupportMeasure, dated=old, recorded=old)
    support_recorded_now = with_record(SupportMeasure, dated=old, recorded=recent)

    found = set(activity.participants_active_since(months_ago(24)).values_list("pk", flat=True))

    assert {new_job.pk, support_recorded_now.pk} <= found
    assert not found & {old_outcome.pk, old_support.pk}
