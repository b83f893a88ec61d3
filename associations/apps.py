from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _attach_workflow(sender, instance, **kwargs):
    """A main events index published by hand gets the events workflow at once."""
    from events.models import EventIndexPage

    if isinstance(instance, EventIndexPage) and instance.organisation_id is None:
        from associations.services import ensure_moderation

        ensure_moderation()


class AssociationsConfig(AppConfig):
    name = "associations"
    verbose_name = _("Associations")

    def ready(self):
        from wagtail.signals import page_published

        page_published.connect(_attach_workflow, dispatch_uid="associations_attach_workflow")
