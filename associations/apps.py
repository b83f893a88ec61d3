from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _

from associations.personal_data import ENTRIES as PERSONAL_DATA
from core.signals import roles_ensured


class AssociationsConfig(AppConfig):
    name = "associations"
    verbose_name = _("Associations")
    # What its models hold about people (core.personal_data collects it).
    personal_data = PERSONAL_DATA
    role_permissions = {
        "Coordinators": [
            "associations.add_invitation",
            "associations.change_invitation",
            "associations.view_invitation",
            "associations.view_organisationmembership",
            "associations.delete_organisationmembership",
        ],
    }
    message_kinds = {"invitation": _("Invitation to partner staff")}

    def ready(self):
        # Models (and so the receivers) can only be imported once the apps are loaded.
        from wagtail.signals import page_published

        from associations import erasure, signals

        page_published.connect(signals.attach_workflow, dispatch_uid="associations_attach_workflow")
        roles_ensured.connect(
            signals.ensure_moderation_with_roles, dispatch_uid="associations_ensure_moderation"
        )
        pre_delete.connect(
            erasure.erase_deleted_login,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="associations.erase_deleted_login",
        )
