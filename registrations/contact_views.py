"""The resident's "How we contact you": channel, mobile number, discretion, language.

Only the logged-in person's own record; the form checks the input and
`registrations.contact.set_contact_preferences` saves it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from registrations import services
from registrations.contact import ContactError, set_contact_preferences
from registrations.forms import ContactPreferencesForm


@login_required
@require_http_methods(["GET", "POST"])
def contact_preferences(request):
    participant = services.participant_for_user(request.user)
    if participant is None:
        messages.info(
            request,
            _("Register for an activity first: then you can choose how we contact you."),
        )
        return redirect("registrations:mine")
    form = ContactPreferencesForm(
        request.POST if request.method == "POST" else None, instance=participant
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            set_contact_preferences(
                participant=participant,
                contact_channel=data["contact_channel"],
                phone=data["phone"],
                discreet=data["discreet"],
                language=data["language"],
                by=request.user,
            )
        except ContactError as error:
            for field, message in error.errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("Saved: we will contact you this way from now on."))
            return redirect("registrations:mine")
    return render(
        request,
        "registrations/contact.html",
        {"form": form, "participant": participant},
        status=400 if form.errors else 200,
    )
