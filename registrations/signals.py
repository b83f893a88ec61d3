"""Signals of the registrations floor, for the apps above it (no model imports here)."""

from django.dispatch import Signal

# Sent by `registrations.services.anonymise` inside its transaction, once the participant
# row is erased, with `participant` (already anonymised) and `user` (the login the person
# had, or None). Every app that keeps data about people connects a receiver in its
# `AppConfig.ready()` and erases its own: free text about the person, names in its log
# entries. An exception in a receiver rolls the whole erasure back.
participant_anonymised = Signal()
