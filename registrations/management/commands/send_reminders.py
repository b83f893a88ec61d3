from django.core.management.base import BaseCommand

from registrations.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail a reminder to everyone confirmed for a session that starts tomorrow. "
        "Safe to run several times a day: nobody gets the same reminder twice."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"Reminders sent: {sent}")
