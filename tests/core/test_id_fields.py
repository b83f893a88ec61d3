"""A choice of records by id: an id no key can hold is a form error, not a database error."""

import pytest
from django import forms
from django.contrib.auth import get_user_model

from core.id_fields import IdChoiceMixin, IdChoicesMixin
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class UsersField(IdChoicesMixin, forms.ModelMultipleChoiceField):
    pass


def field():
    return UsersField(queryset=get_user_model().objects.all())


@pytest.mark.parametrize("value", ["9" * 20, "9" * 5000, "²", "١٢", "-1", "", "a\x00b"])
def test_a_value_that_is_not_an_id_is_refused_before_any_query(value, django_assert_num_queries):
    with django_assert_num_queries(0), pytest.raises(forms.ValidationError) as error:
        field().clean([value])
    assert error.value.code == "invalid_pk_value"


def test_an_id_without_a_record_is_still_an_invalid_choice():
    with pytest.raises(forms.ValidationError) as error:
        field().clean([str(2**63 - 1)])
    assert error.value.code == "invalid_choice"


def test_real_ids_are_chosen():
    users = [UserFactory(username="uno"), UserFactory(username="due")]
    assert set(field().clean([str(user.pk) for user in users])) == set(users)


class UserField(IdChoiceMixin, forms.ModelChoiceField):
    pass


@pytest.mark.parametrize("value", ["9" * 20, "²", "-1", "a\x00b"])
def test_a_single_choice_that_is_not_an_id_is_refused_before_any_query(
    value, django_assert_num_queries
):
    field = UserField(queryset=get_user_model().objects.all())
    with django_assert_num_queries(0), pytest.raises(forms.ValidationError) as error:
        field.clean(value)
    assert error.value.code == "invalid_choice"


def test_a_single_real_id_is_chosen():
    user = UserFactory(username="uno")
    assert UserField(queryset=get_user_model().objects.all()).clean(str(user.pk)) == user
