"""Refuse admin URLs that address a page the user may not manage, and log every refusal.

Wagtail already refuses to edit a page without permission, but answers with a redirect
to the dashboard and logs nothing. Someone who types the address of another
organisation's event (edit, preview, history, revisions, workflow, add a child...) gets a
403 here instead. Every 403, and every 404 on a staff-only route (participant lists,
registrations, roll calls, the page editor), for a logged-in user is logged on
"jobcafe.security" with who asked for what.
"""

import logging

from django.core.exceptions import PermissionDenied
from wagtail.models import Page
from wagtail.permissions import policy_registry

security = logging.getLogger("jobcafe.security")

PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")
STAFF_NAMESPACES = {
    "wagtailadmin_pages",
    "registrations_admin",
    "attendance",
    "associations_admin",
    "stats",
    "stats_admin",
}


class PageAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and _is_refusal(request, response):
            security.warning(
                "Refused %s %s (HTTP %s) to user %s",
                request.method,
                request.path,
                response.status_code,
                user.pk,
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not _is_page_admin(match):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_superuser:
            return None
        page_ids = [view_kwargs[k] for k in PAGE_KWARGS if k in view_kwargs]
        if not page_ids:
            return None
        explorable = policy_registry.get_by_type(Page).explorable_instances(user)
        # One query: does any of the addressed pages exist outside what the user may explore?
        if Page.objects.filter(pk__in=page_ids).exclude(pk__in=explorable.values("pk")).exists():
            raise PermissionDenied
        return None


def _is_page_admin(match) -> bool:
    name = match.url_name or ""
    return (
        "wagtailadmin_pages" in (match.namespaces or [])
        or name.startswith("wagtailadmin_explore")
        or name.startswith("wagtailadmin_choose_page")
    )


def _is_refusal(request, response) -> bool:
    if response.status_code == 403:
        return True
    match = getattr(request, "resolver_match", None)
    return (
        response.status_code == 404
        and match is not None
        and bool(STAFF_NAMESPACES.intersection(match.namespaces or []))
    )
