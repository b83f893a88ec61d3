"""A person's copy of their data, on the site: from their account ("My data"), or from the
link staff sent them (people without an account). The page prints; the JSON downloads."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.data_copy import copy_of
from registrations import data_copy, services


def _page(request, participant, json_url, *, status=200):
    return render(
        request,
        "registrations/data_copy.html",
        {
            "sections": copy_of(participant),
            "json_url": json_url,
            "generated_at": timezone.localtime(),
        },
        status=status,
    )


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def my_data(request):
    participant = services.participant_for_user(request.user)
    if participant is None:
        return _no_store(render(request, "registrations/data_copy_none.html", {"user_only": True}))
    if request.GET.get("format") == "json":
        return data_copy.json_download(participant)
    return _no_store(_page(request, participant, f"{reverse('registrations:my_data')}?format=json"))


@require_GET
def data_link(request, token: str):
    try:
        participant = data_copy.open_link(token)
    except data_copy.CopyLinkProblem as problem:
        return _no_store(
            render(
                request,
                "registrations/data_copy_none.html",
                {"problem": problem.message},
                status=410 if problem.code in ("expired", "erased") else 400,
            )
        )
    if request.GET.get("format") == "json":
        return data_copy.json_download(participant)
    return _no_store(_page(request, participant, f"{request.path}?format=json"))
