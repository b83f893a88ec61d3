"""POST data for the Wagtail event editor, as the browser sends it."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def event_form(
    *,
    title="Laboratorio CV",
    location=None,
    days=None,
    capacity="",
    registration_mode="open",
    action=None,
    **extra,
):
    day = timezone.localdate() + datetime.timedelta(days=14)
    days = days if days is not None else [(day, "10:00", "12:00")]
    data = {
        "title": title,
        "slug": slugify(title),
        "intro": "Due ore per sistemare il curriculum.",
        "body": streamfield([]),
        "audience": "everyone",
        "location": location.pk if location else "",
        "registration_mode": registration_mode,
        "capacity": capacity,
        "registration_opens_at": "",
        "registration_closes_at": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
        "planned_sessions": inline_formset(
            [
                {
                    "date": d.isoformat() if hasattr(d, "isoformat") else d,
                    "start_time": start,
                    "end_time": end,
                    "topic": "",
                }
                for d, start, end in days
            ]
        ),
    }
    data.update(extra)
    data = nested_form_data(data)
    if action:
        data[f"action-{action}"] = action
    return data


def add_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=["events", "eventpage", index.pk])


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])
