"""Admin for follow-up records: outcomes and support measures, with a participant chooser that
searches by name instead of loading thousands of people into a select."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from activities.forms import AdminModelForm
from core.admin_history import SnippetHistoryView
from core.messaging.phones import phone_to_find
from registrations.models import Participant
from stats.models import Outcome, SupportMeasure
from stats.permissions import can_record_follow_up
from stats.services import check_outcome, record_outcome, record_support

# Choosing a participant by name, without loading thousands of them into a select.


class ParticipantSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name, e-mail or phone")}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            matches = (
                Q(first_name__icontains=query)
                | Q(last_name__icontains=query)
                | Q(email__icontains=query)
                | Q(phone__icontains=query)
            )
            if phone := phone_to_find(query):
                matches |= Q(phone=phone)
            objects = objects.filter(matches)
            self.is_searching = True
            self.search_query = query
        return objects


class FollowUpOnlyMixin:
    """Every view of the chooser shows people by name (the chosen ones answer with their
    names too): only those who record follow-up may open any of them."""

    def dispatch(self, request, *args, **kwargs):
        if not can_record_follow_up(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ParticipantChooseView(FollowUpOnlyMixin, chooser_views.ChooseView):
    filter_form_class = ParticipantSearchForm
    ordering = ["last_name", "first_name", "pk"]


class ParticipantChooseResultsView(FollowUpOnlyMixin, chooser_views.ChooseResultsView):
    filter_form_class = ParticipantSearchForm
    ordering = ["last_name", "first_name", "pk"]


class ParticipantChosenView(FollowUpOnlyMixin, chooser_views.ChosenView):
    pass


class ParticipantChosenMultipleView(FollowUpOnlyMixin, chooser_views.ChosenMultipleView):
    pass


class ParticipantCreateView(FollowUpOnlyMixin, chooser_views.CreateView):
    """Switched off (no creation form), and closed before Wagtail's own check all the same."""


class ParticipantChooserViewSet(ChooserViewSet):
    model = Participant
    icon = "user"
    choose_one_text = _("Choose a participant")
    choose_another_text = _("Choose another participant")
    register_widget = False
    create_action_label = None

    choose_view_class = ParticipantChooseView
    choose_results_view_class = ParticipantChooseResultsView
    chosen_view_class = ParticipantChosenView
    chosen_multiple_view_class = ParticipantChosenMultipleView
    create_view_class = ParticipantCreateView


participant_chooser = ParticipantChooserViewSet("stats_participant_chooser")


class OutcomeForm(AdminModelForm):
    """Fills in the course edition when left empty, and refuses one the person never joined."""

    def _post_clean(self):
        super()._post_clean()
        if not self.errors:
            try:
                check_outcome(self.instance)
            except ValidationError as error:
                self.add_error(None, error)


class ServiceCreateView(snippet_views.CreateView):
    """Creates the record through its service (validation, who recorded it, the log entry)
    instead of Wagtail's own create action."""

    def record(self, data: dict, instance):
        raise NotImplementedError

    def save_instance(self):
        self.new_revision = None  # follow-up records keep no revisions
        return self.record(self.form.cleaned_data, self.form.instance)


class OutcomeCreateView(ServiceCreateView):
    def record(self, data, instance):
        return record_outcome(
            participant=data["participant"],
            kind=data["kind"],
            date=data["date"],
            course_edition=instance.course_edition,  # as the form's check filled it in
            notes=data["notes"],
            by=self.request.user,
        )


class SupportMeasureCreateView(ServiceCreateView):
    def record(self, data, instance):
        return record_support(
            participant=data["participant"],
            kind=data["kind"],
            date=data["date"],
            amount=data["amount"],
            notes=data["notes"],
            by=self.request.user,
        )


class OutcomeViewSet(SnippetViewSet):
    model = Outcome
    history_view_class = SnippetHistoryView
    icon = "tick-inverse"
    menu_label = _("Outcomes")
    list_display = ["participant", "kind", "date", "course_edition"]
    list_filter = ["kind", "date"]
    list_export = ["participant", "kind", "date", "course_edition", "notes"]
    search_fields = ["participant__first_name", "participant__last_name", "notes"]
    ordering = ["-date"]
    add_view_class = OutcomeCreateView
    edit_handler = ObjectList(
        [
            FieldPanel("participant", widget=participant_chooser.widget_class),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
            FieldPanel("course_edition"),
            FieldPanel("notes"),
        ],
        base_form_class=OutcomeForm,
    )

    def get_queryset(self, request):
        return Outcome.objects.select_related("participant", "course_edition")


class SupportMeasureViewSet(SnippetViewSet):
    model = SupportMeasure
    history_view_class = SnippetHistoryView
    icon = "pick"
    menu_label = _("Support measures")
    list_display = ["participant", "kind", "amount", "date"]
    list_filter = ["kind", "date"]
    list_export = ["participant", "kind", "amount", "date", "notes"]
    search_fields = ["participant__first_name", "participant__last_name", "notes"]
    ordering = ["-date"]
    add_view_class = SupportMeasureCreateView
    panels = [
        FieldPanel("participant", widget=participant_chooser.widget_class),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("amount"), FieldPanel("date")]),
        FieldPanel("notes"),
    ]

    def get_queryset(self, request):
        return SupportMeasure.objects.select_related("participant")


class FollowUpGroup(SnippetViewSetGroup):
    items = (OutcomeViewSet, SupportMeasureViewSet)
    menu_icon = "tick-inverse"
    menu_label = _("Follow-up")
    menu_name = "follow-up"
    menu_order = 245
