"""Follow-up notes erased when the free-text period is over (retention rules).

Registered with the Wagtail hook `retention_rules` (`stats/wagtail_hooks.py`) and run by
`core.privacy.retention`. A note is counted from when its record was last written
(`updated_at`: recorded, or corrected since). The outcome or support measure stays, so the
statistics keep their counts; only the note is emptied, with a bulk update that leaves
`updated_at` as it was. An emptied note matches nothing, so a second run changes nothing.
"""

from django.utils.translation import gettext_lazy as _

from core import personal_data as pd
from core.privacy.retention import RetentionRule, emptying
from stats.models import Outcome, SupportMeasure


def _notes_rule(model, key: str, label) -> RetentionRule:
    def old_notes(periods, now):
        cutoff = periods.cutoff(pd.FREE_TEXT_NOTES, now)
        return model.objects.exclude(notes="").filter(updated_at__lt=cutoff)

    return emptying(key, label, old_notes, "notes")


def retention_rules() -> list[RetentionRule]:
    return [
        _notes_rule(Outcome, "stats.outcome_notes", _("Notes on follow-up outcomes: emptied")),
        _notes_rule(SupportMeasure, "stats.support_notes", _("Notes on support measures: emptied")),
    ]
