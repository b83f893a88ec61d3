"""The desk (sportello): private first-contact requests, the times staff offer for
appointments, and the appointments booked in them.

A `ContactRequest` comes from the public "Talk to us" form, from people who may have no
account and give only a name they choose and one way to reach them. Staff offer their time
as an `Availability` (one-off or recurring, cut into slots of N minutes); each slot is a
`Slot` row, and an `Appointment` holds it. A slot is held by at most one live appointment:
a database constraint says so, and `appointments.booking` locks the slot row before it
checks, so two people tapping at the same second get one appointment and one clear answer.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from recurrence.fields import RecurrenceField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from core.dates import session_when, validate_sane_date
from core.messaging.phones import validate_phone


class ContactWay(models.TextChoices):
    """What the person asked for."""

    CALL_BACK = "call_back", _("Call me back")
    IN_PERSON = "in_person", _("An appointment in person")
    PHONE = "phone", _("An appointment by phone")
    VIDEO = "video", _("An appointment by video call")


class ReachableWhen(models.TextChoices):
    ANY_TIME = "any_time", _("Any time")
    MORNING = "morning", _("In the morning")
    AFTERNOON = "afternoon", _("In the afternoon")
    EVENING = "evening", _("After 17:00")


class RequestStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("request status", "New")
    CONTACTED = "contacted", pgettext_lazy("request status", "Contacted")
    BOOKED = "booked", pgettext_lazy("request status", "Appointment booked")
    NO_ANSWER = "no_answer", pgettext_lazy("request status", "No answer")
    CLOSED = "closed", pgettext_lazy("request status", "Closed")
    WITHDRAWN = "withdrawn", pgettext_lazy("request status", "Withdrawn")


# Statuses in which a request still waits for the desk.
OPEN_STATUSES = (RequestStatus.NEW, RequestStatus.CONTACTED, RequestStatus.NO_ANSWER)


class ContactRequest(models.Model):
    """A private first contact someone asked for. Erased (blanked in place, counts kept) after
    the retention period unless the person became a participant (`appointments.retention`)."""

    name = models.CharField(
        _("name"), max_length=80, help_text=_("A first name, or any name you like.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True, max_length=200)
    way = models.CharField(_("what you would like"), max_length=20, choices=ContactWay.choices)
    reachable = models.CharField(
        _("when we can reach you"),
        max_length=20,
        choices=ReachableWhen.choices,
        default=ReachableWhen.ANY_TIME,
    )
    need = models.TextField(_("what you need (optional)"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=8, default="it")
    consent_at = models.DateTimeField(_("privacy consent given at"))
    consent_version = models.CharField(_("privacy notice version"), max_length=20)

    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    attempts = models.PositiveSmallIntegerField(_("calls without answer"), default=0)
    notes = models.TextField(_("notes (staff only)"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    participant = models.ForeignKey(
        "registrations.Participant",
        verbose_name=_("participant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_requests",
    )
    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    first_contact_at = models.DateTimeField(_("first contacted at"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        permissions = [("handle_contactrequest", "Can handle contact requests at the desk")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="", email="") | Q(erased_at__isnull=False),
                name="contact_request_has_phone_or_email",
            ),
        ]

    def __str__(self):
        # Never the person's name: this label goes into the admin's history (log entries).
        return _("Request no. %(number)s") % {"number": self.pk}

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES or self.status == RequestStatus.BOOKED


class AppointmentKind(models.TextChoices):
    FIRST_INTERVIEW = "first_interview", _("First interview at the desk")
    COUNSELLING = "counselling", _("Individual counselling (course)")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    VIDEO = "video", _("By video call")


class Availability(models.Model):
    """Time a counsellor or an operator offers, cut into slots: one day, or a recurrence
    (django-recurrence, e.g. every Wednesday), from `start_time` to `end_time` in slots of
    `slot_minutes`. `appointments.slots.sync_slots` writes the `Slot` rows."""

    kind = models.CharField(
        _("kind of appointment"), max_length=20, choices=AppointmentKind.choices
    )
    edition = models.ForeignKey(
        "activities.ActivityPage",
        verbose_name=_("course edition"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="counselling_availability",
        help_text=_("For individual counselling: the edition whose participants may book."),
    )
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("with"),
        on_delete=models.PROTECT,
        related_name="availability",
        help_text=_("The counsellor or operator who meets the person."),
    )
    mode = models.CharField(_("how"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    location = models.ForeignKey(
        "activities.Location",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where, for appointments in person."),
    )
    first_day = models.DateField(_("first day"), validators=[validate_sane_date])
    recurrences = RecurrenceField(
        _("repeats"),
        blank=True,
        help_text=_("Leave empty for one day only."),
    )
    until = models.DateField(_("until"), null=True, blank=True, validators=[validate_sane_date])
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    slot_minutes = models.PositiveSmallIntegerField(_("minutes per appointment"), default=45)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["first_day", "start_time"]
        verbose_name = _("availability")
        verbose_name_plural = _("availability")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="availability_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=10, slot_minutes__lte=240),
                name="availability_slot_length_sane",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.host.get_full_name() or self.host}"

    def clean(self):
        """What an availability needs to make sense, each problem on its field."""
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end must come after the start.")
        if self.slot_minutes is not None and not 10 <= self.slot_minutes <= 240:
            errors["slot_minutes"] = _("An appointment lasts between 10 and 240 minutes.")
        if self.kind == AppointmentKind.COUNSELLING and self.edition_id is None:
            errors["edition"] = _("Individual counselling is offered to one course edition.")
        if self.mode == Mode.IN_PERSON and self.location_id is None:
            errors["location"] = _("Say where the appointments in person take place.")
        if self.until and self.first_day and self.until < self.first_day:
            errors["until"] = _("The last day cannot come before the first one.")
        if errors:
            raise ValidationError(errors)


class SlotQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(start__gt=now or timezone.now(), cancelled=False)

    def free(self):
        """Slots no live appointment holds."""
        return self.exclude(appointments__status__in=LIVE_STATUSES)


class Slot(models.Model):
    availability = models.ForeignKey(
        Availability,
        verbose_name=_("availability"),
        on_delete=models.CASCADE,
        related_name="slots",
    )
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    cancelled = models.BooleanField(_("withdrawn"), default=False)

    objects = SlotQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("appointment slot")
        verbose_name_plural = _("appointment slots")
        constraints = [
            models.UniqueConstraint(
                fields=["availability", "start"], name="one_slot_per_availability_and_time"
            ),
        ]

    def __str__(self):
        return f"{session_when(self)} · {self.availability}"


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", pgettext_lazy("appointment status", "Booked")
    HELD = "held", pgettext_lazy("appointment status", "Held")
    NO_SHOW = "no_show", pgettext_lazy("appointment status", "Not held (did not come)")
    CANCELLED = "cancelled", pgettext_lazy("appointment status", "Cancelled")


# The statuses in which an appointment holds its slot.
LIVE_STATUSES = (AppointmentStatus.BOOKED, AppointmentStatus.HELD)


class Appointment(models.Model):
    """An appointment in one slot, for a participant or for the person of a request."""

    slot = models.ForeignKey(
        Slot, verbose_name=_("slot"), on_delete=models.PROTECT, related_name="appointments"
    )
    kind = models.CharField(
        _("kind of appointment"), max_length=20, choices=AppointmentKind.choices
    )
    participant = models.ForeignKey(
        "registrations.Participant",
        verbose_name=_("participant"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="appointments",
    )
    request = models.ForeignKey(
        ContactRequest,
        verbose_name=_("contact request"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="appointments",
    )
    edition = models.ForeignKey(
        "activities.ActivityPage",
        verbose_name=_("course edition"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="counselling_appointments",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.BOOKED,
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the person booked it themselves."),
    )
    booked_at = models.DateTimeField(_("booked at"), default=timezone.now)
    changed_at = models.DateTimeField(_("last changed"), auto_now=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        ordering = ["slot__start"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        constraints = [
            # The rule that one slot is never booked twice, whatever the code above does.
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status__in=["booked", "held"]),
                name="one_live_appointment_per_slot",
            ),
            models.CheckConstraint(
                condition=Q(participant__isnull=False) | Q(request__isnull=False),
                name="appointment_is_for_someone",
            ),
            models.CheckConstraint(
                condition=~Q(kind="counselling")
                | (Q(edition__isnull=False) & Q(participant__isnull=False)),
                name="counselling_appointment_names_edition_and_participant",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.slot}"

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES


@register_setting(icon="mobile-alt")
class DeskContact(BaseGenericSetting):
    """The desk's public phone numbers and when to call: the "Talk to us" pages show them
    (`appointments.contact.desk_phones`), so a person who prefers a call finds the number."""

    phone = models.CharField(
        _("desk phone"),
        max_length=40,
        blank=True,
        validators=[validate_phone],
        help_text=_("The public number people call for a first contact."),
    )
    other_phone = models.CharField(
        _("other phone"),
        max_length=40,
        blank=True,
        validators=[validate_phone],
        help_text=_("Optional: a second desk, or a mobile number."),
    )
    hours = models.CharField(
        _("when to call"),
        max_length=120,
        blank=True,
        help_text=_("E.g. “Monday to Friday, 9:00–12:30”."),
    )

    class Meta:
        verbose_name = _("desk phones")
        verbose_name_plural = _("desk phones")
