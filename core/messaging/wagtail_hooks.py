"""Hook registrations only: the admin classes live in admin_menu, admin_messages and
admin_batches, the retention rules in retention."""

from wagtail import hooks

from core.messaging.admin_menu import MessagingGroup
from core.messaging.retention import retention_rules


@hooks.register("register_admin_viewset")
def register_messaging_viewsets():
    return MessagingGroup()


# Old messages are deleted, staff messages' text emptied, when their periods are over.
hooks.register("retention_rules", retention_rules)
