"""The desk (first contacts and appointments): coordinators' figures for the period.

The desk's app stands on this app's floor, so neither imports the other: it hands its
figures over through the Wagtail hook `desk_figures`, a function of the period's bounds
(`start` included, `end` excluded) returning an object with the attributes read below.
The desk is not about one course, place or activity: the table follows the period only,
and is left out when the dashboard is narrowed to one of them.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from stats.figures.filters import Scope, StatsFilter
from stats.figures.tables import Column, Table

COUNTS = (
    "received",
    "contacted",
    "first_interviews_held",
    "counselling_held",
    "went_on",
)


def desk_tables(flt: StatsFilter, scope: Scope) -> list[Table]:
    """The desk's table for coordinators (an empty list for anyone else, when no app
    provides the figures, or when the dashboard is narrowed to a course, place or activity).
    The desk app is the one provider; were there several, the last registered answers."""
    if not scope.everything or flt.course or flt.location or flt.activity:
        return []
    providers = hooks.get_hooks("desk_figures")
    if not providers:
        return []
    figures = providers[-1](*flt.period_bounds())
    row = {key: getattr(figures, key) for key in COUNTS}
    row.update(label=_("Total"), median_hours=figures.median_hours_to_contact)
    return [
        Table(
            key="desk",
            title=str(_("Desk: first contacts and appointments")),
            columns=[
                Column("label", _("Desk"), "text"),
                Column("received", _("Requests received"), definition="desk_requests"),
                Column("contacted", _("Contacted"), definition="desk_requests"),
                Column(
                    "median_hours",
                    _("Median time to first contact"),
                    "hours",
                    "desk_contact_time",
                    rate_of=("contacted", "received"),
                ),
                Column(
                    "first_interviews_held",
                    _("First interviews held"),
                    definition="desk_appointments",
                ),
                Column(
                    "counselling_held", _("Counselling hours held"), definition="desk_appointments"
                ),
                Column("went_on", _("Went on to a group or course"), definition="desk_went_on"),
            ],
            rows=[row],
            definitions=["desk_requests", "desk_contact_time", "desk_appointments", "desk_went_on"],
        )
    ]
