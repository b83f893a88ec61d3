"""The programme filter's choices (issue 14: "Tutti" appeared twice with two meanings)."""

import pytest
from django.utils import translation

from activities.programme import ProgrammeFilter


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_audience_filter_says_each_thing_once(language):
    with translation.override(language):
        labels = [str(label) for _value, label in ProgrammeFilter().fields["audience"].choices]
    assert len(labels) == len(set(labels)), labels


def test_no_filter_and_open_to_everyone_are_told_apart():
    with translation.override("en"):
        choices = {v: str(label) for v, label in ProgrammeFilter().fields["audience"].choices}
    assert choices[""] == "Any audience"
    assert choices["everyone"] == "Open to everyone"
    assert choices["women"] == "Women"
