"""The Import menu: participants and registrations, paper registers, then the year's
follow-up."""

from django.utils.translation import gettext_lazy
from wagtail.admin.viewsets.base import ViewSetGroup

from attendance.admin_views import ImportViewSet as PaperRegisterImportViewSet
from core.admin_imports import ImportViewSet
from registrations.admin_import import ParticipantsImportViewSet
from stats.importing import COLUMNS, EXAMPLE, import_follow_up


class FollowUpImportViewSet(ImportViewSet):
    name = "follow_up_import"
    url_prefix = "import/follow-up"
    menu_label = gettext_lazy("Counselling, outcomes and support")
    importer = staticmethod(import_follow_up)
    columns = COLUMNS
    example = EXAMPLE
    docs = gettext_lazy(
        "One row per record. Kind: counselling, an outcome (traineeship, fixed_term, "
        "permanent, self_employment, none) or a support measure (support_pact, grant, other). "
        "Import the participants first."
    )


class ImportGroup(ViewSetGroup):
    menu_label = gettext_lazy("Import")
    menu_icon = "upload"
    menu_name = "import"
    menu_order = 250
    items = (
        ParticipantsImportViewSet("registrations_import"),
        PaperRegisterImportViewSet("attendance_import"),
        FollowUpImportViewSet("follow_up_import"),
    )
