"""The privacy notice page: written from the privacy settings and the registry, so it shows
the periods, the controller and the DPO as configured, every purpose, and partners as counts
only; one per site, under the home page, linked from the footer."""

import pytest
from django.utils import translation
from django.utils.html import escape

from core import personal_data as pd
from core.privacy.models import PrivacySettings
from jobcafe.models import HomePage, PrivacyNoticePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice_page():
    home = HomePage.objects.get()
    page = PrivacyNoticePage(
        title="Informativa sulla privacy", slug="privacy", intro="<p>Parole nostre.</p>"
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _settings(**fields):
    saved = PrivacySettings.load()
    for name, value in fields.items():
        setattr(saved, name, value)
    saved.save()


def _get(client, language="en"):
    response = client.get("/privacy/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_periods_as_configured(client, notice_page):
    html = _get(client)
    assert "Until 24 months after the person&#x27;s last activity, then anonymised" in html
    _settings(participant_inactive_months=30, message_log_days=45)
    html = _get(client)
    assert "Until 30 months after the person&#x27;s last activity, then anonymised" in html
    assert "45 days after they were sent, then deleted" in html
    assert "24 months after" not in html


def test_in_italian_the_page_shows_the_configured_period_and_the_links_to_use_ones_rights(
    client, notice_page
):
    _settings(participant_inactive_months=27)
    html = _get(client, "it")
    assert '<html lang="it">' in html
    periods = html.split('id="why"')[1].split('id="what"')[0]
    assert "27" in periods and "24" not in periods
    assert 'href="/my/data/">I miei dati</a>' in html
    assert 'href="/my/account/delete/">Elimina il mio account</a>' in html
    assert "Parole nostre." in html


def test_the_controller_and_the_dpo_are_shown(client, notice_page):
    html = _get(client)
    assert "have not been entered yet" in html
    _settings(
        controller_name="Comune di Lainate",
        controller_address="Largo Vittorio Veneto 12, Lainate",
        controller_email="jobcafe@comune.example",
        dpo_name="Studio Rossi",
        dpo_email="rpd@comune.example",
        dpo_phone="+39 02 1234567",
    )
    html = _get(client)
    for shown in (
        "Comune di Lainate",
        "Largo Vittorio Veneto 12, Lainate",
        'href="mailto:jobcafe@comune.example"',
        "Studio Rossi",
        'href="mailto:rpd@comune.example"',
        'href="tel:+39 02 1234567"',
    ):
        assert shown in html
    assert "have not been entered yet" not in html


def test_every_purpose_of_the_registry_appears(client, notice_page):
    html = _get(client)
    with translation.override("en"):
        purposes = {str(entry.purpose) for entry in pd.registry().personal}
    assert purposes
    for purpose in purposes:
        assert escape(purpose) in html, purpose
    assert "public task (GDPR art. 6(1)(e))" in html


def test_partners_see_counts_only_and_processors_are_listed(client, notice_page, monkeypatch):
    # Who sees what is declared by the apps (Access entries); here one is set for the test.
    monkeypatch.setitem(
        pd.registry().access, "registrations.Participant", (pd.COORDINATORS, pd.PARTNERS_COUNTS)
    )
    _settings(processors="Hosting: Rete Srl\nSMS: Messaggi Spa")
    html = _get(client)
    assert "Partner organisations, as counts only (never names)" in html
    assert "<li>Hosting: Rete Srl</li>" in html and "<li>SMS: Messaggi Spa</li>" in html


def test_the_rights_say_how_to_use_them_here(client, notice_page):
    html = _get(client)
    for right in ("art. 15", "art. 16", "art. 17", "art. 18", "art. 20", "art. 21", "art. 77"):
        assert right in html
    assert 'href="https://www.garanteprivacy.it"' in html
    assert 'href="/my/data/">My data</a>' in html
    assert 'href="/my/account/delete/">Delete my account</a>' in html


def test_the_footer_links_to_the_notice_and_there_is_only_one(client, notice_page):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/privacy/">Privacy</a>' in html
    assert not PrivacyNoticePage.can_create_at(HomePage.objects.get())


def test_the_address_stays_the_one_consent_boxes_link_to(notice_page):
    from django.core.exceptions import ValidationError

    notice_page.slug = "informativa"
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        notice_page.full_clean()
    assert "the consent boxes of the forms link to it" in str(refused.value)
    notice_page.slug = "privacy"
    notice_page.full_clean()
