"""Counselling rows of the follow-up import go through the counselling service."""

import pytest

from attendance.counselling_import import import_counselling
from attendance.models import CounsellingSession
from core.imports import RowError
from tests.attendance.conftest import EDITION_DAYS
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_recorded_once_then_nothing_to_change(edition, participants):
    anna = participants[0]
    day = EDITION_DAYS[2]
    args = {"participant": anna, "activity": edition, "date": day, "counsellor": "Neri", "by": None}
    assert import_counselling(**args) is not None
    assert import_counselling(**args) is None, "the same row again changes nothing"
    record = CounsellingSession.objects.get()
    assert (record.date, record.counsellor, record.done) == (day, "Neri", True)


def test_refused_like_the_form_for_someone_not_registered(edition):
    with pytest.raises(RowError) as error:
        import_counselling(
            participant=ParticipantFactory(first_name="Bo"),
            activity=edition,
            date=EDITION_DAYS[2],
            counsellor="",
            by=None,
        )
    assert "no confirmed registration" in error.value.message
    assert not CounsellingSession.objects.exists()


def test_a_row_without_date_or_edition_names_the_column(edition, participants):
    with pytest.raises(RowError) as error:
        import_counselling(
            participant=participants[0], activity=None, date=None, counsellor="", by=None
        )
    assert error.value.column == "activity"
