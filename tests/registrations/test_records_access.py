"""The records of processing say truthfully that people see their own data: every kind of row
in a person's copy ("My data") is declared as seen by the person."""

import pytest

from core.data_copy import rows_of
from core.personal_data import THE_PERSON, registry

pytestmark = pytest.mark.django_db


def test_every_kind_of_record_in_a_persons_copy_is_declared_as_seen_by_them(everything):
    _user, me = everything
    kinds = set(rows_of(me))
    assert {"registrations.Registration", "attendance.Attendance", "stats.Outcome"} <= kinds
    not_declared = sorted(label for label in kinds if THE_PERSON not in registry().seen_by(label))
    assert not_declared == []
