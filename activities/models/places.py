"""Where activities happen and who organises them: snippets shared by every page type."""

from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Location(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=120, help_text=_("E.g. “Villa Litta, sala 2”."))
    address = models.CharField(_("address"), max_length=200)
    town = models.CharField(_("town"), max_length=80)
    accessibility_notes = models.TextField(
        _("accessibility notes"),
        blank=True,
        help_text=_("Step-free access, lifts, accessible toilets, nearest bus stop…"),
    )
    # Calendar feeds include the address: a change must change their fingerprint.
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("town"),
        FieldPanel("accessibility_notes"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("town")]

    class Meta:
        ordering = ["town", "name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return f"{self.name}, {self.town}"

    @property
    def full_address(self) -> str:
        return f"{self.name}, {self.address}, {self.town}"


class OrganisationKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    COOPERATIVE = "cooperative", _("Social cooperative")
    PUBLIC_SERVICE = "public_service", _("Public service")
    SCHOOL = "school", _("School or training body")
    COMPANY = "company", _("Company")


class Organisation(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=OrganisationKind.choices,
        default=OrganisationKind.ASSOCIATION,
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    phone = models.CharField(_("public phone"), max_length=40, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Calendar feeds name the organiser: a change must change their fingerprint.
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("email"),
        FieldPanel("phone"),
    ]
    search_fields = [index.SearchField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:150]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organisation_detail", kwargs={"slug": self.slug})
