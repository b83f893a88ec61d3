"""The page an invited person lands on from their e-mail."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from associations.forms import AcceptInvitationForm
from associations.services import (
    AssociationError,
    accept_invitation,
    check_invitee,
    invitation_for_token,
)

TEMPLATE = "associations/accept_invitation.html"
BACKEND = "django.contrib.auth.backends.ModelBackend"


@never_cache
def accept_invitation_view(request, token):
    try:
        invitation = invitation_for_token(token)
    except AssociationError as error:
        return _render(request, {"problem": error.message}, status=404)

    user = request.user if request.user.is_authenticated else None
    try:
        check_invitee(invitation, user)
    except AssociationError as error:
        return _render(request, {"invitation": invitation, "problem": error.message}, status=403)
    has_account = get_user_model().objects.filter(email__iexact=invitation.email).exists()
    if user is None and has_account:
        login_url = reverse("account_login") + "?next=" + request.path
        return _render(request, {"invitation": invitation, "login_url": login_url})

    form = AcceptInvitationForm(request.POST or None) if user is None else None
    if request.method == "POST":
        if form is None or form.is_valid():
            data = form.cleaned_data if form is not None else {}
            try:
                joined = accept_invitation(
                    token=token,
                    user=user,
                    password=data.get("password1", ""),
                    first_name=data.get("first_name", ""),
                    last_name=data.get("last_name", ""),
                )
            except AssociationError as error:
                if form is None:
                    return _render(
                        request, {"invitation": invitation, "problem": error.message}, status=400
                    )
                form.add_error(None, error.message)
            else:
                if user is None:
                    login(request, joined, backend=BACKEND)
                messages.success(
                    request,
                    _(
                        "Welcome! You can now post the events of %(name)s. They are published "
                        "once a coordinator approves them."
                    )
                    % {"name": invitation.organisation.name},
                )
                return redirect("associations_admin:our_events")
    return _render(
        request,
        {"invitation": invitation, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _render(request, context, status=200):
    response = render(request, TEMPLATE, context, status=status)
    response["Referrer-Policy"] = "no-referrer"
    return response
