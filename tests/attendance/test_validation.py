"""Bad input on the facilitator's screens is a form error or a 4xx, never a 500."""

from django.utils import translation

from attendance.forms import CounsellingForm


def test_counselling_refuses_impossible_years():
    form = CounsellingForm({"date": "0001-01-01", "counsellor": "", "done": ""})
    with translation.override("it"):
        assert not form.is_valid()
        assert form.errors["date"] == ["Scegli una data tra il 2000 e il 2100."]  # Italian first
