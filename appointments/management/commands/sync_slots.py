"""Daily job: every availability's slots written out up to the scheduling horizon."""

from django.core.management.base import BaseCommand

from appointments.slots import sync_all_slots


class Command(BaseCommand):
    help = (
        "Write the appointment slots of every availability up to the horizon and withdraw "
        "the free ones no longer offered. Safe to run several times."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Appointment slots written or withdrawn: {sync_all_slots()}.")
