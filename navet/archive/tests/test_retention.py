"""W3.7: retention decisions as data – a section, a page type or a register, kept for ever
or culled after a number of years, with legal basis and reference; the strictest decision
that covers a page wins, and the page's edit view shows it."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from navet.archive.models import RetentionDecision, RetentionScope
from navet.archive.retention import decision_for, decisions_covering
from navet.directories.models import Association, Provider
from navet.web.models import Audience, ContentPage, NewsPage, StartPage

pytestmark = pytest.mark.django_db


def decision(**fields):
    data = {
        "title": "Test",
        "legal_basis": "Arkivlagen",
        "reference": "KS 2099-1",
        **fields,
    }
    return RetentionDecision.objects.create(**data)


def test_w3_7_the_demo_has_decisions_for_sections_page_types_and_registers():
    scopes = set(RetentionDecision.objects.values_list("scope", flat=True))
    assert scopes == {RetentionScope.SECTION, RetentionScope.PAGE_TYPE, RetentionScope.REGISTER}
    assert all(d.legal_basis and d.reference for d in RetentionDecision.objects.all())


def test_w3_7_keeping_for_ever_beats_any_culling():
    page = ContentPage.objects.filter(owning_unit__name="Kommunledningsförvaltningen").first()
    # The public site (10 years) and the leadership's section (for ever) both cover it.
    assert len(decisions_covering(page)) >= 2
    chosen = decision_for(page)
    assert chosen.keep_forever and chosen.reference == "KS 2022-0188"


def test_w3_7_a_longer_time_beats_a_shorter_one():
    intranet = StartPage.main(Audience.INTRANET)
    news = NewsPage.objects.descendant_of(intranet).first()
    # The intranet (3 years) and news (2 years): three years win.
    assert decision_for(news).cull_after_years == 3
    decision(
        title="Längre",
        scope=RetentionScope.PAGE_TYPE,
        content_type=ContentType.objects.get_for_model(NewsPage),
        cull_after_years=7,
    )
    assert decision_for(news).cull_after_years == 7


def test_w3_7_registers_have_their_own_decisions():
    provider = Provider.objects.first()
    association = Association.objects.first()
    assert decision_for(provider).cull_after_years == 10
    assert decision_for(association).keep_forever


def test_w3_7_a_page_no_decision_covers_has_none():
    RetentionDecision.objects.all().delete()
    assert decision_for(ContentPage.objects.first()) is None


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"keep_forever": True, "cull_after_years": 5}, "cull_after_years"),
        ({"keep_forever": False, "cull_after_years": None}, "cull_after_years"),
        ({"scope": RetentionScope.SECTION, "cull_after_years": 5}, "section"),
        ({"scope": RetentionScope.PAGE_TYPE, "cull_after_years": 5}, "content_type"),
    ],
)
def test_w3_7_a_decision_must_say_what_it_covers_and_how_long(fields, field):
    data = {"title": "X", "legal_basis": "Arkivlagen", "reference": "KS 1", **fields}
    data.setdefault("scope", RetentionScope.REGISTER)
    data.setdefault("content_type", ContentType.objects.get_for_model(Provider))
    if data["scope"] != RetentionScope.REGISTER:
        data.pop("content_type")
    with pytest.raises(ValidationError) as refused:
        RetentionDecision(**data).full_clean()
    assert field in refused.value.message_dict


def test_w3_7_a_page_type_decision_must_name_a_page_type():
    refused = RetentionDecision(
        title="X",
        legal_basis="Arkivlagen",
        reference="KS 1",
        scope=RetentionScope.PAGE_TYPE,
        content_type=ContentType.objects.get_for_model(Provider),
        cull_after_years=3,
    )
    with pytest.raises(ValidationError) as error:
        refused.full_clean()
    assert "content_type" in error.value.message_dict


def test_w3_7_the_infomaster_adds_a_decision_in_the_admin_and_bad_input_is_refused(
    client, demo_user
):
    client.force_login(demo_user("infomaster"))
    url = reverse("retention_decisions:add")
    assert client.get(url).status_code == 200
    section = StartPage.main(Audience.PUBLIC)
    form = {
        "title": "Kommunens webbplats",
        "scope": RetentionScope.SECTION,
        "section": section.pk,
        "content_type": "",
        "keep_forever": "on",
        "cull_after_years": "4",
        "reference": "KS 2026-0001",
        "decided_on": "2026-01-15",
        "legal_basis": "Arkivlagen",
        "note": "",
    }
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "Ett beslut att bevara för alltid har ingen gallringstid" in refused.content.decode()
    assert not RetentionDecision.objects.filter(reference="KS 2026-0001").exists()
    form["cull_after_years"] = ""
    assert client.post(url, form).status_code == 302
    assert RetentionDecision.objects.get(reference="KS 2026-0001").keep_forever


def test_w3_7_only_the_infomaster_keeps_the_decisions(client, demo_user):
    client.force_login(demo_user("huvudredaktor.utbildning"))
    assert client.get(reverse("retention_decisions:index")).status_code == 200
    assert client.get(reverse("retention_decisions:add")).status_code in (302, 403)
    client.force_login(demo_user("medarbetare"))
    assert client.get(reverse("retention_decisions:index")).status_code in (302, 403)


def test_w3_7_the_page_edit_view_shows_the_decision_that_applies(client, demo_user):
    client.force_login(demo_user("huvudredaktor.utbildning"))
    page = ContentPage.objects.get(title="Ansök om plats i förskola")
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Arkivering (W3.7): Kommunens externa webbplats, KS 2023-0412" in html
    assert reverse("navet_archive_page", args=[page.pk]) in html
