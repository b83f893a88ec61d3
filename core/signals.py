"""Signals of the ground floor (importable while apps load: no model imports here)."""

from django.dispatch import Signal

# Sent at the end of `core.roles.ensure_roles()` with `groups` (role name -> Group), so that
# apps hang their own role-dependent setup on it (e.g. the events moderation workflow).
roles_ensured = Signal()
