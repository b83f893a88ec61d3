from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.signals import roles_ensured


def _attach_workflow(sender, instance, **kwargs):
    """A main events index published by hand gets the events workflow at once."""
    from events.models import EventIndexPage

    if isinstance(instance, EventIndexPage) and instance.organisation_id is None:
        from associations.services import ensure_moderation

        ensure_moderation()


def _ensure_moderation(sender, **kwargs):
    """The events workflow is approved by Coordinators: (re)create it with the roles."""
    from associations.services import ensure_moderation

    ensure_moderation()


class AssociationsConfig(AppConfig):
    name = "associations"
    verbose_name = _("Associations")
    role_permissions = {
        "Coordinators": [
            "associations.add_invitation",
            "associations.change_invitation",
            "associations.view_invitation",
            "associations.view_organisationmembership",
            "associations.delete_organisationmembership",
        ],
    }

    def ready(self):
        from wagtail.signals import page_published

        page_published.connect(_attach_workflow, dispatch_uid="associations_attach_workflow")
        roles_ensured.connect(_ensure_moderation, dispatch_uid="associations_ensure_moderation")
