"""The page behind "I can't come this time" in reminders and notices about one date.

No login: the signed link is the person's key (`registrations.links`). GET says what
will happen and shows one button (mail scanners open links); POST records the
person as excused for that date (`attendance.excuse`), which frees their seat for
that day only. Bad links get the same pages as the registrations' links.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from attendance import excuse
from core.dates import spoken_datetime
from registrations import links
from registrations.link_views import link_page, problem_page


def _texts(opened: links.Link, *, done: bool) -> dict:
    params = {
        "title": opened.registration.activity.public_title,
        "date": spoken_datetime(opened.session.start),
    }
    if done:
        return {
            "heading": _("Thank you for telling us"),
            "lines": [
                _("We have noted that you cannot come to “%(title)s” on %(date)s.") % params,
                _("Your seat that day is free for someone else. Your registration stays."),
            ],
        }
    return {
        "heading": _("I can't come this time"),
        "lines": [
            _("Tell us that you cannot come to “%(title)s” on %(date)s?") % params,
            _("Your registration stays: only your seat for that date goes to someone else."),
        ],
        "button": _("Yes, I can't come that day"),
    }


@never_cache
@require_http_methods(["GET", "POST"])
def cant_come(request, token: str):
    try:
        opened = links.open_link(token, actions=(links.CANT_COME,))
    except links.LinkProblem as problem:
        return problem_page(request, problem)
    problem = excuse.excuse_problem(opened.registration, opened.session, now=timezone.now())
    if problem is not None:
        return problem_page(request, problem, link=opened)
    if request.method == "GET":
        return link_page(request, link=opened, **_texts(opened, done=False))
    try:
        excuse.excuse(registration=opened.registration, session=opened.session)
    except excuse.ExcuseError as problem:  # a parallel tap, or the date just started
        return problem_page(request, problem, link=opened)
    return link_page(request, link=opened, **_texts(opened, done=True))
