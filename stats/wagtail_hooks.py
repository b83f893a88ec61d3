"""Hook registrations only: the Statistics menu item and dashboard, and the follow-up records
for coordinators (the classes live in admin_menu, admin_urls and admin_viewsets)."""

from django.urls import include, path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from stats import activity, admin_urls
from stats.admin_import import ImportGroup
from stats.admin_menu import statistics_menu_item
from stats.admin_viewsets import FollowUpGroup, participant_chooser
from stats.retention import retention_rules


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return [path("statistics/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return statistics_menu_item()


@hooks.register("register_admin_viewset")
def register_participant_chooser():
    return participant_chooser


register_snippet(FollowUpGroup)


@hooks.register("register_admin_viewset")
def register_import_menu():
    return ImportGroup()


# The retention job (registrations) keeps people with a recent outcome or support measure.
hooks.register("participant_active_since", activity.participants_active_since)
# Follow-up notes are emptied when the free-text period is over.
hooks.register("retention_rules", retention_rules)
