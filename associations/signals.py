"""Receivers that keep the events moderation workflow in place (connected in apps.py)."""

from django.db import connection

from associations.services import ensure_moderation
from core.roles import COORDINATORS
from events.models import EventIndexPage

# What the workflow is made of: a migrate that stops short of them leaves it for the next.
WORKFLOW_TABLES = {"wagtailcore_workflow", "wagtailcore_groupapprovaltask", "events_eventindexpage"}


def attach_workflow(sender, instance, **kwargs):
    """A main events index published by hand gets the events workflow at once."""
    if isinstance(instance, EventIndexPage) and instance.organisation_id is None:
        ensure_moderation()


def ensure_moderation_with_roles(sender, groups, **kwargs):
    """The events workflow is approved by Coordinators: (re)create it with the roles."""
    if not WORKFLOW_TABLES.issubset(connection.introspection.table_names()):
        return  # a partial migration: the next full `migrate` creates it
    ensure_moderation(coordinators=groups[COORDINATORS])
