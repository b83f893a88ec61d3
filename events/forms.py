"""The event editor's form: the rules an event must meet before anyone sees it."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.forms import PageForm
from activities.models.activity import facilitator_choices
from core.dates import local_datetime
from core.http import parse_id
from core.roles import association_editors_query, is_coordinator


class EventPageForm(PageForm):
    """Keeps an organisation's events tied to it and checks dates before publishing.

    Under an organisation's events index the organiser is that organisation, whoever edits;
    partner staff (association editors) are never facilitators, since facilitators see who
    registered and partners only the counts.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = getattr(self, "parent_page", None)
        # The page class answers (events.models imports this module, so it is not imported here).
        self.organisation = type(self.instance).organisation_for_parent(parent)
        if "organiser" in self.fields and self.organisation is not None:
            field = self.fields["organiser"]
            field.initial = self.organisation.pk
            field.disabled = True
            field.help_text = _("Events in this section always belong to this organisation.")
        if "facilitators" in self.fields:
            self._limit_facilitators()

    def _limit_facilitators(self):
        """Offer staff who may see registrants' names; partner staff never.

        People who are not coordinators may only name their colleagues, so the list of every
        account on the site is never shown to them. Whoever is already appointed stays in the
        list, and so does a partner just submitted, so the form can say why they are refused.
        """
        field = self.fields["facilitators"]
        users = get_user_model().objects
        if is_coordinator(self.for_user):
            candidates = field.queryset
        else:
            candidates = users.none()
            if self.organisation is not None:
                candidates = users.filter(
                    organisation_memberships__organisation=self.organisation, is_active=True
                )
            elif self.for_user is not None:
                candidates = users.filter(pk=self.for_user.pk)
            candidates = candidates.filter(facilitator_choices())
            field.help_text = _(
                "Staff who will take attendance: they will see who registered. Partner "
                "staff cannot be facilitators."
            )
        current = [u.pk for u in self.instance.facilitators.all()] if self.instance.pk else []
        name = self.add_prefix("facilitators")
        submitted = field.widget.value_from_datadict(self.data, self.files, name) or []
        submitted = [pk for pk in map(parse_id, submitted) if pk is not None]
        refused = Q(pk__in=submitted) & association_editors_query()
        field.queryset = users.filter(
            Q(pk__in=candidates.values("pk")) | Q(pk__in=current) | refused
        )

    def clean_facilitators(self):
        """Partner staff are never facilitators, whoever edits: they would see who registered."""
        facilitators = self.cleaned_data["facilitators"]
        partners = facilitators.filter(association_editors_query())
        if partners:
            raise ValidationError(
                [
                    ValidationError(
                        _(
                            "%(name)s works for a partner organisation and cannot be a "
                            "facilitator: partners see how many people registered, never who. "
                            "A coordinator can give them a separate facilitator account."
                        ),
                        code="partner_facilitator",
                        params={"name": user.get_full_name() or user.get_username()},
                    )
                    for user in partners
                ]
            )
        return facilitators

    def clean(self):
        cleaned = super().clean()
        if self.organisation is not None:
            cleaned["organiser"] = self.organisation
        self._check_dates()
        return cleaned

    def _check_dates(self):
        formset = self.formsets.get("planned_sessions")
        if formset is None or not formset.is_valid():
            return
        now = timezone.now()
        for form in formset.forms:
            if formset.can_delete and formset._should_delete_form(form):
                continue
            data = getattr(form, "cleaned_data", None) or {}
            day, start = data.get("date"), data.get("start_time")
            if not (day and start):
                continue
            is_new_or_changed = form.instance.pk is None or form.has_changed()
            if is_new_or_changed and local_datetime(day, start) < now:
                form.add_error("date", _("This date and time are in the past."))
