"""Partner organisations' staff and their part of the site: the rules, in one place.

Views, admin views, the demo seed and tests call these functions; who may see what is
in associations.permissions. Each organisation gets:
- a Wagtail group "Association: <name>" with add/change (never publish) page permissions on
- its own events index under the main events index, and
- its own image collection;
- its staff are in that group and in "Association editors" (which gives the reduced admin).
Everything published under the main events index goes through the "Approvazione eventi"
workflow, approved by the Coordinators group.
"""

import datetime
import logging

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from activities.models import Organisation
from associations.emails import send_invitation
from associations.models import (
    Invitation,
    OrganisationMembership,
    OrganisationSpace,
    hash_token,
    new_token,
)
from attendance.models import ATTENDED_STATUSES, Attendance
from core.roles import ASSOCIATION_EDITORS, COORDINATORS, permission_for
from events.models import EventIndexPage
from registrations import seats
from registrations.models import Registration, RegistrationStatus

logger = logging.getLogger("jobcafe.associations")

GROUP_PREFIX = "Association: "
WORKFLOW_NAME = "Approvazione eventi"
TASK_NAME = "Approvazione dei coordinatori"
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
EDITOR_IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")


class AssociationError(Exception):
    """A rule was broken; the message is translated and can be shown as it is."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def invitation_lifetime() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "JOBCAFE_INVITATION_DAYS", 7))


# --- The events tree and moderation -------------------------------------------------------


def main_events_index(*, create: bool = False):
    """The site's main events index (the top one with no organisation)."""

    index = EventIndexPage.objects.filter(organisation=None).order_by("depth", "path").first()
    if index is not None or not create:
        return index
    site = Site.objects.order_by("-is_default_site", "pk").select_related("root_page").first()
    home = site.root_page if site is not None else None
    if home is None:
        raise AssociationError(_("The site has no home page yet: create it first."))
    index = EventIndexPage(title=_("Events"), slug="eventi")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def ensure_moderation(coordinators: Group | None = None):
    """Create (once) the events workflow and attach it to the main events index.

    Idempotent: runs after every migrate (with the Coordinators group the roles just got)
    and whenever an organisation gets its space.
    """
    if coordinators is None:
        coordinators, _created = Group.objects.get_or_create(name=COORDINATORS)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(coordinators)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    index = main_events_index()
    if index is not None:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def _unique_child_slug(parent, base: str) -> str:
    base = (slugify(base) or "organizzazione")[:60]
    slug, n = base, 2
    while parent.get_children().filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def ensure_space(*, organisation: Organisation) -> OrganisationSpace:
    """The organisation's group, events index and image collection, created when missing."""

    space = OrganisationSpace.objects.select_for_update().filter(organisation=organisation).first()
    if space is None:
        group, _created = Group.objects.get_or_create(
            name=f"{GROUP_PREFIX}{organisation.name}"[:150]
        )
        space = OrganisationSpace.objects.create(organisation=organisation, group=group)
    group = space.group

    index = space.events_index
    if index is None:
        parent = main_events_index(create=True)
        index = EventIndexPage(
            title=organisation.name,
            slug=_unique_child_slug(parent, organisation.slug),
            organisation=organisation,
            intro=_("Events organised by %(name)s.") % {"name": organisation.name},
        )
        parent.add_child(instance=index)
        index.save_revision().publish()
        space.events_index = index
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=index, permission=permission_for(f"wagtailcore.{codename}")
        )

    collection = space.collection
    if collection is None:
        root = Collection.get_first_root_node() or Collection.add_root(name="Root")
        collection = root.get_children().filter(name=organisation.name).first()
        if collection is None:
            collection = root.add_child(name=organisation.name)
        space.collection = collection
    for codename in EDITOR_IMAGE_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=permission_for(f"wagtailimages.{codename}"),
        )

    space.save()
    ensure_moderation()
    return space


# --- Members ---------------------------------------------------------------------------------


@transaction.atomic
def add_member(*, organisation: Organisation, user, by=None) -> OrganisationMembership:
    """Make `user` one of the organisation's editors. Idempotent."""
    space = ensure_space(organisation=organisation)
    membership, created = OrganisationMembership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"created_by": by}
    )
    editors, _created = Group.objects.get_or_create(name=ASSOCIATION_EDITORS)
    user.groups.add(space.group, editors)
    if created:
        log(
            organisation,
            "jobcafe.association.member_added",
            user=by,
            data={"member": user.get_username()},
        )
    return membership


@transaction.atomic
def remove_member(*, organisation: Organisation, user, by=None) -> None:
    deleted, _details = OrganisationMembership.objects.filter(
        user=user, organisation=organisation
    ).delete()
    if not deleted:
        raise AssociationError(_("This person is not on the organisation's staff."))
    space = OrganisationSpace.objects.filter(organisation=organisation).first()
    if space is not None:
        user.groups.remove(space.group)
    if not OrganisationMembership.objects.filter(user=user).exists():
        user.groups.remove(*Group.objects.filter(name=ASSOCIATION_EDITORS))
    log(
        organisation,
        "jobcafe.association.member_removed",
        user=by,
        data={"member": user.get_username()},
    )


# --- Invitations -----------------------------------------------------------------------------


@transaction.atomic
def invite(*, organisation: Organisation, email: str, invited_by) -> Invitation:
    """Invite someone by e-mail to join the organisation's staff.

    An earlier invitation still waiting for the same person is withdrawn, so only the
    newest link works. The returned invitation carries the token in `.token` (not stored).
    """
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise AssociationError(_("Enter a valid e-mail address.")) from error
    if OrganisationMembership.objects.filter(
        organisation=organisation, user__email__iexact=email
    ).exists():
        raise AssociationError(
            _("%(email)s is already on the staff of %(name)s.")
            % {"email": email, "name": organisation.name}
        )
    ensure_space(organisation=organisation)
    now = timezone.now()
    Invitation.objects.pending(now).filter(organisation=organisation, email=email).update(
        revoked_at=now
    )
    token = new_token()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        token_hash=hash_token(token),
        invited_by=invited_by,
        expires_at=now + invitation_lifetime(),
    )
    invitation.token = token
    log(organisation, "jobcafe.association.invited", user=invited_by, data={"email": email})

    send_invitation(invitation, token)
    return invitation


def invitation_for_token(token: str) -> Invitation:
    """The invitation this link belongs to, if it can still be used."""
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if invitation is None:
        raise AssociationError(
            _(
                "This invitation link is not valid. Check that you copied "
                "the whole link, or ask for a new invitation."
            )
        )
    if invitation.accepted_at is not None:
        raise AssociationError(
            _(
                "This invitation has already been used. Log in with your "
                "e-mail address and password."
            )
        )
    if invitation.revoked_at is not None:
        raise AssociationError(
            _(
                "This invitation was withdrawn or replaced by a newer one: "
                "use the link in the most recent e-mail."
            )
        )
    if invitation.expires_at <= timezone.now():
        raise AssociationError(
            _("This invitation has expired. Ask the coordinators to send you a new one.")
        )
    return invitation


def check_invitee(invitation: Invitation, user) -> None:
    """Someone logged in may accept only an invitation sent to their own address."""
    if user is None or not user.is_authenticated:
        return
    if (user.email or "").lower() != invitation.email:
        raise AssociationError(
            _(
                "This invitation was sent to %(email)s, but you are logged in with another "
                "account. Log out and open the link again."
            )
            % {"email": invitation.email}
        )


def _username_for(email: str) -> str:
    User = get_user_model()
    base = email[:140]
    username, n = base, 2
    while User.objects.filter(username__iexact=username).exists():
        username, n = f"{base}-{n}", n + 1
    return username


@transaction.atomic
def accept_invitation(
    *, token: str, user=None, password: str = "", first_name: str = "", last_name: str = ""
):
    """Join the organisation the invitation is for; returns the (possibly new) user.

    Following the link proves the person reads that mailbox, so the e-mail address is
    marked verified. Someone who already has an account must be logged in with it.
    """

    invitation = invitation_for_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise AssociationError(_("This invitation has already been used."))
    User = get_user_model()
    existing = User.objects.filter(email__iexact=invitation.email).first()

    if user is not None and user.is_authenticated:
        check_invitee(invitation, user)
    elif existing is not None:
        raise AssociationError(
            _(
                "An account with this e-mail address already exists: log "
                "in first, then open the invitation link again."
            )
        )
    else:
        first_name, last_name = first_name.strip(), last_name.strip()
        if not first_name or not last_name:
            raise AssociationError(_("Please enter your first and last name."))
        user = User(
            username=_username_for(invitation.email),
            email=invitation.email,
            first_name=first_name[:150],
            last_name=last_name[:150],
        )
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise AssociationError(" ".join(error.messages)) from error
        user.set_password(password)
        user.save()

    address, _created = EmailAddress.objects.get_or_create(
        user=user,
        email__iexact=invitation.email,
        defaults={"email": invitation.email, "primary": True, "verified": True},
    )
    if not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])

    add_member(organisation=invitation.organisation, user=user, by=invitation.invited_by)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    log(
        invitation.organisation,
        "jobcafe.association.joined",
        user=user,
        data={"email": invitation.email},
    )
    return user


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, by) -> None:
    if not invitation.is_pending:
        raise AssociationError(_("Only an invitation that is still waiting can be withdrawn."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    log(
        invitation.organisation,
        "jobcafe.association.invitation_withdrawn",
        user=by,
        data={"email": invitation.email},
    )


# --- Counts of their events -------------------------------------------------------------


def event_counts(events) -> dict[int, dict[str, int]]:
    """Registered (confirmed) and attended (present or late at least once) people per event.

    Two aggregate queries whatever the number of events; no personal data.
    """

    ids = [e.pk for e in events]
    counts = {pk: {"registered": 0, "waitlisted": 0, "attended": 0} for pk in ids}
    rows = (
        Registration.objects.filter(activity_id__in=ids)
        .values("activity_id")
        .annotate(
            registered=seats.taken_count(),
            waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        )
    )
    for row in rows:
        counts[row["activity_id"]].update(
            registered=row["registered"], waitlisted=row["waitlisted"]
        )
    rows = (
        Attendance.objects.filter(session__activity_id__in=ids, status__in=ATTENDED_STATUSES)
        .values("session__activity_id")
        .annotate(attended=Count("participant", distinct=True))
    )
    for row in rows:
        counts[row["session__activity_id"]]["attended"] = row["attended"]
    return counts
