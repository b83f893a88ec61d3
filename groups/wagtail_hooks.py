from django.urls import path
from django.views.i18n import JavaScriptCatalog
from wagtail import hooks


@hooks.register("register_admin_urls")
def register_recurrence_catalog():
    """The recurrence widget's strings, in the editor's admin language."""
    return [
        path(
            "recurrence/jsi18n/",
            JavaScriptCatalog.as_view(packages=["groups"]),
            name="groups_recurrence_jsi18n",
        ),
    ]
