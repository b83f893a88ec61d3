"""django-recurrence's widget, with its JavaScript strings in the editor's language.

The package looks for Django's removed `javascript_catalog` view and ships no
Italian catalogue, so out of the box the widget is English in an Italian admin.
Our catalogue (groups/locale/<lang>/LC_MESSAGES/djangojs.po) is served by an
admin URL and loaded before the widget's scripts, which call gettext on load.
A small stylesheet makes the widget fit Wagtail's editor (see its comments).
"""

from django import forms
from django.urls import reverse
from recurrence.forms import RecurrenceWidget as BaseRecurrenceWidget


class RecurrenceWidget(BaseRecurrenceWidget):
    @property
    def media(self):
        base = super().get_media()
        css = {"all": [*base._css.get("all", []), "groups/css/recurrence-admin.css"]}
        return forms.Media(js=[reverse("groups_recurrence_jsi18n"), *base._js], css=css)
