"""Hook registrations only: the admin classes live in admin_menu, admin_messages and
admin_batches."""

from wagtail import hooks

from core.messaging.admin_menu import MessagingGroup


@hooks.register("register_admin_viewset")
def register_messaging_viewsets():
    return MessagingGroup()
