from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from activities.models import ActivityPage, Organisation


def organisation_detail(request, slug):
    """An organiser's public page: who they are and their upcoming activities."""
    organisation = get_object_or_404(Organisation, slug=slug)
    activities = (
        ActivityPage.objects.live()
        .public()
        .filter(organiser=organisation, sessions__end__gte=timezone.now())
        .distinct()
        .select_related("location")
        .order_by("title")
    )
    return render(
        request,
        "activities/organisation_detail.html",
        {"organisation": organisation, "activities": activities},
    )
