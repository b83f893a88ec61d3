"""Every demo login, as `seed_demo` prints it: user name, e-mail, password and role.

The list is read back from the database, not from the seeders' texts, so it shows exactly
the accounts the demo password opens (one changed since the first seeding is left out).
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from core.roles import (
    is_association_editor,
    is_coordinator,
    is_desk_operator,
    is_facilitator_role,
)

# In the order a tester meets them: the admin first, residents last.
ROLE_ORDER = (
    "administrator",
    "coordinator",
    "desk operator",
    "facilitator",
    "partner editor",
    "resident",
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    email: str
    role: str


def role_of(user) -> str:
    """The one role a demo tester should try this login for."""
    if user.is_superuser:
        return "administrator"
    if is_coordinator(user):
        return "coordinator"
    if is_desk_operator(user):
        return "desk operator"
    if is_facilitator_role(user):
        return "facilitator"
    if is_association_editor(user):
        return "partner editor"
    return "resident"


def demo_logins(*, password: str) -> list[DemoLogin]:
    """The active accounts that `password` opens, admin first, then by role and user name."""
    users = get_user_model().objects.filter(is_active=True).order_by("username")
    logins = [
        DemoLogin(username=user.username, email=user.email, role=role_of(user))
        for user in users
        if user.check_password(password)
    ]
    return sorted(logins, key=lambda login: ROLE_ORDER.index(login.role))


def logins_table(logins: list[DemoLogin], *, password: str) -> list[str]:
    """Plain-text lines, aligned in columns, for a terminal."""
    rows = [("User name", "E-mail", "Password", "Role")] + [
        (login.username, login.email, password, login.role) for login in logins
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
