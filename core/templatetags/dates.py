"""Date filters for every template: `{% load dates %}`, then `{{ session.start|long_date }}`.

The formatting lives in core.dates, which e-mails and messages built in code use too.
"""

from django import template

from core import dates

register = template.Library()

for _formatter in (
    dates.long_date,  # "martedì 24 novembre 2026"
    dates.long_datetime,  # "martedì 24 novembre 2026, 18:00"
    dates.day_month,  # "mar 24 nov"
    dates.short_date,  # "mar 15 dic 2026"
    dates.month_year,  # "novembre 2026"
    dates.weekday_name,  # "martedì"
    dates.short_weekday,  # "mar"
    dates.hm,  # "18:00"
    dates.time_range,  # "18:00–19:30"
    dates.session_when,  # "mar 15 dic 2026, 18:00–19:30"
    dates.local_day,  # the date in Rome
):
    register.filter(_formatter.__name__, _formatter)
