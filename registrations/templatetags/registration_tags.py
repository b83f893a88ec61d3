"""The registration box on activity pages: what this visitor can do right now."""

from types import SimpleNamespace

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from registrations import seats, selectors, services
from registrations.forms import RegistrationForm

register = template.Library()


@register.simple_tag(takes_context=True)
def registration_box(context, page):
    """State of the box for `page` and the current user (a few small queries)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    box = SimpleNamespace(
        takes_registrations=False,
        problem=None,
        seats_left=None,
        show_seats=False,
        capacity=None,
        registration=None,
        position=None,
        form=None,
        action="",
        login_url="",
        approval=False,
    )
    if page is None or not getattr(page, "takes_registrations", False):
        return box
    box.takes_registrations = True
    box.capacity = page.capacity
    box.approval = page.registration_mode == "approval"
    box.show_seats = seats.shown(page)
    box.seats_left = seats.left_in(page) if box.show_seats else None
    participant = services.participant_for_user(user) if user else None
    if participant is not None:
        box.registration = selectors.active_registration(participant, page)
        if box.registration is not None:
            box.position = selectors.waitlist_position(box.registration)
            return box
    box.problem = services.registration_problem(page)
    if box.problem is not None:
        return box
    box.action = reverse("registrations:register", args=[page.pk])
    if user is None or not user.is_authenticated:
        next_url = request.get_full_path() if request else page.url
        box.login_url = f"{reverse('account_login')}?{urlencode({'next': next_url})}"
        return box
    box.form = RegistrationForm(questions=services.questions_for(participant, page))
    return box
