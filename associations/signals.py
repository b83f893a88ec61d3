"""Receivers that keep the events moderation workflow in place (connected in apps.py)."""

from associations.services import ensure_moderation
from events.models import EventIndexPage


def attach_workflow(sender, instance, **kwargs):
    """A main events index published by hand gets the events workflow at once."""
    if isinstance(instance, EventIndexPage) and instance.organisation_id is None:
        ensure_moderation()


def ensure_moderation_with_roles(sender, **kwargs):
    """The events workflow is approved by Coordinators: (re)create it with the roles."""
    ensure_moderation()
