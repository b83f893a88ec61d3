"""LOCAL STUB, NOT COMMITTED (deskcore writes the real one)."""


def appointment_changed(appointment, what):
    pass


def request_received(request):
    pass


def send_booking_link(request, *, by):
    return []
