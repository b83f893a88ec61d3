"""Phone numbers typed before they were checked are stored in international form (E.164),
as every form now stores them, so that searching by number finds them. A value that is not
a phone number is left as it was: staff still see it and can correct it."""

import phonenumbers
from django.conf import settings
from django.db import migrations


def to_international_form(apps, schema_editor):
    Participant = apps.get_model("registrations", "Participant")
    region = getattr(settings, "PHONE_DEFAULT_REGION", "IT")
    changed = []
    for participant in Participant.objects.exclude(phone="").only("pk", "phone").iterator():
        try:
            number = phonenumbers.parse(participant.phone, region)
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_valid_number(number):
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if e164 != participant.phone:
            participant.phone = e164
            changed.append(participant)
    Participant.objects.bulk_update(changed, ["phone"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("registrations", "0004_record_schedules_already_told")]

    operations = [migrations.RunPython(to_international_form, migrations.RunPython.noop)]
