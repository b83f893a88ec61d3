"""Front-end screens: the facilitator's sessions, roll call, walk-ins, sign-in code and paper
sheet; the participant's sign-in and own attendance. Views stay thin: services decide."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from activities.models import ActivityKind, ActivityPage, Session, SessionStatus
from activities.permissions import managed_activities
from attendance import selectors, signin
from attendance.excuse import told_us
from attendance.forms import (
    CounsellingForm,
    NewWalkInForm,
    RollCallForm,
    SignInForm,
    WalkInSearchForm,
)
from attendance.models import AttendanceMethod, AttendanceStatus
from attendance.permissions import can_see_my_sessions, can_take_attendance
from attendance.progress import progress_for
from attendance.qr import qr_svg
from attendance.services import (
    AttendanceError,
    admit_walk_in,
    create_walk_in_participant,
    record_attendance,
    record_counselling,
    session_errors,
)
from core.http import client_ip, parse_id, site_url
from core.roles import is_coordinator
from core.spreadsheets import spreadsheet_safe
from registrations import seats
from registrations.models import Participant
from registrations.services import participant_for_user

BLANK_SHEET_ROWS = 8


def _staff_session(request, session_id: int) -> Session:
    """The session, if the user may take its roll call (403 otherwise)."""
    session = get_object_or_404(
        Session.objects.select_related("activity", "activity__location"), pk=session_id
    )
    if not can_take_attendance(request.user, session.activity):
        raise PermissionDenied
    return session


def _staff_activity(request, activity_id: int) -> ActivityPage:
    activity = get_object_or_404(ActivityPage.objects.select_related("location"), pk=activity_id)
    if not can_take_attendance(request.user, activity):
        raise PermissionDenied
    return activity


def _report_errors(request, error: AttendanceError) -> None:
    for message in error.messages:
        messages.error(request, message)


# My sessions --------------------------------------------------------------------------


@login_required
def my_sessions(request):
    user = request.user
    coordinator = is_coordinator(user)
    activities = managed_activities(user)
    if not can_see_my_sessions(user):
        raise PermissionDenied
    choices = list(activities.filter(live=True).order_by("title").values_list("pk", "title"))
    selected = request.GET.get("activity", "")
    if parse_id(selected) in {pk for pk, _title in choices}:
        activity_id = parse_id(selected)
    else:
        activity_id, selected = None, ""
    context = {
        **selectors.staff_sessions(activities, activity_id=activity_id),
        "activity_choices": choices,
        "selected_activity": selected,
        "is_coordinator": coordinator,
    }
    return render(request, "attendance/my_sessions.html", context)


# Roll call ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def roll_call(request, session_id: int):
    session = _staff_session(request, session_id)
    participants = selectors.confirmed_participants(session.activity)
    marks = selectors.marks_of_session(session)
    report = selectors.report_of_session(session)
    form = RollCallForm(
        request.POST or None,
        participants=participants,
        marks=marks,
        note=report.note if report else "",
    )
    if request.method == "POST":
        if form.is_valid():
            to_save = form.marks()
            if "all_present" in request.POST:
                for participant in participants:
                    if participant.pk not in to_save and participant.pk not in marks:
                        to_save[participant.pk] = AttendanceStatus.PRESENT
            try:
                result = record_attendance(
                    session=session,
                    marks=to_save,
                    method=AttendanceMethod.ROLL_CALL,
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except AttendanceError as error:
                _report_errors(request, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Saved: %(count)s mark recorded or changed.",
                        "Saved: %(count)s marks recorded or changed.",
                        result.written,
                    )
                    % {"count": result.written},
                )
                return redirect("attendance:roll_call", session_id=session.pk)
        else:
            messages.error(request, _("Some marks could not be read. Check the highlighted rows."))
    progress = progress_for(session.activity, [p.pk for p in participants])
    corrections = selectors.latest_corrections(session)
    rows = [
        {
            "participant": participant,
            "field": field,
            "mark": marks.get(participant.pk),
            "progress": progress[participant.pk],
            "correction": corrections.get(participant.pk),
            "told_us": told_us(marks.get(participant.pk)),
        }
        for participant, field in form.rows()
    ]
    now = timezone.now()
    context = {
        "told_us": [row["participant"] for row in rows if row["told_us"]],
        "seats_left": selectors.seats_left_on(session),
        "session": session,
        "activity": session.activity,
        "form": form,
        "rows": rows,
        "unmarked": sum(1 for p in participants if p.pk not in marks),
        "closed_reasons": session_errors(session, now=now),
        "is_course": session.activity.kind == ActivityKind.COURSE,
        "warnings": sum(1 for row in rows if row["progress"].is_warning),
    }
    return render(request, "attendance/roll_call.html", context)


# Walk-ins -------------------------------------------------------------------------------


def _mask_email(email: str) -> str:
    if "@" not in email:
        return ""
    name, domain = email.split("@", 1)
    return f"{name[:1]}•••@{domain}"


def _admit_and_mark(request, session: Session, participant: Participant) -> None:
    with transaction.atomic():
        admit_walk_in(activity=session.activity, participant=participant, by=request.user)
        if not session_errors(session, now=timezone.now()):
            record_attendance(
                session=session,
                marks={participant.pk: AttendanceStatus.PRESENT},
                method=AttendanceMethod.ROLL_CALL,
                by=request.user,
            )
            messages.success(
                request, _("%(name)s was added and marked present.") % {"name": participant}
            )
        else:
            messages.success(
                request, _("%(name)s was added to the participants.") % {"name": participant}
            )


@login_required
@require_http_methods(["GET", "POST"])
def walk_in(request, session_id: int):
    session = _staff_session(request, session_id)
    if session.status == SessionStatus.CANCELLED:
        messages.error(request, _("This session was cancelled: it takes no attendance."))
        return redirect("attendance:roll_call", session_id=session.pk)
    search_form = WalkInSearchForm(request.GET if "q" in request.GET else None)
    new_form = NewWalkInForm(request.POST if request.POST.get("action") == "new" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "existing":
                pid = request.POST.get("participant", "")
                participant = (
                    selectors.visible_participants(request.user).filter(pk=parse_id(pid)).first()
                    if parse_id(pid) is not None
                    else None
                )
                if participant is None:
                    raise Http404
                _admit_and_mark(request, session, participant)
                return redirect("attendance:roll_call", session_id=session.pk)
            if new_form.is_valid():
                data = new_form.cleaned_data
                with transaction.atomic():
                    participant = create_walk_in_participant(
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        email=data["email"],
                        phone=data["phone"],
                        consent=data["consent"],
                        by=request.user,
                    )
                    _admit_and_mark(request, session, participant)
                return redirect("attendance:roll_call", session_id=session.pk)
        except AttendanceError as error:
            _report_errors(request, error)
    results = None
    if search_form.is_bound and search_form.is_valid():
        confirmed = selectors.confirmed_participant_ids(session.activity)
        results = [
            {"participant": p, "email": _mask_email(p.email), "already": p.pk in confirmed}
            for p in selectors.search_participants(request.user, search_form.cleaned_data["q"])
        ]
    return render(
        request,
        "attendance/walk_in.html",
        {
            "session": session,
            "activity": session.activity,
            "search_form": search_form,
            "new_form": new_form,
            "results": results,
        },
    )


# Sign-in code (facilitator's screen) ---------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def sign_in_code(request, session_id: int):
    session = _staff_session(request, session_id)
    try:
        code = signin.code_for_session(
            session=session, by=request.user, regenerate=request.method == "POST"
        )
    except AttendanceError as error:
        _report_errors(request, error)
        return redirect("attendance:roll_call", session_id=session.pk)
    if request.method == "POST":
        messages.success(request, _("A new code was created; the old one no longer works."))
        return redirect("attendance:sign_in_code", session_id=session.pk)
    sign_in_url = site_url(reverse("attendance:sign_in"))
    url = f"{sign_in_url}?code={code.code}"
    opens, closes = signin.sign_in_window(session)
    now = timezone.now()
    return render(
        request,
        "attendance/sign_in_code.html",
        {
            "session": session,
            "activity": session.activity,
            "code": code.code,
            "qr": mark_safe(qr_svg(url)),  # noqa: S308 - generated by qrcode from our own URL
            "sign_in_url": sign_in_url,
            "opens": opens,
            "closes": closes,
            "is_open": opens <= now <= closes,
            "not_yet": now < opens,
            "signed_in": selectors.self_sign_in_count(session),
            "confirmed": seats.taken(session.activity),
        },
    )


# Paper sign-in sheet --------------------------------------------------------------------


@login_required
def sign_in_sheet(request, session_id: int):
    session = _staff_session(request, session_id)
    facilitators = ", ".join(
        u.get_full_name() or u.get_username() for u in session.activity.facilitators.all()
    )
    return render(
        request,
        "attendance/sign_in_sheet.html",
        {
            "session": session,
            "activity": session.activity,
            "participants": selectors.confirmed_participants(session.activity),
            "blank_rows": range(BLANK_SHEET_ROWS),
            "facilitators": facilitators,
        },
    )


@login_required
def register_csv(request, session_id: int):
    """The session's register as a CSV to fill in: one row per confirmed participant."""
    session = _staff_session(request, session_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    local = timezone.localtime(session.start)
    response["Content-Disposition"] = (
        f'attachment; filename="register-{session.pk}-{local:%Y-%m-%d}.csv"'
    )
    marks = selectors.statuses_of_session(session)
    writer = csv.writer(response)
    writer.writerow(["participant_id", "name", "session_id", "status"])
    for participant in selectors.confirmed_participants(session.activity):
        writer.writerow(
            [
                participant.pk,
                spreadsheet_safe(str(participant)),
                session.pk,
                marks.get(participant.pk, ""),
            ]
        )
    return response


# Participants, progress and counselling of an activity ---------------------------------


@login_required
def activity_participants(request, activity_id: int):
    activity = _staff_activity(request, activity_id)
    return render(
        request, "attendance/activity_participants.html", selectors.activity_overview(activity)
    )


@login_required
@require_http_methods(["GET", "POST"])
def counselling(request, activity_id: int, participant_id: int):
    activity = _staff_activity(request, activity_id)
    if activity.kind != ActivityKind.COURSE:
        raise Http404
    registration = get_object_or_404(
        seats.holding_seats().select_related("participant"),
        activity=activity,
        participant_id=participant_id,
    )
    participant = registration.participant
    record = selectors.counselling_record(activity, participant)
    initial = (
        {"date": record.date, "counsellor": record.counsellor, "done": record.done}
        if record
        else {"date": timezone.localdate()}
    )
    form = CounsellingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            record_counselling(
                participant=participant, activity=activity, by=request.user, **form.cleaned_data
            )
        except AttendanceError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("Individual counselling of %(name)s saved.") % {"name": participant}
            )
            return redirect("attendance:activity_participants", activity_id=activity.pk)
    return render(
        request,
        "attendance/counselling.html",
        {
            "activity": activity,
            "participant": participant,
            "form": form,
            "record": record,
        },
    )


# Participant side ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def sign_in(request):
    if request.method == "POST":
        form = SignInForm(request.POST)
        if form.is_valid():
            try:
                mark = signin.sign_in_with_code(
                    user=request.user, code=form.cleaned_data["code"], ip=client_ip(request)
                )
            except AttendanceError as error:
                for message in error.messages:
                    form.add_error("code", message)
                status = 429 if signin.is_rate_limited(request.user, client_ip(request)) else 200
                return render(request, "attendance/sign_in.html", {"form": form}, status=status)
            return render(request, "attendance/sign_in_done.html", {"mark": mark})
    else:
        form = SignInForm(initial={"code": signin.normalise_code(request.GET.get("code", ""))})
    return render(request, "attendance/sign_in.html", {"form": form})


@login_required
def my_attendance(request):
    participant = participant_for_user(request.user)
    activities = []
    if participant is not None:
        activities = selectors.attendance_of_participant(participant)
    return render(
        request,
        "attendance/mine.html",
        {
            "participant": participant,
            "activities": activities,
            "sign_in_url": reverse("attendance:sign_in"),
        },
    )
