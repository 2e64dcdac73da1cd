"""The accessibility statement (lag 2018:1937), external and document links (W3.4–W3.6),
site identity, and languages with right-to-left rendering (W3.3e)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.documents import get_document_model
from wagtail.models import Locale

from navet.web.models import (
    DIGG_COMPLAINT_URL,
    AccessibilityStatementPage,
    ContentPage,
    StartPage,
    validate_brand_colour,
)
from navet.web.templatetags.navet_tags import mark_links

pytestmark = pytest.mark.django_db


def test_demo_has_a_statement_per_site_linked_from_every_page_footer(
    public_client, intranet_client, demo_user
):
    for start in StartPage.objects.filter(locale__language_code="sv"):
        assert AccessibilityStatementPage.objects.child_of(start).live().count() == 1
    statement = AccessibilityStatementPage.objects.child_of(StartPage.main("public")).get()
    for path in ("/", "/stod-och-hjalp/familjeradgivning/", "/sok/?q=skola", "/finns-inte/"):
        content = public_client.get(path).content.decode()
        assert f'href="{statement.get_url_parts()[2]}"' in content, path
    intranet_client.force_login(demo_user("medarbetare"))
    assert "Tillgänglighetsredogörelse för intranätet" in intranet_client.get("/").content.decode()


def test_statement_shows_what_digg_asks_for(public_client):
    statement = AccessibilityStatementPage.objects.get(title="Tillgänglighetsredogörelse")
    content = public_client.get(statement.get_url_parts()[2]).content.decode()
    for expected in (
        "Linköpings kommun",
        "linkoping.se",
        "delvis förenlig",
        "Innehåll som inte är tillgängligt",
        "Oskäligt betungande anpassning",
        "Innehåll som inte omfattas av lagen",
        "Hur vi testat webbplatsen",
        "15 september 2026",
        "1 november 2026",
        "mailto:webb@linkoping.se",
        DIGG_COMPLAINT_URL,
    ):
        assert expected in content, expected


def test_statement_requires_a_way_to_report_and_the_shortcomings():
    statement = AccessibilityStatementPage(
        title="Redogörelse",
        slug="redogorelse",
        organisation_name="Linköpings kommun",
        service_name="linkoping.se",
        compliance_status="partial",
        evaluation_method="<p>Test.</p>",
        assessment_date=datetime.date(2026, 1, 1),
        last_updated=datetime.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError) as refused:
        statement.clean()
    assert "feedback_email" in refused.value.message_dict
    statement.feedback_email = "webb@linkoping.se"
    with pytest.raises(ValidationError) as refused:
        statement.clean()
    assert "non_compliant_content" in refused.value.message_dict


def test_W3_6_links_leaving_the_municipalitys_domain_are_marked(public_client):
    page = ContentPage.objects.get(
        title="Stöd vid våld i nära relationer", locale__language_code="sv"
    )
    content = public_client.get(page.get_url_parts()[2]).content.decode()
    assert (
        '<a href="https://www.1177.se/liv--halsa/vald-och-overgrepp/" class="external-link">'
        '1177 Vårdguiden<span class="visually-hidden"> (extern webbplats)</span></a>'
    ) in content


@pytest.mark.parametrize(
    "href,external",
    [
        ("https://www.1177.se/", True),
        ("http://example.org/sida", True),
        ("https://www.linkoping.se/bygglov/", False),
        ("https://linkoping.se/", False),
        ("http://localhost/kontakt/", False),
        ("/kommun-och-politik/", False),
        ("mailto:kommun@linkoping.se", False),
        ("https://linkoping.se.example.com/", True),
    ],
)
def test_W3_6_which_links_count_as_external(href, external):
    html = str(mark_links(f'<p><a href="{href}">Länk</a></p>'))
    assert ("(extern webbplats)" in html) is external, html


def test_document_links_in_text_show_type_and_size():
    from django.utils import translation

    document = get_document_model().objects.get(title="Kommunikationspolicy för Linköpings kommun")
    with translation.override("sv"):
        html = str(mark_links(f'<p><a href="{document.url}">Policyn</a></p>'))
    assert 'Policyn <span class="document-meta">(PDF, ' in html
    assert "byte)</span>" in html or "KB)</span>" in html or "kB)</span>" in html


def test_W3_3e_languages_are_configured_with_swedish_as_default():
    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert {"sv", "en", "fi", "ar", "so", "fa", "ti"} <= codes
    assert Locale.get_default().language_code == "sv"


@pytest.mark.parametrize(
    "path,lang,direction",
    [
        ("/", "sv", "ltr"),
        ("/en/", "en", "ltr"),
        ("/fi/", "fi", "ltr"),
        ("/ar/", "ar", "rtl"),
        ("/fa/", "fa", "rtl"),
        ("/so/", "so", "ltr"),
        ("/ti/", "ti", "ltr"),
    ],
)
def test_W3_3e_translated_start_pages_with_lang_and_direction(public_client, path, lang, direction):
    response = public_client.get(path)
    assert response.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in response.content.decode()


def test_W3_3e_pages_link_their_translations(public_client):
    content = public_client.get("/kommun-och-politik/kontakta-kommunen/").content.decode()
    assert 'hreflang="en"' in content
    assert 'lang="ar" hreflang="ar"' in content
    english = public_client.get("/en/kommun-och-politik/kontakta-kommunen/").content.decode()
    assert "Contact the municipality" in english


@pytest.mark.parametrize(
    "colour,valid", [("#00508c", True), ("#2d5a27", True), ("#ffd23f", False), ("blue", False)]
)
def test_brand_colour_must_contrast_with_white_text(colour, valid):
    if valid:
        validate_brand_colour(colour)
    else:
        with pytest.raises(ValidationError):
            validate_brand_colour(colour)
