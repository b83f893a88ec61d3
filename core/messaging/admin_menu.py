"""The "Messages" menu: the messages log and the messages to participants, for coordinators."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from core.messaging.admin_batches import BatchViewSet
from core.messaging.admin_messages import MessageViewSet


class MessagingGroup(ViewSetGroup):
    menu_label = _("Messages")
    menu_icon = "mail"
    menu_name = "messaging"
    menu_order = 220
    items = (MessageViewSet("message_log"), BatchViewSet("message_batches"))
