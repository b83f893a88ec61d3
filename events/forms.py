"""The event editor's form: the rules an event must meet before anyone sees it."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.forms import PageForm
from core.dates import local_datetime
from core.roles import is_coordinator


class EventPageForm(PageForm):
    """Keeps an organisation's events tied to it and checks dates before publishing.

    Under an organisation's events index the organiser is that organisation, whoever edits;
    people who are not coordinators may only name their colleagues as facilitators, so the
    list of every account on the site is never shown to them.
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
        if "facilitators" in self.fields and not is_coordinator(self.for_user):
            users = get_user_model().objects.none()
            if self.organisation is not None:
                users = get_user_model().objects.filter(
                    organisation_memberships__organisation=self.organisation, is_active=True
                )
            elif self.for_user is not None:
                users = get_user_model().objects.filter(pk=self.for_user.pk)
            field = self.fields["facilitators"]
            # Whoever a coordinator already appointed stays selectable (and selected).
            current = [u.pk for u in self.instance.facilitators.all()] if self.instance.pk else []
            field.queryset = get_user_model().objects.filter(
                Q(pk__in=users.values("pk")) | Q(pk__in=current)
            )
            field.help_text = _(
                "Colleagues of your organisation who will take attendance: they will see "
                "who registered."
            )

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
