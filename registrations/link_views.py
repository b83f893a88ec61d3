"""The pages behind "Cancel my registration" and "I don't want the seat" in messages.

No login: the signed link is the person's key (`registrations.links`). GET only
says what will happen and shows one button, because mail scanners and previews
open links; POST does it, through `registrations.services.cancel`. Every bad link
gets a page that says why and changes nothing. The browser tab names no activity
for discreet participants (the page itself may: only the person opens their link).
"""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from registrations import links, services
from registrations.models import ACTIVE_STATUSES, RegistrationStatus

TEMPLATE = "registrations/link.html"

# What cancelling means for the person, by the registration's status.
CANCEL_CONSEQUENCES = {
    RegistrationStatus.CONFIRMED: gettext_lazy(
        "Your seat will go to the first person on the waiting list, if anyone is waiting."
    ),
    RegistrationStatus.WAITLISTED: gettext_lazy("You will lose your place on the waiting list."),
    RegistrationStatus.PENDING: gettext_lazy("Your request will be withdrawn."),
}


def link_page(request, *, link=None, heading: str, lines=(), button: str = "", status=200):
    """The one small page of every link: a heading, a few lines, at most one button."""
    registration = link.registration if link else None
    discreet = registration is None or registration.participant.discreet
    title = registration.activity.public_title if registration else ""
    return render(
        request,
        TEMPLATE,
        {
            "tab_title": _("Your registration") if discreet else f"{heading} · {title}",
            "heading": heading,
            "lines": [line for line in lines if line],
            "button": button,
        },
        status=status,
    )


def problem_page(request, problem: links.LinkProblem, *, link=None):
    heading = _("This link cannot be used") if link is None else _("Nothing to do")
    status = 200 if link is not None else (410 if problem.code == "expired" else 400)
    return link_page(request, link=link, heading=heading, lines=[problem.message], status=status)


def cancel_problem(link: links.Link) -> links.LinkProblem | None:
    """Why the registration of a cancel or decline link cannot be cancelled now, or None."""
    registration = link.registration
    title = registration.activity.public_title
    if registration.status == RegistrationStatus.CANCELLED:
        return links.LinkProblem(
            "already_cancelled",
            _("Your registration for “%(title)s” is already cancelled. Nothing else to do.")
            % {"title": title},
        )
    if registration.status not in ACTIVE_STATUSES:
        return links.LinkProblem(
            "ended",
            _("Your registration for “%(title)s” is no longer active.") % {"title": title},
        )
    if not services.has_upcoming_sessions(registration.activity):
        return links.LinkProblem(
            "over",
            _("“%(title)s” has no more dates: there is nothing to cancel.") % {"title": title},
        )
    return None


def _question(link: links.Link) -> dict:
    title = link.registration.activity.public_title
    if link.action == links.DECLINE:
        return {
            "heading": _("Free your seat"),
            "lines": [
                _("Don't you want your seat for “%(title)s”?") % {"title": title},
                _("It will go to the next person on the waiting list, who will be told at once."),
            ],
            "button": _("Yes, free my seat"),
        }
    activity = link.registration.activity
    several_dates = activity.sessions.upcoming().not_cancelled().count() > 1
    return {
        "heading": _("Cancel your registration"),
        "lines": [
            _("Cancel your registration for “%(title)s”?") % {"title": title},
            CANCEL_CONSEQUENCES.get(link.registration.status, ""),
            several_dates
            and _("It is for all the dates. If you only miss one, use the link for that date."),
        ],
        "button": _("Yes, cancel my registration"),
    }


def _done(link: links.Link) -> dict:
    title = link.registration.activity.public_title
    if link.action == links.DECLINE:
        return {
            "heading": _("Seat freed"),
            "lines": [
                _("Thank you: your seat for “%(title)s” is now free for someone else.")
                % {"title": title}
            ],
        }
    return {
        "heading": _("Registration cancelled"),
        "lines": [
            _("Your registration for “%(title)s” is cancelled.") % {"title": title},
            _("If you change your mind you can register again, if there are seats left."),
        ],
    }


@never_cache
@require_http_methods(["GET", "POST"])
def link(request, token: str):
    """Cancel or decline through a link in a message (`registrations.links`)."""
    try:
        opened = links.open_link(token, actions=links.ACTIONS)
    except links.LinkProblem as problem:
        return problem_page(request, problem)
    if opened.action == links.CANT_COME:  # its page lives with attendance
        return redirect("attendance:cant_come", token=token)
    problem = cancel_problem(opened)
    if problem is not None:
        return problem_page(request, problem, link=opened)
    if request.method == "GET":
        return link_page(request, link=opened, **_question(opened))
    try:
        services.cancel(registration=opened.registration, by=None)
    except services.RegistrationError:  # cancelled by a parallel tap in the meantime
        opened.registration.refresh_from_db(fields=["status"])
        problem = cancel_problem(opened) or links.LinkProblem("erased")
        return problem_page(request, problem, link=opened)
    return link_page(request, link=opened, **_done(opened))
