"""{% load phones %}: stored numbers shown as people read them."""

from django.template import Context, Template


def test_readable_phone_filter():
    template = Template("{% load phones %}{{ phone|readable_phone }}")
    assert template.render(Context({"phone": "+393331234567"})) == "+39 333 123 4567"
    assert template.render(Context({"phone": ""})) == ""
