"""Who may see and change the privacy settings, the retention report and the records of
processing: coordinators (the data protection officer is given that role)."""

from core.roles import is_coordinator


def can_manage_privacy(user) -> bool:
    return is_coordinator(user)
