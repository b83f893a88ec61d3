"""Participants in the admin, for coordinators: find, look at, correct, export, erase.

Who may do what is `registrations.permissions.ParticipantPermissionPolicy`
(coordinators and superusers; nobody else, whatever the URL). The erasure is
`registrations.services.anonymise`, the same that runs when a resident deletes
their account; here it is for people without an account (walk-ins, paper
registers) who ask to be forgotten.
"""

import datetime

import django_filters
from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.db.models.functions import Lower, Trim
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from activities.models import ActivityPage, Session
from core.admin_history import HistoryView
from core.data_copy import copy_of
from core.dates import long_datetime
from core.http import parse_id
from core.messaging.forms import PhoneField
from core.messaging.phones import phone_to_find, readable_phone
from registrations import data_copy, selectors, services
from registrations.forms import PROVINCE_MESSAGE, ContactPreferencesMixin, ProfileFieldsMixin
from registrations.models import (
    ACTIVE_STATUSES,
    CONTACT_FIELDS,
    PROFILE_FIELDS,
    Participant,
    ReferralSource,
    Registration,
)

# Short words get a context, so that they never change the same word elsewhere on the site.
ALL = pgettext_lazy("participants admin", "All")
ACCOUNT = pgettext_lazy("participants admin", "Account")
ANONYMISED = pgettext_lazy("participants admin", "Anonymised")
NOT_ANONYMISED = pgettext_lazy("participants admin", "Not anonymised")
ANONYMISE = pgettext_lazy("participants admin", "Anonymise")
YES = pgettext_lazy("participants admin", "Yes")
NO = pgettext_lazy("participants admin", "No")
PARTICIPANT = pgettext_lazy("participants admin", "Participant")
PARTICIPANTS = pgettext_lazy("participants admin", "Participants")
# The record's id: on paper registers and in imports, for people without an e-mail.
PARTICIPANT_NUMBER = gettext_lazy("Participant number")
KNOWN_SINCE = pgettext_lazy("participants admin", "Known since")


DATA_COPY = pgettext_lazy("participants admin", "Copy of their data")


def anonymise_buttons(participant: Participant, button_class) -> list:
    """The "Anonymise" action (a `MenuItem` or a `Button`), offered for people without an
    account only: those with one erase their data by deleting it."""
    if participant.has_account:
        return []
    url = reverse("participants:anonymise", args=[participant.pk])
    return [button_class(str(ANONYMISE), url=url, icon_name="bin", priority=40)]


# The list -------------------------------------------------------------------------------


def _municipality_choices():
    """The municipalities on record, each once whatever its capitalisation."""
    names = {}
    for name in (
        Participant.objects.exclude(municipality="")
        .values_list("municipality", flat=True)
        .distinct()
    ):
        names.setdefault(name.strip().casefold(), name.strip())
    return sorted(((name, name) for name in names.values()), key=lambda c: c[1].casefold())


class ParticipantFilterSet(WagtailFilterSet):
    referral_source = django_filters.ChoiceFilter(
        label=gettext_lazy("How they heard of us"), choices=ReferralSource.choices, empty_label=ALL
    )
    municipality = django_filters.ChoiceFilter(
        label=gettext_lazy("Municipality"),
        choices=_municipality_choices,
        method="filter_municipality",
        empty_label=ALL,
    )
    account = django_filters.ChoiceFilter(
        label=ACCOUNT,
        method="filter_account",
        choices=[("yes", gettext_lazy("Has an account")), ("no", gettext_lazy("No account"))],
        empty_label=ALL,
    )
    anonymised = django_filters.ChoiceFilter(
        label=ANONYMISED,
        method="filter_anonymised",
        choices=[("no", NOT_ANONYMISED), ("yes", ANONYMISED)],
        empty_label=ALL,
    )

    class Meta:
        model = Participant
        fields = []

    def filter_municipality(self, queryset, name, value):
        return queryset.alias(municipality_key=Lower(Trim("municipality"))).filter(
            municipality_key=value.strip().lower()
        )

    def filter_account(self, queryset, name, value):
        return queryset.filter(user__isnull=value != "yes")

    def filter_anonymised(self, queryset, name, value):
        return queryset.filter(anonymised_at__isnull=value != "yes")


class ParticipantIndexView(generic.IndexView):
    default_ordering = ["last_name", "first_name", "pk"]

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                active_registrations=Count(
                    "registrations", filter=Q(registrations__status__in=ACTIVE_STATUSES)
                )
            )
        )

    def search_queryset(self, queryset):
        # Also "Rossi Anna" and "anna rossi": every word must match a name or an address;
        # and a phone number however it is written ("347-765-4321").
        if not self.is_searching:
            return queryset
        matches = Q()
        for word in self.search_query.split():
            matches &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(phone__icontains=word)
            )
        if phone := phone_to_find(self.search_query):
            matches |= Q(phone=phone)
        if (number := parse_id(self.search_query.strip().lstrip("#"))) is not None:
            matches |= Q(pk=number)  # the participant number, as on paper registers
        return queryset.filter(matches)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label=gettext_lazy("Name"),
                accessor=str,
                sort_key="last_name",
                get_url=self.get_inspect_url,
            ),
            Column("pk", label=PARTICIPANT_NUMBER, sort_key="pk"),
            Column("email", label=gettext_lazy("E-mail")),
            Column(
                "phone", label=gettext_lazy("Phone"), accessor=lambda p: readable_phone(p.phone)
            ),
            Column("municipality", label=gettext_lazy("Municipality"), sort_key="municipality"),
            Column(
                "referral_source",
                label=gettext_lazy("How they heard of us"),
                accessor="get_referral_source_display",
            ),
            BooleanColumn("has_account", label=ACCOUNT),
            Column(
                "active_registrations",
                label=gettext_lazy("Active registrations"),
                sort_key="active_registrations",
            ),
        ]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission_for_instance("change", instance):
            buttons += anonymise_buttons(instance, MenuItem)
        return buttons

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, bool):
            return str(YES) if value else str(NO)
        return super().preprocess_field_value(field, value, export_format)


# Editing --------------------------------------------------------------------------------


class ParticipantForm(ContactPreferencesMixin, ProfileFieldsMixin, WagtailAdminModelForm):
    """The same checks as the public registration form and the resident's contact choices."""

    class Meta:
        model = Participant
        fields = [*PROFILE_FIELDS, *CONTACT_FIELDS]
        widgets = {"birth_year": forms.NumberInput(attrs={"inputmode": "numeric"})}
        field_classes = {"phone": PhoneField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_year"].help_text = _("Four digits, e.g. 1980.")
        self.fields["province"].help_text = _("Two letters, e.g. CR or MI.")
        self.fields["province"].error_messages["max_length"] = PROVINCE_MESSAGE
        if self.instance.user_id:
            # The login's address: the person changes it in their account settings.
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _(
                "This person has an account: they change their e-mail address themselves."
            )

    def clean_first_name(self):
        name = (self.cleaned_data.get("first_name") or "").strip()
        if not name:
            raise forms.ValidationError(_("Please write the first name."))
        return name

    def clean_last_name(self):
        return (self.cleaned_data.get("last_name") or "").strip()

    def clean_municipality(self):
        return (self.cleaned_data.get("municipality") or "").strip()


class ParticipantEditView(generic.EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.anonymised = Participant.objects.filter(
            pk=self.kwargs.get(self.pk_url_kwarg), anonymised_at__isnull=False
        ).exists()

    def dispatch(self, request, *args, **kwargs):
        if self.anonymised and self.user_has_permission("change"):
            messages.error(
                request, _("This person's record has been erased: there is nothing left to edit.")
            )
            return redirect("participants:inspect", self.kwargs[self.pk_url_kwarg])
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def header_more_buttons(self):
        return super().header_more_buttons + anonymise_buttons(self.object, Button)


# One participant -------------------------------------------------------------------------


def registration_summary(participant: Participant) -> list[dict]:
    """One row per activity the person registered for or was marked at, newest first.

    Attendance counts come from the apps above that record them, through the
    `participant_attendance_counts` hook (a function of the participant returning
    {activity id: {"attended": n, "excused": n, "absent": n}}), and the held sessions of
    each activity: four queries whatever the number of activities.
    """
    registrations = list(
        Registration.objects.filter(participant=participant).order_by("-created_at", "-pk")
    )
    marks = {}
    for counts_for in hooks.get_hooks("participant_attendance_counts"):
        marks.update(counts_for(participant))
    ids = list(dict.fromkeys([r.activity_id for r in registrations] + list(marks)))
    activities = ActivityPage.objects.in_bulk(ids)
    held = dict(
        Session.objects.held()
        .filter(activity_id__in=ids)
        .values("activity")
        .annotate(n=Count("pk"))
        .values_list("activity", "n")
    )
    latest = {}
    for registration in registrations:  # newest first: the first one per activity counts
        latest.setdefault(registration.activity_id, registration)
    rows = []
    for activity_id in ids:
        mark = marks.get(activity_id, {})
        rows.append(
            {
                "activity": activities.get(activity_id),
                "registration": latest.get(activity_id),
                "attended": mark.get("attended", 0),
                "excused": mark.get("excused", 0),
                "absent": mark.get("absent", 0),
                "held": held.get(activity_id, 0),
            }
        )
    return rows


class ParticipantInspectView(generic.InspectView):
    template_name = "registrations/admin/participant.html"

    def get_page_title(self):
        return str(PARTICIPANT)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": str(PARTICIPANTS)},
            {"url": "", "label": str(self.object)},
        ]

    def get_user_display_value(self):
        return str(YES) if self.object.user_id else str(NO)

    def get_field_label(self, field_name, field):
        if field_name == "id":
            return str(PARTICIPANT_NUMBER)
        if field_name == "user":
            return _("Has an account")
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime.datetime):  # local time, as everywhere on the site
            return long_datetime(value)
        if field_name == "phone" and value:
            return readable_phone(value)
        return "—" if value in (None, "") else value

    def get_edit_url(self):
        if self.user_has_permission_for_instance("change", self.object):
            return reverse(self.edit_url_name, args=[self.object.pk])
        return None

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if not self.object.anonymised_at:
            url = reverse("participants:data_copy", args=[self.object.pk])
            buttons.append(Button(str(DATA_COPY), url=url, icon_name="download", priority=30))
        if self.user_has_permission_for_instance("change", self.object):
            buttons += anonymise_buttons(self.object, Button)
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = registration_summary(self.object)
        return context


# Screens about one participant -------------------------------------------------------


class ParticipantScreen(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A screen about one participant, under their record in the breadcrumbs."""

    permission_policy = None  # set by the viewset
    title = ""
    participants = Participant.objects.all()

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.participants, pk=kwargs["pk"])

    def get_page_title(self):
        return str(self.title)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("participants:index"), "label": str(PARTICIPANTS)},
            {
                "url": reverse("participants:inspect", args=[self.object.pk]),
                "label": str(self.object),
            },
            {"url": "", "label": str(self.title)},
        ]


# A person's copy of their data ---------------------------------------------------------


class DataCopyView(ParticipantScreen):
    """The copy a person without an account asks for at the desk: read or print it here,
    download it as JSON, or send them a link to it (7 days) by the channel they use."""

    permission_required = "view"
    template_name = "registrations/admin/participant_data_copy.html"
    header_icon = "download"
    title = DATA_COPY
    participants = Participant.objects.filter(anonymised_at__isnull=True)

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "json":
            return data_copy.json_download(self.object)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if data_copy.send_link(self.object, by=request.user):
            messages.success(request, _("A link to the copy has been sent to the person."))
        else:
            messages.error(
                request,
                _(
                    "Nothing reaches this person (no e-mail, or no SMS service): print the copy "
                    "and hand it over instead."
                ),
            )
        return redirect("participants:data_copy", self.object.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"object": self.object, "sections": copy_of(self.object)})
        return context


# Erasure -------------------------------------------------------------------------------


class AnonymiseView(ParticipantScreen):
    """Confirm, then anonymise a participant without an account (an erasure request)."""

    permission_required = "change"
    template_name = "registrations/admin/participant_anonymise.html"
    header_icon = "user"
    title = ANONYMISE

    def _refusal(self):
        if self.object.anonymised_at:
            return _("This person's record has already been anonymised.")
        if self.object.user_id:
            return _(
                "This person has an account. They erase their data by deleting the "
                "account from “My registrations”; once an administrator has "
                "deleted the account in Users, the record can be anonymised here."
            )
        return None

    def get(self, request, *args, **kwargs):
        if refusal := self._refusal():
            messages.error(request, refusal)
            return redirect("participants:inspect", self.object.pk)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if refusal := self._refusal():
            messages.error(request, refusal)
            return redirect("participants:inspect", self.object.pk)
        services.anonymise(participant=self.object, by=request.user)
        messages.success(
            request, _("The record has been anonymised: name, e-mail and phone are erased.")
        )
        return redirect("participants:inspect", self.object.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "object": self.object,
                "to_cancel": list(selectors.ended_by_erasure(self.object)),
            }
        )
        return context


class ParticipantViewSet(ModelViewSet):
    model = Participant
    history_view_class = HistoryView
    icon = "group"
    menu_label = PARTICIPANTS
    menu_order = 206
    add_to_admin_menu = True
    name = "participants"
    url_prefix = "participants"
    form_fields = ParticipantForm._meta.fields
    copy_view_enabled = False
    inspect_view_enabled = True
    add_to_reference_index = False
    filterset_class = ParticipantFilterSet
    search_fields = ["first_name", "last_name", "email", "phone"]
    search_backend_name = None  # the database: names and addresses as typed, no index to build
    index_view_class = ParticipantIndexView
    edit_view_class = ParticipantEditView
    inspect_view_class = ParticipantInspectView
    inspect_view_fields = [
        "id",
        *PROFILE_FIELDS,
        *CONTACT_FIELDS,
        "user",
        "consent_at",
        "consent_version",
        "created_at",
        "anonymised_at",
    ]
    list_per_page = 50
    list_export = [
        "pk",
        "first_name",
        "last_name",
        "email",
        "phone",
        "birth_year",
        "municipality",
        "province",
        "get_referral_source_display",
        "has_account",
        "created_at",
        "anonymised_at",
    ]
    export_headings = {
        "pk": PARTICIPANT_NUMBER,
        "first_name": gettext_lazy("First name"),
        "last_name": gettext_lazy("Last name"),
        "email": gettext_lazy("E-mail"),
        "phone": gettext_lazy("Phone"),
        "birth_year": gettext_lazy("Year of birth"),
        "municipality": gettext_lazy("Municipality"),
        "province": gettext_lazy("Province"),
        "get_referral_source_display": gettext_lazy("How they heard of us"),
        "has_account": gettext_lazy("Has an account"),
        "created_at": KNOWN_SINCE,
        "anonymised_at": gettext_lazy("Anonymised at"),
    }
    export_filename = "participants"

    def get_form_class(self, for_update=False):
        return ParticipantForm

    @property
    def anonymise_view(self):
        return AnonymiseView.as_view(permission_policy=self.permission_policy)

    @property
    def data_copy_view(self):
        return DataCopyView.as_view(permission_policy=self.permission_policy)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("anonymise/<int:pk>/", self.anonymise_view, name="anonymise"),
            path("data/<int:pk>/", self.data_copy_view, name="data_copy"),
        ]


participant_viewset = ParticipantViewSet()
