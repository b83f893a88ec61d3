"""Admin list filters whose record choices refuse ids no key can hold (`core.id_fields`).

`IdFilterSet` builds the same filters as a viewset's `list_filter` (labels, choices,
"no record" choice), with the choice of a related record reading its id first.
"""

import django_filters
from django.db import models
from django_filters.filterset import FILTER_FOR_DBFIELD_DEFAULTS
from wagtail.admin.filters import WagtailFilterSet

from core.id_fields import IdChoiceMixin


class IdModelChoiceField(IdChoiceMixin, django_filters.fields.ModelChoiceField):
    pass


class IdModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdModelChoiceField


class IdFilterSet(WagtailFilterSet):
    FILTER_DEFAULTS = {
        **WagtailFilterSet.FILTER_DEFAULTS,
        **{
            relation: {**FILTER_FOR_DBFIELD_DEFAULTS[relation], "filter_class": IdModelChoiceFilter}
            for relation in (models.ForeignKey, models.OneToOneField)
        },
    }
