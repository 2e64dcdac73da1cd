"""The page types of both sites and the sender every page shows (W3.3d)."""

import pytest
from django.utils import timezone

from navet.organisation.models import Person, Unit
from navet.web.models import (
    ContentPage,
    NewsIndexPage,
    NewsPage,
    SectionPage,
    StartPage,
)


@pytest.mark.django_db
def test_both_start_pages_are_swedish(public_client, intranet_client, demo_user):
    public = public_client.get("/")
    assert public.status_code == 200
    assert '<html lang="sv"' in public.content.decode()
    assert "Linköpings kommun" in public.content.decode()

    intranet_client.force_login(demo_user("medarbetare"))
    intranet = intranet_client.get("/")
    assert intranet.status_code == 200
    content = intranet.content.decode()
    assert "site-intranet" in content
    assert "Intranät" in content
    assert 'name="robots" content="noindex' in content


@pytest.mark.django_db
@pytest.mark.parametrize("page_type", [SectionPage, ContentPage, NewsIndexPage, NewsPage])
def test_every_public_page_type_renders(public_client, page_type):
    page = page_type.objects.live().public().first()
    response = public_client.get(page.get_url_parts()[2])
    assert response.status_code == 200
    assert f"<h1>{page.title}</h1>" in response.content.decode()


@pytest.mark.django_db
def test_W3_3d_content_page_shows_its_sender_unit_and_contact(public_client):
    page = ContentPage.objects.get(title="Ansök om plats i förskola")
    content = public_client.get(page.get_url_parts()[2]).content.decode()
    assert "Ansvarig för sidan" in content
    assert "Utbildningsförvaltningen" in content
    assert page.contact.full_name in content
    assert f"mailto:{page.contact.email}" in content


@pytest.mark.django_db
def test_W3_3d_sender_falls_back_to_the_units_contact_details(public_client):
    page = NewsPage.objects.live().public().filter(contact__isnull=True).first()
    unit = page.owning_unit
    content = public_client.get(page.get_url_parts()[2]).content.decode()
    assert unit.name in content
    assert unit.email in content


@pytest.mark.django_db
def test_W3_3d_owning_unit_is_inherited_from_the_section():
    section = Unit.objects.get(name="Socialförvaltningen").public_section
    page = ContentPage(title="Ny sida om stöd", slug="ny-sida-om-stod")
    section.add_child(instance=page)
    assert page.owning_unit.name == "Socialförvaltningen"


@pytest.mark.django_db
def test_W3_3d_explicit_owning_unit_is_kept():
    section = Unit.objects.get(name="Socialförvaltningen").public_section
    leanlink = Unit.objects.get(name="Leanlink")
    page = ContentPage(title="Samarbete", slug="samarbete", owning_unit=leanlink)
    section.add_child(instance=page)
    assert page.owning_unit == leanlink


@pytest.mark.django_db
def test_news_page_has_an_ingress_shown_first(public_client):
    news = NewsPage.objects.live().public().order_by("-date").first()
    assert news.ingress
    content = public_client.get(news.get_url_parts()[2]).content.decode()
    assert content.index(news.ingress) < content.index("Ansvarig för sidan")
    assert 'class="ingress"' in content


@pytest.mark.django_db
def test_public_start_page_never_lists_intranet_news(public_client):
    content = public_client.get("/").content.decode()
    intranet_only = NewsPage.objects.descendant_of(StartPage.main("intranet")).filter(
        also_public=False
    )
    assert intranet_only.exists()
    for news in intranet_only:
        assert news.title not in content


@pytest.mark.django_db
def test_page_type_rules():
    assert StartPage.can_exist_under(StartPage.objects.first().get_parent())
    assert not NewsPage.can_exist_under(SectionPage.objects.first())
    assert NewsPage.can_exist_under(NewsIndexPage.objects.first())
    assert not SectionPage.can_exist_under(NewsIndexPage.objects.first())


@pytest.mark.django_db
def test_news_index_paginates_and_tolerates_bad_page_numbers(public_client):
    index = NewsIndexPage.objects.live().public().first()
    for value in ("1", "999", "x", "-1", "1e9"):
        response = public_client.get(index.get_url_parts()[2], {"sida": value})
        assert response.status_code == 200


@pytest.mark.django_db
def test_unknown_public_path_gives_a_swedish_404(public_client):
    response = public_client.get("/finns-inte-alls/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


@pytest.mark.django_db
def test_sender_shows_contact_person_title():
    person = Person.objects.get(user__username="huvudredaktor.utbildning")
    page = ContentPage.objects.filter(contact=person).first()
    assert page.sender["name"] == person.full_name
    assert page.sender["unit"].name == "Utbildningsförvaltningen"
    assert page.last_published_at <= timezone.now()
