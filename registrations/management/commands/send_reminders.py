from django.core.management.base import BaseCommand

from registrations.reminders import remind_task


class Command(BaseCommand):
    help = (
        "Queue a reminder, by each person's channel, to everyone holding a seat for a session "
        "that starts tomorrow. "
        "Safe to run several times a day: nobody gets the same reminder twice."
    )

    def handle(self, *args, **options):
        result = remind_task.enqueue()
        self.stdout.write(f"Reminders queued (task {result.id}).")
