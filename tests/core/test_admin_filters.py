"""`IdFilterSet` builds the filters `list_filter` would, the related record read by id."""

import pytest
from wagtail.admin.filters import WagtailFilterSet

from attendance.models import CounsellingSession
from core.admin_filters import IdFilterSet, IdModelChoiceField

pytestmark = pytest.mark.django_db


def filtersets():
    meta = type("Meta", (), {"model": CounsellingSession, "fields": ["done", "activity"]})
    ours = type("Ours", (IdFilterSet,), {"Meta": meta})
    wagtails = type("Wagtails", (WagtailFilterSet,), {"Meta": meta})
    return ours(), wagtails()


def test_the_filters_are_those_of_list_filter_with_the_id_field():
    ours, wagtails = filtersets()
    assert list(ours.form.fields) == list(wagtails.form.fields)
    for name, field in ours.form.fields.items():
        assert field.label == wagtails.form.fields[name].label
    assert isinstance(ours.form.fields["activity"], IdModelChoiceField)
    assert ours.form.fields["activity"].queryset.model is (
        wagtails.form.fields["activity"].queryset.model
    )


def test_an_impossible_id_is_an_invalid_filter():
    meta = type("Meta", (), {"model": CounsellingSession, "fields": ["activity"]})
    filterset = type("Ours", (IdFilterSet,), {"Meta": meta})(data={"activity": "9" * 30})
    assert not filterset.is_valid()
    assert "activity" in filterset.errors
