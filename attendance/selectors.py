"""Read-only questions about attendance marks, for screens of other apps."""

from django.db.models import Count, Q

from attendance.models import ATTENDED_STATUSES, Attendance, AttendanceStatus


def attendance_counts_by_activity(participant) -> dict[int, dict[str, int]]:
    """{activity id: {"attended", "excused", "absent"}} for one person, in one query.

    Attended means present or late (`ATTENDED_STATUSES`).
    """
    rows = (
        Attendance.objects.filter(participant=participant)
        .values("session__activity")
        .annotate(
            attended=Count("pk", filter=Q(status__in=ATTENDED_STATUSES)),
            excused=Count("pk", filter=Q(status=AttendanceStatus.EXCUSED)),
            absent=Count("pk", filter=Q(status=AttendanceStatus.ABSENT)),
        )
    )
    return {row["session__activity"]: row for row in rows}
