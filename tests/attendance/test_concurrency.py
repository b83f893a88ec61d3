"""Double taps and two phones at once: one mark per person and session, never a 500.

record_attendance and the self sign-in lock the session's row, so parallel saves are
serialised (PostgreSQL: row lock; SQLite: IMMEDIATE transactions). These tests run on
PostgreSQL only: SQLite's in-memory test database is shared-cache, where BEGIN IMMEDIATE
fails at once with "table is locked" instead of waiting as a database file does.
"""

import pytest
from django.db import connection

from attendance import excuse, signin
from attendance.models import Attendance, AttendanceChange
from attendance.services import AttendanceError, record_attendance
from registrations.models import Registration

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL for real parallel transactions")


def test_a_double_tap_on_sign_in_marks_once(
    wagtail_site, today_session, participants, anna_user, facilitator, run_at_once
):
    user, anna = anna_user, participants[0]
    code = signin.code_for_session(session=today_session, by=facilitator).code
    results, errors = run_at_once([lambda: signin.sign_in_with_code(user=user, code=code)] * 6)
    assert len([r for r in results if r is not None]) == 1
    assert len(errors) == 5 and all(isinstance(e, AttendanceError) for e in errors)
    assert Attendance.objects.filter(participant=anna).count() == 1


def test_two_phones_saving_the_same_roll_call(
    wagtail_site, today_session, participants, facilitator, coordinator, run_at_once
):
    marks = {p.pk: "present" for p in participants}
    _results, errors = run_at_once(
        [
            lambda: record_attendance(
                session=today_session, marks=marks, method="roll_call", by=facilitator
            ),
            lambda: record_attendance(
                session=today_session, marks=marks, method="roll_call", by=coordinator
            ),
        ]
        * 3
    )
    assert errors == []
    assert Attendance.objects.filter(session=today_session).count() == 3
    assert AttendanceChange.objects.count() == 3  # the later saves changed nothing


def test_control_without_the_lock_a_double_tap_fails_hard(
    wagtail_site, today_session, anna_user, facilitator, monkeypatch, run_at_once
):
    """Proves the double-tap test can fail: without the session lock both taps pass the
    "already marked" check and the second write breaks the unique constraint (a 500)."""
    import threading
    import types

    from django.db import IntegrityError

    from activities.models import Session
    from attendance import services

    class UnlockedSession:
        objects = types.SimpleNamespace(
            select_for_update=lambda *args, **kwargs: Session.objects.all()
        )

    real_mark_errors = services.mark_errors
    # Every tap has checked "already marked?" before any of them writes: the race is certain,
    # not left to the machine's load (a pause alone let one tap finish first on a busy CI).
    all_checked = threading.Barrier(4)

    def slow_mark_errors(session, marks):
        errors = real_mark_errors(session, marks)
        all_checked.wait(timeout=10)
        return errors

    monkeypatch.setattr(signin, "Session", UnlockedSession)
    monkeypatch.setattr(services, "Session", UnlockedSession)
    monkeypatch.setattr(services, "mark_errors", slow_mark_errors)
    code = signin.code_for_session(session=today_session, by=facilitator).code

    def sign_in():
        return signin.sign_in_with_code(user=anna_user, code=code)

    _results, errors = run_at_once([sign_in] * 4)
    assert any(isinstance(error, IntegrityError) for error in errors)


def test_a_double_tap_on_i_cant_come_excuses_once(
    wagtail_site, sessions, participants, run_at_once
):
    registration = Registration.objects.get(participant=participants[0])
    future = sessions[6]
    results, errors = run_at_once(
        [lambda: excuse.excuse(registration=registration, session=future)] * 4
    )
    assert len([r for r in results if r is not None]) == 1
    assert len(errors) == 3 and all(e.code == "already" for e in errors)
    assert AttendanceChange.objects.filter(session=future).count() == 1
