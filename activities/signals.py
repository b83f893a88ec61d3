"""Publishing an activity page writes out its sessions."""

from activities.models import ActivityPage
from activities.scheduling import sync_sessions


def sync_sessions_on_publish(sender, instance, **kwargs):
    if isinstance(instance, ActivityPage):
        sync_sessions(instance)
