"""How people reach the desk themselves: its public phone numbers (the "Desk phones"
setting, edited in the admin's Settings), shown on the "Talk to us" pages."""

from dataclasses import dataclass

from appointments.models import DeskContact
from core.messaging.phones import readable_phone


@dataclass(frozen=True)
class DeskPhones:
    numbers: list[tuple[str, str]]  # (as people read it, as a tel: link dials it)
    hours: str


def desk_phones(request=None) -> DeskPhones:
    """The desk's public numbers, readable and diallable, and when to call."""
    contact = DeskContact.load(request_or_site=request)
    numbers = [
        (readable_phone(number), number)
        for number in (contact.phone, contact.other_phone)
        if number
    ]
    return DeskPhones(numbers=numbers, hours=contact.hours)
