"""The desk's section of "My registrations" (registrations' page, a floor below, calls the
Wagtail hook `my_registrations_extras`): the person's upcoming appointments, and for each
course edition they hold a seat in that offers it, "Book your counselling hour" or the
booked time."""

from django.template.loader import render_to_string

from appointments import selectors


def my_appointments_section(request, participant) -> str:
    editions = selectors.counselling_editions(participant)
    upcoming = list(selectors.upcoming_of_participant(participant))
    return render_to_string(
        "appointments/includes/my_registrations.html",
        {"editions": editions, "upcoming": upcoming},
        request=request,
    )
