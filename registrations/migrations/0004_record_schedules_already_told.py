"""Every seat held before schedules were kept: record the dates of today, sequence 0.

What these people were told before is not known (their old invitations had one event
per session); from now on a change is told against the schedule of the day this ran.
The snapshot's layout is `registrations.schedules.item()`'s, written out here because
a migration must not depend on code that may change.
"""

from django.db import migrations


def record_todays_schedules(apps, schema_editor):
    Registration = apps.get_model("registrations", "Registration")
    SentSchedule = apps.get_model("registrations", "SentSchedule")
    Session = apps.get_model("activities", "Session")
    pending = Registration.objects.filter(status="confirmed", sent_schedule__isnull=True)
    rows = []
    for registration in pending.select_related("activity", "activity__location").iterator():
        activity = registration.activity
        place = activity.location
        address = f"{place.name}, {place.address}, {place.town}" if place else ""
        sessions = (
            Session.objects.filter(activity_id=activity.pk, end__gte=registration.created_at)
            .exclude(status="cancelled")
            .order_by("start", "pk")
        )
        told = [
            {
                "id": s.pk,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "title": activity.title,
                "place": address,
                "topic": s.topic,
                "note": s.note,
            }
            for s in sessions
        ]
        rows.append(SentSchedule(registration=registration, sequence=0, sessions=told))
    SentSchedule.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0003_contact_preferences_and_sent_schedules"),
        ("activities", "0004_dates_within_sane_years"),
    ]

    operations = [
        migrations.RunPython(record_todays_schedules, migrations.RunPython.noop),
    ]
