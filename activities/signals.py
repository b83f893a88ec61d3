"""Signals of the activities floor, for the apps above it (no model imports here)."""

from django.dispatch import Signal

# "The sessions of this activity changed": sent by `activities.scheduling` inside the
# transaction of the change (a date cancelled, moved, restored or re-worded; a schedule
# change that updated, removed or cancelled sessions; a publish, which may have changed
# the activity's title or place; an edit of a place's address), with `activity_id`.
# Sessions merely added at the end of the horizon send nothing. Receivers act after the
# commit: registrations tells the people holding a seat what changed for them.
sessions_changed = Signal()
