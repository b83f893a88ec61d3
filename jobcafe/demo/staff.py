"""The demo's staff logins: the administrator and one user for each role."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group

from core.roles import ensure_roles
from jobcafe.demo import content
from jobcafe.demo.specs import StaffAccount


@dataclass
class Staff:
    admin: AbstractUser
    coordinator: AbstractUser
    facilitator: AbstractUser
    association_editor: AbstractUser
    desk_operator: AbstractUser


def seed_staff(*, password: str) -> Staff:
    ensure_roles()
    return Staff(
        admin=staff_user(content.ADMIN, password=password),
        coordinator=staff_user(content.COORDINATOR, password=password),
        facilitator=staff_user(content.FACILITATOR, password=password),
        association_editor=staff_user(content.ASSOCIATION_EDITOR, password=password),
        desk_operator=staff_user(content.DESK_OPERATOR, password=password),
    )


def staff_user(account: StaffAccount, *, password: str) -> AbstractUser:
    """The account's user, in its role, with a verified e-mail.

    The password is set only when the user is created: a re-run leaves a changed
    password alone.
    """
    user, created = get_user_model().objects.get_or_create(
        username=account.username,
        defaults={
            "email": account.email,
            "first_name": account.first_name,
            "last_name": account.last_name,
            "is_staff": account.superuser,
            "is_superuser": account.superuser,
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    if account.role:
        user.groups.add(Group.objects.get(name=account.role))
    EmailAddress.objects.get_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    return user
