import io

import pytest
from django.core.management import call_command
from wagtail.models import Site

from tests.factories import make_group


@pytest.mark.django_db
def test_the_site_record_follows_site_url_once(settings):
    settings.SITE_URL = "https://lavoro.comune.example.it"
    make_group(title="Over 50 insieme")  # the Wagtail tree with its default site
    out = io.StringIO()
    call_command("use_site_url", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("lavoro.comune.example.it", 443)
    assert "now follows" in out.getvalue()

    again = io.StringIO()
    call_command("use_site_url", stdout=again)
    assert "already follows" in again.getvalue()
    assert Site.objects.get(is_default_site=True).port == 443
