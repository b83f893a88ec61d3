"""Locations and partner organisations of the demo, looked up by their natural keys."""

from activities.models import Location, Organisation
from jobcafe.demo import content


def seed_places() -> tuple[dict[str, Location], dict[str, Organisation]]:
    """Every location and organisation of the content, by the content's keys."""
    locations = {}
    for key, fields in content.LOCATIONS.items():
        locations[key], _ = Location.objects.get_or_create(
            name=fields["name"], town=fields["town"], defaults=fields
        )
    organisations = {}
    for slug, fields in content.ORGANISATIONS.items():
        organisations[slug], _ = Organisation.objects.get_or_create(slug=slug, defaults=fields)
    return locations, organisations
