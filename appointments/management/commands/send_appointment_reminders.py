from django.core.management.base import BaseCommand

from appointments.reminders import remind_appointments_task


class Command(BaseCommand):
    help = (
        "Queue a reminder, by each person's channel, of every appointment still booked for "
        "tomorrow. Safe to run several times a day: nobody gets the same reminder twice."
    )

    def handle(self, *args, **options):
        result = remind_appointments_task.enqueue()
        self.stdout.write(f"Appointment reminders queued (task {result.id}).")
