"""The admin screen importing participants and their registrations (see `importing`)."""

from django.utils.translation import gettext_lazy

from core.admin_imports import ImportViewSet
from registrations.importing import COLUMNS, EXAMPLE, import_participants


class ParticipantsImportViewSet(ImportViewSet):
    name = "registrations_import"
    url_prefix = "import/participants"
    menu_label = gettext_lazy("Participants and registrations")
    importer = staticmethod(import_participants)
    columns = COLUMNS
    example = EXAMPLE
    docs = gettext_lazy(
        "One row per person and activity; a row without an activity only adds the person. "
        "Registrations to a finished activity record past participation; nobody is notified."
    )
