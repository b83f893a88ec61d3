from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from attendance.progress import ProgressState

register = template.Library()

STATE_CLASSES = {
    ProgressState.ON_TRACK: "badge--ok",
    ProgressState.COMPLETED: "badge--ok",
    ProgressState.BEHIND: "att-badge--behind",
    ProgressState.ONE_ABSENCE_AWAY: "att-badge--warn",
    ProgressState.CANNOT_COMPLETE: "att-badge--danger",
    ProgressState.NOT_COMPLETED: "att-badge--danger",
}


@register.filter
def progress_class(progress) -> str:
    return STATE_CLASSES.get(progress.state, "") if progress else ""


@register.filter
def progress_sentence(progress) -> str:
    """What a participant reads about the completion threshold of their course."""
    if progress is None or progress.threshold is None:
        return ""
    if not progress.held:
        return _(
            "The course has not started yet. To complete it you need to attend more than "
            "%(threshold)s%% of the %(total)s sessions."
        ) % {"threshold": progress.threshold, "total": progress.total}
    held = _("You attended %(attended)s of %(held)s sessions held.") % {
        "attended": progress.attended,
        "held": progress.held,
    }
    if not progress.remaining:
        if progress.state == ProgressState.COMPLETED:
            return f"{held} {_('You completed the course.')}"
        return "{} {}".format(
            held,
            _("To complete it you needed more than %(threshold)s%%.")
            % {"threshold": progress.threshold},
        )
    rule = _("To complete it you need more than %(threshold)s%%:") % {
        "threshold": progress.threshold
    }
    if progress.misses_left < 0:
        tail = _("unfortunately that is no longer possible. Talk to the facilitator.")
    elif progress.misses_left == 0:
        tail = ngettext(
            "you need to attend the remaining session.",
            "you need to attend all %(remaining)s remaining sessions.",
            progress.remaining,
        ) % {"remaining": progress.remaining}
    elif progress.misses_left >= progress.remaining:
        tail = _("you have reached it, even if you miss what is left.")
    else:
        tail = ngettext(
            "you can miss at most %(count)s more of the %(remaining)s remaining sessions.",
            "you can miss at most %(count)s more of the %(remaining)s remaining sessions.",
            progress.misses_left,
        ) % {"count": progress.misses_left, "remaining": progress.remaining}
    return f"{held} {rule} {tail}"


STATUS_LETTERS = {
    "present": pgettext_lazy("attendance status, one letter", "P"),
    "late": pgettext_lazy("attendance status, one letter", "L"),
    "excused": pgettext_lazy("attendance status, one letter", "E"),
    "absent": pgettext_lazy("attendance status, one letter", "A"),
}


@register.filter
def status_letter(status: str) -> str:
    return STATUS_LETTERS.get(status, "")
