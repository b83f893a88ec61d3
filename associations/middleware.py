"""Refuse and log admin URLs that address a page outside what the user may explore.

Wagtail already refuses to edit a page without permission, but answers with a redirect
to the dashboard and logs nothing. Someone who types the address of another
organisation's event (edit, preview, history, revisions, workflow, add a child...) gets a
403 here instead, and the attempt is logged on "jobcafe.security".
"""

import logging

from django.core.exceptions import PermissionDenied
from wagtail.models import Page
from wagtail.permissions import policy_registry

security = logging.getLogger("jobcafe.security")

PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")


class PageAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not _is_admin(match):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_superuser:
            return None
        page_ids = [view_kwargs[k] for k in PAGE_KWARGS if k in view_kwargs]
        if not page_ids:
            return None
        explorable = policy_registry.get_by_type(Page).explorable_instances(user)
        for page_id in page_ids:
            if not Page.objects.filter(pk=page_id).exists():
                continue
            if not explorable.filter(pk=page_id).exists():
                security.warning(
                    "Refused %s %s (page %s) to user %s: outside the pages they may manage",
                    request.method, request.path, page_id, user.pk,
                )
                raise PermissionDenied
        return None


def _is_admin(match) -> bool:
    namespaces = match.namespaces or []
    name = match.url_name or ""
    return ("wagtailadmin_pages" in namespaces or name.startswith("wagtailadmin_explore")
            or name.startswith("wagtailadmin_choose_page"))
