"""Erasing a person from the follow-up: outcomes and support measures stay, their notes go.

Connected to `registrations.signals.participant_anonymised` in `StatsConfig.ready()`.
The rows stay so that the statistics keep their counts (work experiences, support
pacts, amounts); the notes staff typed about the person (names, phone numbers, what
happened to them) are blanked, and the log entries are relabelled without the name.
"""

from registrations.erasure import neutralise_log_entries
from stats.models import Outcome, SupportMeasure


def erase_participant(sender, *, participant, **kwargs) -> None:
    for model in (Outcome, SupportMeasure):
        records = list(model.objects.filter(participant=participant))
        model.objects.filter(participant=participant).update(notes="")
        for record in records:
            record.participant = participant
        neutralise_log_entries(records)
