"""The public "Talk to us" pages: the request form, the "what happens next" page, and the
page behind the withdraw link of the message that follows.

No account needed. Nothing a person typed is ever shown back on a page after it is sent:
the next-steps page is the same for everyone, and the withdraw page names nobody. Bad
input answers with a message (never a 500) and stores nothing; abuse is kept out by
`appointments.guards` (honeypot, size, rate limits).
"""

from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from appointments import guards, links, requests
from appointments.contact import desk_phones
from appointments.forms import ContactRequestForm
from appointments.models import RequestStatus

PAGE = "appointments/page.html"


def message_page(request, *, heading: str, lines=(), status=200, **context):
    """The small page of every link and every answer: a heading, a few lines, the desk's
    phones, at most one button (`button`, `hidden`) and times to choose (`alternatives`)."""
    return render(
        request,
        PAGE,
        {
            "heading": heading,
            "lines": [line for line in lines if line],
            "phones": desk_phones(request),
            **context,
        },
        status=status,
    )


def link_problem_page(request, problem: links.LinkProblem):
    status = 200 if problem.code == "erased" else 400
    return message_page(
        request, heading=_("This link cannot be used"), lines=[problem.message], status=status
    )


def _form_page(request, form, *, problem: str = "", status=200):
    return render(
        request,
        "appointments/contact.html",
        {
            "form": form,
            "problem": problem,
            "phones": desk_phones(request),
            "honeypot": guards.HONEYPOT,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def contact(request):
    """GET: the form. POST: store the request and send the person to the next steps."""
    if request.method == "GET":
        return _form_page(request, ContactRequestForm())
    if guards.is_oversized(request):
        return _form_page(
            request,
            ContactRequestForm(),
            problem=_(
                "What you sent is too long for this form. Please write a shorter message, or "
                "call us."
            ),
            status=413,
        )
    if guards.is_robot(request.POST):
        return redirect("appointments:thanks")
    form = ContactRequestForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    if not guards.allow_request(request, form.cleaned_data):
        return _form_page(
            request,
            form,
            problem=_(
                "We have already received several requests from here or for this phone or "
                "e-mail. Please try again later, or call us."
            ),
            status=429,
        )
    data = form.cleaned_data
    requests.submit_request(
        name=data["name"],
        phone=data["phone"],
        email=data["email"],
        way=data["way"],
        reachable=data["reachable"],
        need=data["need"],
        language=get_language(),
    )
    return redirect("appointments:thanks")


@never_cache
def thanks(request):
    """What happens next, the same for everyone: it shows nothing that was sent."""
    return render(request, "appointments/thanks.html", {"phones": desk_phones(request)})


@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request, token: str):
    """GET asks, POST withdraws (`requests.withdraw_request`): the details are erased."""
    try:
        link = links.open_link(token, action=links.WITHDRAW)
    except links.LinkProblem as problem:
        return link_problem_page(request, problem)
    contact_request = link.record
    already = _("Your request has already been withdrawn and your details erased.")
    if contact_request.erased_at or contact_request.status == RequestStatus.WITHDRAWN:
        return message_page(request, heading=_("Already withdrawn"), lines=[already])
    if request.method == "GET":
        return message_page(
            request,
            heading=_("Withdraw my request?"),
            lines=[
                _("The desk will not contact you, and the details you left are erased at once."),
                _("If you had an appointment, it is cancelled."),
            ],
            button=_("Yes, withdraw my request"),
        )
    if not requests.withdraw_request(contact_request):
        return message_page(request, heading=_("Already withdrawn"), lines=[already])
    return message_page(
        request,
        heading=_("Request withdrawn"),
        lines=[
            _("Your request is withdrawn and your details are erased."),
            _("If you change your mind, you can ask again at any time, or call us."),
        ],
    )
